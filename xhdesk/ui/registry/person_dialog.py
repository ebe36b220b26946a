"""新增/编辑人员: the person's file, validated as you type; birth date and gender follow the ID."""

from __future__ import annotations

from datetime import date
from typing import Any

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import parse_date, parse_id_number, require_text, validate_phone
from xhdesk.data.core.vocab import (
    DEVELOPMENT_STAGES,
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PARTY_STATUSES,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
)
from xhdesk.data.models import Branch, Enterprise, Person, Station
from xhdesk.data.registry.details import get_record, options, towns
from xhdesk.data.registry.persons import add_person, update_person
from xhdesk.i18n import tr
from xhdesk.ui.common.form import (
    FormDialog,
    choice_box,
    code_edit,
    line_edit,
    picker,
    town_box,
)


def _joined_on(value: str) -> date:
    day = parse_date(value, field="joined_party_on", label="入党日期")
    if day > date.today():
        raise ValidationError("入党日期不能晚于今天。", field="joined_party_on")
    return day


class PersonDialog(FormDialog):
    """Add a person (``person_id`` None) or edit one; the ID number is shown in full only here."""

    columns = 2

    def __init__(self, store, person_id: str | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "编辑人员" if person_id else "新增人员", parent)
        self.person_id = person_id
        self.person: Person | None = get_record(store, Person, person_id) if person_id else None
        p = self.person
        self.set_heading(
            tr("带 * 的为必填项。出生日期和性别由身份证号码自动识别。")
            if p is None
            else tr(f"正在编辑：{p.name}（修改会记入变更记录）")
        )
        self.add_field(
            "name",
            "姓名",
            line_edit(p.name if p else "", "如：张三", 30),
            lambda v: require_text(v, field="name", label="姓名", max_length=30),
            required=True,
        )
        self.add_field(
            "id_number",
            "身份证号",
            code_edit(p.id_number if p else "", "18位，最后一位可为X", 18),
            parse_id_number,
            required=True,
        )
        self.derived = self.add_note("derived", "性别/出生日期")
        self.add_field(
            "phone",
            "手机号",
            code_edit(p.phone if p else "", "11位手机号", 11),
            lambda v: validate_phone(v, required=False),
        )
        self.add_field(
            "occupation",
            "职业群体",
            choice_box(list(OCCUPATIONS.items()), p.occupation if p else None, empty=p is None),
            required=True,
        )
        self.add_field(
            "political_status",
            "政治面貌",
            choice_box(list(POLITICAL_STATUSES.items()), p.political_status if p else "masses"),
            required=True,
        )
        self.add_field(
            "development_stage",
            "入党发展阶段",
            choice_box(list(DEVELOPMENT_STAGES.items()), p.development_stage if p else None, True),
        )
        joined = p.joined_party_on.isoformat() if p and p.joined_party_on else ""
        self.add_field(
            "joined_party_on", "入党日期", line_edit(joined, "如 2020-07-01", 12), _joined_on
        )
        self.add_field(
            "membership_relation",
            "组织关系",
            choice_box(
                list(MEMBERSHIP_RELATIONS.items()), p.membership_relation if p else None, True
            ),
        )
        self.add_field(
            "enterprise_id",
            "所属企业",
            picker(options(store, Enterprise), p.enterprise_id if p else None),
        )
        self.add_field(
            "branch_id", "所在党支部", picker(options(store, Branch), p.branch_id if p else None)
        )
        self.add_field(
            "station_id",
            "常驻驿站",
            picker(options(store, Station, "code"), p.station_id if p else None),
        )
        town = town_box(towns(store), p.town if p else None)
        self.add_field("town", "镇街", town)
        self.add_field(
            "status",
            "在岗状态",
            choice_box(list(PERSON_STATUSES.items()), p.status if p else "active"),
        )
        self.add_field("pioneer_post", "先锋示范岗", line_edit(p.pioneer_post if p else "", "", 60))
        self.add_field(
            "responsibility_area",
            "党员责任区",
            line_edit(p.responsibility_area if p else "", "", 60),
        )
        self.add_field("address", "住址", line_edit(p.address if p else "", "", 120), span=2)
        self.on_field_changed("id_number")
        self.on_field_changed("political_status")
        self.finish()
        self.resize(860, self.sizeHint().height())

    def on_field_changed(self, key: str) -> None:
        if key == "id_number":
            try:
                info = parse_id_number(self.value("id_number"))
            except ValidationError:
                self.derived.setText(tr("输入有效的身份证号码后自动识别"))
            else:
                self.derived.setText(
                    f"{info.gender} · {info.birth_date:%Y年%m月%d日} · {date.today().year - info.birth_date.year}岁"
                )
        if key == "political_status":
            party = self.value("political_status") in PARTY_STATUSES
            for name in ("joined_party_on", "membership_relation"):
                self.widget(name).setEnabled(party)
            self.widget("development_stage").setEnabled(not party)

    def cross_check(self) -> dict[str, str]:
        party = self.value("political_status") in PARTY_STATUSES
        if not party and self.value("joined_party_on"):
            return {"joined_party_on": tr("非党员不能填写入党日期，请清空或修改政治面貌。")}
        return {}

    def _values(self) -> dict[str, Any]:
        values = self.values()
        party = values["political_status"] in PARTY_STATUSES
        if not party:
            values["joined_party_on"] = None
            values["membership_relation"] = None
        else:
            values["development_stage"] = None
        values["town"] = values["town"] or ""
        return values

    def save(self) -> Changes | None:
        values = self._values()
        if self.person is None:
            person = add_person(self.store, values)
            self.person_id = person.id
            return None
        current = {k: getattr(self.person, k) for k in values}
        if current.get("joined_party_on") is not None:
            current["joined_party_on"] = current["joined_party_on"].isoformat()
        changed = {k: v for k, v in values.items() if v != current.get(k)}
        if not changed:
            return None
        return update_person(self.store, self.person.id, changed)
