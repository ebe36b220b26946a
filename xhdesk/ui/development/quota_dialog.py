"""下达发展党员计划: a committee's or one of its branches' quota for a year."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.development.quota import set_quota
from xhdesk.data.models import Branch, Committee
from xhdesk.data.registry.details import options
from xhdesk.ui.common.form import FormDialog, choice_box, line_edit


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


class QuotaDialog(FormDialog):
    def __init__(self, store: Store, year: int, parent: QWidget | None = None) -> None:
        super().__init__(store, "下达发展党员计划", parent)
        self.set_heading("党支部留空表示行业党委的年度总计划；新就业群体名额包含在计划数之内。")
        self.add_field("year", "年度", _spin(2000, 2100, year))
        self.add_field(
            "committee", "行业党委", choice_box(options(store, Committee)), required=True
        )
        self.add_field("branch", "党支部", choice_box(options(store, Branch), None, True))
        self.add_field("total", "计划发展人数", _spin(0, 999, 0))
        self.add_field("new_employment", "其中新就业群体", _spin(0, 999, 0))
        self.add_field("note", "备注", line_edit("", "", 200))
        self.finish()
        self.resize(440, self.sizeHint().height())

    def cross_check(self) -> dict[str, str]:
        if self.value("new_employment") > self.value("total"):
            return {"new_employment": "新就业群体名额不能超过计划发展人数。"}
        return {}

    def save(self) -> Changes | None:
        v = self.values()
        return set_quota(
            self.store,
            v["year"],
            v["committee"],
            v["branch"],
            v["total"],
            v["new_employment"],
            note=v["note"],
        )
