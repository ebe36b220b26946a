"""新增/编辑企业档案 (一企一档): the enterprise with its four contacts of the programme."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QSpinBox

from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text, validate_credit_code
from xhdesk.data.core.vocab import ENTERPRISE_KINDS
from xhdesk.data.models import Committee, Enterprise, Instructor
from xhdesk.data.registry.details import get_record, options, towns
from xhdesk.data.registry.organisation import (
    add_enterprise,
    update_enterprise,
    validate_contact_phone,
)
from xhdesk.i18n import tr
from xhdesk.ui.common.form import (
    FormDialog,
    choice_box,
    code_edit,
    date_edit,
    line_edit,
    picker,
    town_box,
)

# 一企一档's three roles (the coverage of the 100% promises reads them).
ROLES = (
    ("liaison_leader", "分管领导"),
    ("section_staff", "职能科室人员"),
    ("party_worker", "专职党务工作者"),
)


class EnterpriseDialog(FormDialog):
    columns = 2

    def __init__(self, store, enterprise_id: str | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "编辑企业档案" if enterprise_id else "新增企业档案", parent)
        self.enterprise_id = enterprise_id
        e: Enterprise | None = (
            get_record(store, Enterprise, enterprise_id) if enterprise_id else None
        )
        self.enterprise = e
        self.set_heading(
            tr("一企一档：每家平台企业明确分管领导、职能科室人员、专职党务工作者和党建指导员。")
        )
        self.add_field(
            "name",
            "企业名称",
            line_edit(e.name if e else "", "营业执照上的名称", 80),
            lambda v: require_text(v, field="name", label="企业名称", max_length=80),
            required=True,
            span=2,
        )
        self.add_field(
            "kind",
            "企业类型",
            choice_box(list(ENTERPRISE_KINDS.items()), e.kind if e else None, e is None),
            required=True,
        )
        self.add_field(
            "credit_code",
            "统一社会信用代码",
            code_edit(e.credit_code if e else "", "18位", 18),
            validate_credit_code,
            required=True,
        )
        self.add_field("town", "镇街", town_box(towns(store), e.town if e else None))
        workforce = QSpinBox()
        workforce.setRange(0, 1_000_000)
        workforce.setGroupSeparatorShown(True)
        workforce.setValue(e.workforce if e else 0)
        self.add_field("workforce", "从业人数", workforce)
        self.add_field("address", "地址", line_edit(e.address if e else "", "", 120), span=2)
        self.add_field("contact_name", "联系人", line_edit(e.contact_name if e else "", "", 30))
        self.add_field(
            "contact_phone",
            "联系电话",
            line_edit(e.contact_phone if e else "", "手机或座机", 20),
            validate_contact_phone,
        )
        for key, title in ROLES:
            self.add_field(key, title, line_edit(getattr(e, key) if e else "", "姓名", 30))
            since = getattr(e, f"{key}_since") if e else None
            self.add_field(f"{key}_since", "任职日期", date_edit(since, maximum=date.today()))
        self.add_field(
            "instructor_id",
            "党建指导员",
            picker(options(store, Instructor), e.instructor_id if e else None),
        )
        self.add_field(
            "committee_id",
            "行业党委",
            picker(options(store, Committee), e.committee_id if e else None),
        )
        self.finish()
        self.resize(740, self.sizeHint().height())

    def save(self) -> Changes | None:
        values: dict[str, Any] = self.values()
        values["town"] = values["town"] or ""
        for key, _title in ROLES:  # a date means nothing without the person
            if not values[key]:
                values[f"{key}_since"] = None
        if self.enterprise is None:
            self.enterprise_id = add_enterprise(self.store, values).id
            return None
        changed = {k: v for k, v in values.items() if v != getattr(self.enterprise, k)}
        return update_enterprise(self.store, self.enterprise.id, changed) if changed else None
