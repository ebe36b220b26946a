"""Stations, enterprises (一企一档), instructors, committees and branches: add and edit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live, set_deleted, update_record
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import (
    parse_date,
    require_text,
    validate_credit_code,
    validate_phone,
)
from xhdesk.data.core.vocab import ENTERPRISE_KINDS, HOST_TYPES, STATION_KINDS, STATION_STATUSES
from xhdesk.data.models import Committee, Enterprise, EnterpriseVisit, Instructor, Station
from xhdesk.data.registry.units import check_unit_code, next_unit_code


def clean_station(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "name" in out:
        out["name"] = require_text(out["name"], field="name", label="驿站名称", max_length=80)
    if "kind" in out and out["kind"] not in STATION_KINDS:
        raise ValidationError("请选择阵地类型。", field="kind")
    if out.get("host_type") and out["host_type"] not in HOST_TYPES:
        raise ValidationError("依托场所类型无效。", field="host_type")
    if "status" in out and out["status"] not in STATION_STATUSES:
        raise ValidationError("运营状态无效。", field="status")
    if out.get("phone"):
        out["phone"] = validate_contact_phone(out["phone"])
    return out


def validate_contact_phone(value: str) -> str:
    """Stations often give a landline (0523-83xxxxxx); accept that or a mobile."""
    text = value.strip()
    digits = text.replace("-", "").replace(" ", "")
    if digits.startswith("0") and digits.isdigit() and 10 <= len(digits) <= 12:
        return text
    return validate_phone(text)


def add_station(store: Store, values: dict[str, Any], author: str | None = None) -> Station:
    data = clean_station(values)
    for key, label in (("name", "驿站名称"), ("kind", "阵地类型")):
        if not data.get(key):
            raise ValidationError(f"请填写{label}。", field=key)
    with store.unit_of_work(author) as uow:
        if data.get("code"):
            data["code"] = check_unit_code(uow.session, data["code"], None)
        else:
            data["code"] = next_unit_code(uow.session, "station")
        station = uow.add(Station(**data))
    return station


def update_station(
    store: Store, station_id: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    data = clean_station(values)
    with store.unit_of_work(author) as uow:
        update_record(uow, Station, station_id, data, "驿站")
    return uow.changes


def clean_enterprise(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "name" in out:
        out["name"] = require_text(out["name"], field="name", label="企业名称", max_length=80)
    if "kind" in out and out["kind"] not in ENTERPRISE_KINDS:
        raise ValidationError("请选择企业类型。", field="kind")
    if "credit_code" in out:
        out["credit_code"] = validate_credit_code(out["credit_code"])
    if out.get("contact_phone"):
        out["contact_phone"] = validate_contact_phone(out["contact_phone"])
    if "workforce" in out:
        try:
            out["workforce"] = int(out["workforce"] or 0)
        except (TypeError, ValueError):
            raise ValidationError("从业人数应为整数。", field="workforce") from None
        if out["workforce"] < 0:
            raise ValidationError("从业人数不能为负数。", field="workforce")
    for key in ("instructor_id", "committee_id"):
        if key in out and not out[key]:
            out[key] = None
    for key, label in (
        ("liaison_leader_since", "分管领导任职日期"),
        ("section_staff_since", "职能科室人员任职日期"),
        ("party_worker_since", "专职党务工作者任职日期"),
    ):
        if out.get(key):
            out[key] = parse_date(out[key], field=key, label=label)
        elif key in out:
            out[key] = None
    return out


def add_enterprise(store: Store, values: dict[str, Any], author: str | None = None) -> Enterprise:
    data = clean_enterprise(values)
    for key, label in (
        ("name", "企业名称"),
        ("kind", "企业类型"),
        ("credit_code", "统一社会信用代码"),
    ):
        if not data.get(key):
            raise ValidationError(f"请填写{label}。", field=key)
    with store.unit_of_work(author) as uow:
        if data.get("instructor_id"):
            get_live(uow, Instructor, data["instructor_id"], "党建指导员")
        _check_unique_credit_code(uow.session, data["credit_code"], None)
        enterprise = uow.add(Enterprise(**data))
    return enterprise


def _check_unique_credit_code(session: Any, code: str, own_id: str | None) -> None:
    stmt = select(Enterprise.id, Enterprise.name).where(
        Enterprise.credit_code == code,
        Enterprise.deleted == False,  # noqa: E712
    )
    for other_id, name in session.exec(stmt).all():
        if other_id != own_id:
            raise ValidationError(f"统一社会信用代码已登记为「{name}」。", field="credit_code")


def update_enterprise(
    store: Store, enterprise_id: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    data = clean_enterprise(values)
    with store.unit_of_work(author) as uow:
        if "credit_code" in data:
            _check_unique_credit_code(uow.session, data["credit_code"], enterprise_id)
        update_record(uow, Enterprise, enterprise_id, data, "企业")
    return uow.changes


def log_visit(
    store: Store,
    enterprise_id: str,
    visited_on: date | str,
    visitor: str,
    findings: str = "",
    follow_up: str = "",
    author: str | None = None,
) -> EnterpriseVisit:
    """Record one 定期走访 of an enterprise."""
    when = parse_date(visited_on, field="visited_on", label="走访日期")
    if when > date.today():
        raise ValidationError("走访日期不能晚于今天。", field="visited_on")
    who = require_text(visitor, field="visitor", label="走访人", max_length=30)
    with store.unit_of_work(author) as uow:
        get_live(uow, Enterprise, enterprise_id, "企业")
        visit = uow.add(
            EnterpriseVisit(
                enterprise_id=enterprise_id,
                visited_on=when,
                visitor=who,
                findings=findings.strip()[:500],
                follow_up=follow_up.strip()[:500],
            )
        )
    return visit


def enterprises_not_visited(
    store: Store, days: int = 90, today: date | None = None
) -> list[tuple[Enterprise, date | None]]:
    """Enterprises with no visit in the last ``days`` days, with their last visit date."""
    cutoff = (today or date.today()) - timedelta(days=days)
    last = (
        select(EnterpriseVisit.enterprise_id, func.max(EnterpriseVisit.visited_on).label("last"))
        .where(EnterpriseVisit.deleted == False)  # noqa: E712
        .group_by(EnterpriseVisit.enterprise_id)
        .subquery()
    )
    stmt = (
        select(Enterprise, last.c.last)
        .join(last, last.c.enterprise_id == Enterprise.id, isouter=True)
        .where(Enterprise.deleted == False)  # noqa: E712
        .where((last.c.last.is_(None)) | (last.c.last < cutoff))
        .order_by(last.c.last.is_not(None), last.c.last, Enterprise.name)
    )
    with store.session() as session:
        return [(e, d) for e, d in session.exec(stmt).all()]


def delete_stations(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Station, ids, True, author)


def restore_stations(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Station, ids, False, author)


def delete_enterprises(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Enterprise, ids, True, author)


def restore_enterprises(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Enterprise, ids, False, author)


def visits(store: Store, enterprise_id: str) -> list[EnterpriseVisit]:
    """The visit log of one enterprise, newest first."""
    stmt = (
        select(EnterpriseVisit)
        .where(EnterpriseVisit.enterprise_id == enterprise_id, EnterpriseVisit.deleted == False)  # noqa: E712
        .order_by(EnterpriseVisit.visited_on.desc())  # type: ignore[attr-defined]
    )
    with store.session() as session:
        return list(session.exec(stmt).all())


# -- instructors (党建指导员) -----------------------------------------------------------------------
def clean_instructor(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - {"name", "phone", "unit", "committee_id"}
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    out = dict(values)
    if "name" in out:
        out["name"] = require_text(out["name"], field="name", label="姓名", max_length=30)
    if "phone" in out:
        out["phone"] = validate_phone(out["phone"], required=False)
    if "unit" in out:
        out["unit"] = (out["unit"] or "").strip()[:60]
    if "committee_id" in out and not out["committee_id"]:
        out["committee_id"] = None
    return out


def add_instructor(store: Store, values: dict[str, Any], author: str | None = None) -> Instructor:
    data = clean_instructor(values)
    if not data.get("name"):
        raise ValidationError("请填写姓名。", field="name")
    with store.unit_of_work(author) as uow:
        if data.get("committee_id"):
            get_live(uow, Committee, data["committee_id"], "行业党委")
        instructor = uow.add(Instructor(**data))
    return instructor


def update_instructor(
    store: Store, instructor_id: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    data = clean_instructor(values)
    with store.unit_of_work(author) as uow:
        if data.get("committee_id"):
            get_live(uow, Committee, data["committee_id"], "行业党委")
        update_record(uow, Instructor, instructor_id, data, "党建指导员")
    return uow.changes


def delete_instructors(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Instructor, ids, True, author)


def restore_instructors(store: Store, ids: list[str], author: str | None = None) -> Changes:
    return set_deleted(store, Instructor, ids, False, author)
