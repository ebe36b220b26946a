"""Persons (从业人员): add, edit, soft delete, restore, and the 双核 verifications."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import col, select

from xhdesk.data.core import pinyin
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live, set_deleted, update_record
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.validation import parse_date, parse_id_number, require_text, validate_phone
from xhdesk.data.core.vocab import (
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PARTY_STATUSES,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
)
from xhdesk.data.models import Branch, Enterprise, Person, Station, Verification

VERIFICATION_KINDS = {"org_check": "组织部门核实", "industry_check": "行业部门核实"}

EDITABLE = (
    "name id_number phone occupation enterprise_id political_status development_stage branch_id "
    "joined_party_on membership_relation station_id pioneer_post responsibility_area status town "
    "address"
).split()


def _choice(values: dict[str, Any], key: str, vocabulary: dict[str, str], label: str) -> None:
    if key in values and values[key] not in vocabulary:
        raise ValidationError(f"{label}无效：{values[key]}", field=key)


def _optional_date(values: dict[str, Any], key: str, label: str) -> None:
    if key in values:
        raw = values[key]
        values[key] = parse_date(raw, field=key, label=label) if raw not in (None, "") else None


def clean_person(values: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise person fields; derive gender, birth date and pinyin."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    out = dict(values)
    if "name" in out:
        out["name"] = require_text(out["name"], field="name", label="姓名", max_length=30)
        out.update(pinyin.name_fields(out["name"]))
    if "id_number" in out:
        info = parse_id_number(out["id_number"])
        out.update(id_number=info.number, birth_date=info.birth_date, gender=info.gender)
    if "phone" in out:
        out["phone"] = validate_phone(out["phone"], required=False)
    _choice(out, "occupation", OCCUPATIONS, "职业群体")
    _choice(out, "political_status", POLITICAL_STATUSES, "政治面貌")
    _choice(out, "status", PERSON_STATUSES, "在岗状态")
    if out.get("membership_relation"):
        _choice(out, "membership_relation", MEMBERSHIP_RELATIONS, "组织关系")
    _optional_date(out, "joined_party_on", "入党日期")
    for key in (
        "enterprise_id",
        "branch_id",
        "station_id",
        "development_stage",
        "membership_relation",
    ):
        if key in out and not out[key]:
            out[key] = None
    return out


def _check_links(uow: UnitOfWork, values: dict[str, Any]) -> None:
    for key, model, what in (
        ("enterprise_id", Enterprise, "所属企业"),
        ("branch_id", Branch, "所在党支部"),
        ("station_id", Station, "所属驿站"),
    ):
        if values.get(key):
            get_live(uow, model, values[key], what)


def _check_unique_id_number(uow: UnitOfWork, number: str, own_id: str | None) -> None:
    stmt = select(Person.id, Person.name).where(
        Person.id_number == number,
        Person.deleted == False,  # noqa: E712
    )
    for other_id, name in uow.session.exec(stmt).all():
        if other_id != own_id:
            raise ValidationError(
                f"身份证号码已登记在 {name} 名下，请勿重复录入。", field="id_number"
            )


def _check_party_fields(person: Person) -> None:
    if person.political_status not in PARTY_STATUSES and person.joined_party_on:
        raise ValidationError("非党员不能填写入党日期。", field="joined_party_on")
    if person.joined_party_on and person.birth_date and person.joined_party_on < person.birth_date:
        raise ValidationError("入党日期早于出生日期，请核对。", field="joined_party_on")


def add_person(store: Store, values: dict[str, Any], author: str | None = None) -> Person:
    data = clean_person(values)
    for key, label in (("name", "姓名"), ("id_number", "身份证号码"), ("occupation", "职业群体")):
        if not data.get(key):
            raise ValidationError(f"请填写{label}。", field=key)
    with store.unit_of_work(author) as uow:
        _check_links(uow, data)
        _check_unique_id_number(uow, data["id_number"], None)
        person = Person(**data)
        _check_party_fields(person)
        uow.add(person)
    return person


def update_person(
    store: Store, person_id: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    data = clean_person(values)
    with store.unit_of_work(author) as uow:
        _check_links(uow, data)
        if "id_number" in data:
            _check_unique_id_number(uow, data["id_number"], person_id)
        person = update_record(uow, Person, person_id, data, "人员")
        _check_party_fields(person)
    return uow.changes


def delete_persons(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Person, ids, True, author)


def restore_persons(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Person, ids, False, author)


def record_verification(
    store: Store,
    person_id: str,
    kind: str,
    checked_by: str,
    checked_on: date | str | None = None,
    note: str = "",
    author: str | None = None,
) -> Changes:
    """Record one 双核 check: an append-only event, summarised on the person's record."""
    if kind not in VERIFICATION_KINDS:
        raise ValidationError("核实类型应为组织部门核实或行业部门核实。", field="kind")
    checker = require_text(checked_by, field="checked_by", label="核实人", max_length=30)
    when = parse_date(checked_on or date.today(), field="checked_on", label="核实日期")
    if when > date.today():
        raise ValidationError("核实日期不能晚于今天。", field="checked_on")
    with store.unit_of_work(author) as uow:
        person = get_live(uow, Person, person_id, "人员")
        if person.political_status not in PARTY_STATUSES:
            raise ValidationError(f"{person.name} 不是党员，无需双核。")
        uow.add(
            Verification(
                person_id=person_id, kind=kind, checked_by=checker, checked_on=when, note=note
            )
        )
        prefix = "org" if kind == "org_check" else "industry"
        setattr(person, f"{prefix}_checked_by", checker)
        setattr(person, f"{prefix}_checked_on", when)
    return uow.changes


def verifications(store: Store, person_id: str) -> list[Verification]:
    with store.session() as session:
        stmt = select(Verification).where(Verification.person_id == person_id)
        return list(session.exec(stmt.order_by(col(Verification.checked_on))).all())
