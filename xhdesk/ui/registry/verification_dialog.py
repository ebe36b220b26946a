"""记录核实 (双核): the org department or the industry department confirms a party member."""

from __future__ import annotations

from datetime import date

from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import mask_id_number, require_text
from xhdesk.data.models import Person
from xhdesk.data.registry.details import get_record
from xhdesk.data.registry.persons import VERIFICATION_KINDS, record_verification
from xhdesk.i18n import tr
from xhdesk.ui.common.form import FormDialog, choice_box, date_edit, line_edit


class VerificationDialog(FormDialog):
    def __init__(self, store, person_id: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "记录双核核实", parent)
        self.person: Person = get_record(store, Person, person_id)
        p = self.person
        done = []
        if p.org_checked_on:
            done.append(f"组织部门已于 {p.org_checked_on:%Y-%m-%d} 核实（{p.org_checked_by}）")
        if p.industry_checked_on:
            done.append(
                f"行业部门已于 {p.industry_checked_on:%Y-%m-%d} 核实（{p.industry_checked_by}）"
            )
        self.set_heading(
            tr(f"{p.name}　{mask_id_number(p.id_number)}\n") + ("；".join(done) or tr("尚未核实"))
        )
        pending = (
            "industry_check" if p.org_checked_on and not p.industry_checked_on else "org_check"
        )
        self.add_field(
            "kind", "核实部门", choice_box(list(VERIFICATION_KINDS.items()), pending), required=True
        )
        self.add_field(
            "checked_by",
            "核实人",
            line_edit("", "核实人姓名", 30),
            lambda v: require_text(v, field="checked_by", label="核实人", max_length=30),
            required=True,
        )
        self.add_field("checked_on", "核实日期", date_edit(date.today(), maximum=date.today()))
        self.add_field("note", "备注", line_edit("", "如：经党员档案比对，身份属实", 200))
        self.finish()
        self.resize(460, self.sizeHint().height())

    def save(self) -> Changes | None:
        v = self.values()
        return record_verification(
            self.store, self.person.id, v["kind"], v["checked_by"], v["checked_on"], v["note"]
        )
