"""记录走访: one regular visit (定期走访) to an enterprise — date, who, findings, follow-up."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPlainTextEdit

from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text
from xhdesk.data.models import Enterprise
from xhdesk.data.registry.details import get_record
from xhdesk.data.registry.organisation import log_visit
from xhdesk.i18n import tr
from xhdesk.ui.common.form import FormDialog, date_edit, line_edit


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(tr(placeholder))
    box.setFixedHeight(72)
    return box


class VisitDialog(FormDialog):
    def __init__(self, store, enterprise_id: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "记录走访", parent)
        self.enterprise: Enterprise = get_record(store, Enterprise, enterprise_id)
        self.set_heading(tr(f"走访企业：{self.enterprise.name}"))
        self.add_field("visited_on", "走访日期", date_edit(date.today(), maximum=date.today()))
        self.add_field(
            "visitor",
            "走访人",
            line_edit("", "如：王建国、李娟", 30),
            lambda v: require_text(v, field="visitor", label="走访人", max_length=30),
            required=True,
        )
        self.add_field("findings", "发现问题", _text_box("走访中了解到的情况和问题"))
        self.add_field("follow_up", "跟进措施", _text_box("需要跟进的事项、责任人和时限"))
        self.finish()
        self.resize(480, self.sizeHint().height())

    def save(self) -> Changes | None:
        v = self.values()
        log_visit(
            self.store,
            self.enterprise.id,
            v["visited_on"],
            v["visitor"],
            v["findings"],
            v["follow_up"],
        )
        return None
