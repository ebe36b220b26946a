"""The catalogue the centre maintains: service kinds (the 14), departments (the 15), offerings."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from xhdesk.data.core import authority
from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import apply_fields, get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text
from xhdesk.data.models import Station
from xhdesk.data.models.requests import Department, ServiceKind, StationOffering

# (name, contact, phone) — the demo set; contacts are fictional.
DEFAULT_DEPARTMENTS: list[tuple[str, str, str]] = [
    ("人社局", "劳动监察科", "0523-83231201"),
    ("司法局", "法律援助中心", "0523-83231202"),
    ("卫健委", "医政科", "0523-83231203"),
    ("总工会", "权益保障部", "0523-83231204"),
    ("交通运输局", "运输管理科", "0523-83231205"),
    ("市场监管局", "消费者权益保护科", "0523-83231206"),
    ("公安局交警大队", "车管所", "0523-83231207"),
    ("住建局", "住房保障科", "0523-83231208"),
    ("民政局", "社会救助科", "0523-83231209"),
    ("教育局", "基础教育科", "0523-83231210"),
    ("团市委", "青少年发展部", "0523-83231211"),
    ("妇联", "家庭和儿童工作部", "0523-83231212"),
    ("邮政管理局", "市场监管科", "0523-83231213"),
    ("医保局", "待遇保障科", "0523-83231214"),
    ("商务局", "电子商务科", "0523-83231215"),
]

# (name, default department, time limit in working days, description, icon)
DEFAULT_KINDS: list[tuple[str, str, int, str, str]] = [
    ("政策咨询", "人社局", 3, "社保、就业、落户等政策解答", "fa5s.question-circle"),
    ("法律援助", "司法局", 10, "劳动争议、交通事故等法律咨询与援助", "fa5s.balance-scale"),
    ("医疗救助", "卫健委", 5, "就医困难、大病救助申请", "fa5s.hospital"),
    ("职工互助保险", "总工会", 5, "职工互助保障参保与理赔", "fa5s.shield-alt"),
    ("劳动权益维护（欠薪）", "人社局", 5, "欠薪、超时劳动、违法扣款投诉", "fa5s.hand-holding-usd"),
    ("技能培训", "人社局", 10, "职业技能培训与补贴申领", "fa5s.chalkboard-teacher"),
    ("子女托管", "团市委", 5, "寒暑假托管、四点半课堂报名", "fa5s.child"),
    ("心理疏导", "卫健委", 3, "心理咨询与情绪疏导", "fa5s.comments"),
    ("就业帮扶", "人社局", 7, "岗位推荐、创业扶持", "fa5s.briefcase"),
    ("住房保障", "住建局", 15, "公租房、人才公寓申请", "fa5s.home"),
    ("交通出行", "交通运输局", 5, "电动车通行、停车、充电等出行问题", "fa5s.motorcycle"),
    ("车辆维修", "市场监管局", 3, "车辆维修点推荐与维修纠纷", "fa5s.tools"),
    ("证照办理", "公安局交警大队", 7, "驾驶证、从业资格证等证照办理", "fa5s.id-card"),
    ("困难帮扶", "民政局", 7, "临时救助、节日慰问、困难补助", "fa5s.hands-helping"),
]


def _centre_only(role: str, op: str, data: dict[str, Any]) -> str | None:
    if role != "centre":
        return "服务事项目录、职能部门、驿站服务清单和工作日历只能由中心节点维护。"
    return None


for _table in ("department", "service_kind", "station_offering", "calendar_day"):
    authority.register(_table, _centre_only)


# -- reading ---------------------------------------------------------------------------------
def list_departments(session: Session) -> list[Department]:
    stmt = select(Department).where(Department.deleted == False)  # noqa: E712
    return list(session.exec(stmt.order_by(col(Department.sort_order), col(Department.name))).all())


def list_kinds(session: Session) -> list[ServiceKind]:
    stmt = select(ServiceKind).where(ServiceKind.deleted == False)  # noqa: E712
    return list(
        session.exec(stmt.order_by(col(ServiceKind.sort_order), col(ServiceKind.name))).all()
    )


def offered_kind_ids(session: Session, station_id: str) -> set[str]:
    """Kinds this station offers; a station with no list offers every kind."""
    rows = session.exec(
        select(StationOffering.kind_id).where(
            StationOffering.station_id == station_id,
            StationOffering.deleted == False,  # noqa: E712
        )
    ).all()
    return set(rows) or {k.id for k in list_kinds(session)}


# -- writing (centre only) -------------------------------------------------------------------
def _clean_department(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in ("name", "contact", "phone", "sort_order")}
    if "name" in out or not values.get("_existing"):
        out["name"] = require_text(out.get("name"), field="name", label="部门名称", max_length=40)
    for key, length in (("contact", 30), ("phone", 20)):
        if key in out:
            out[key] = (out[key] or "").strip()[:length]
    return out


def save_department(
    store: Store,
    values: dict[str, Any],
    department_id: str | None = None,
    author: str | None = None,
) -> Department:
    require_role(store.node_role, ("centre",), "维护职能部门")
    clean = _clean_department({**values, "_existing": department_id is not None})
    with store.unit_of_work(author) as uow:
        if department_id is None:
            row = Department(**clean)
            uow.add(row)
        else:
            row = get_live(uow, Department, department_id, "职能部门")
            apply_fields(row, clean)
    return row


def _clean_kind(session: Session, values: dict[str, Any], existing: bool) -> dict[str, Any]:
    keys = ("name", "department_id", "time_limit_days", "description", "icon", "sort_order")
    out = {k: v for k, v in values.items() if k in keys}
    if "name" in out or not existing:
        out["name"] = require_text(out.get("name"), field="name", label="事项名称", max_length=40)
    if "time_limit_days" in out or not existing:
        try:
            days = int(out.get("time_limit_days", 0))
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= 60:
            raise ValidationError("办理时限应为1至60个工作日。", field="time_limit_days")
        out["time_limit_days"] = days
    if out.get("department_id"):
        get_live(session, Department, out["department_id"], "职能部门")
    elif "department_id" in out:
        out["department_id"] = None
    if "description" in out:
        out["description"] = (out["description"] or "").strip()[:300]
    return out


def save_kind(
    store: Store, values: dict[str, Any], kind_id: str | None = None, author: str | None = None
) -> ServiceKind:
    """Add a service kind or edit one (name, default department, time limit, description)."""
    require_role(store.node_role, ("centre",), "维护服务事项")
    with store.unit_of_work(author) as uow:
        clean = _clean_kind(uow.session, values, existing=kind_id is not None)
        if kind_id is None:
            row = ServiceKind(**clean)
            uow.add(row)
        else:
            row = get_live(uow, ServiceKind, kind_id, "服务事项")
            apply_fields(row, clean)
    return row


def set_offerings(
    store: Store, station_id: str, kind_ids: set[str], author: str | None = None
) -> Changes:
    """Make ``kind_ids`` exactly the kinds ``station_id`` offers."""
    require_role(store.node_role, ("centre",), "维护驿站服务清单")
    with store.unit_of_work(author) as uow:
        get_live(uow, Station, station_id, "驿站")
        for kind_id in kind_ids:
            get_live(uow, ServiceKind, kind_id, "服务事项")
        rows = uow.session.exec(
            select(StationOffering).where(StationOffering.station_id == station_id)
        ).all()
        have = {r.kind_id: r for r in rows}
        for kind_id, row in have.items():
            wanted = kind_id in kind_ids
            if row.deleted == wanted:
                row.deleted = not wanted
        for kind_id in kind_ids - set(have):
            uow.add(StationOffering(station_id=station_id, kind_id=kind_id))
    return uow.changes


def install_default_catalogue(store: Store, author: str | None = None) -> Changes:
    """The 15 departments and 14 kinds of the demo set (skipped if a catalogue exists)."""
    require_role(store.node_role, ("centre",), "维护服务事项")
    with store.unit_of_work(author) as uow:
        if uow.session.exec(select(ServiceKind.id).limit(1)).first() is not None:
            return uow.changes
        depts = {}
        for order, (name, contact, phone) in enumerate(DEFAULT_DEPARTMENTS):
            depts[name] = Department(name=name, contact=contact, phone=phone, sort_order=order)
            uow.add(depts[name])
        for order, (name, dept, limit, description, icon) in enumerate(DEFAULT_KINDS):
            uow.add(
                ServiceKind(
                    name=name,
                    department_id=depts[dept].id,
                    time_limit_days=limit,
                    description=description,
                    icon=icon,
                    sort_order=order,
                )
            )
    return uow.changes


def department_choices(store: Store) -> list[tuple[str, str, str]]:
    """(id, name, contact) of the live departments, in their order."""
    with store.session() as session:
        return [(d.id, d.name, d.contact) for d in list_departments(session)]


def filter_choices(store: Store) -> dict[str, list[tuple[str, str]]]:
    """(value, label) lists for the requests tab's filters: stations, kinds, departments."""
    with store.session() as session:
        stations = session.exec(
            select(Station.id, Station.name)
            .where(Station.deleted == False)  # noqa: E712
            .order_by(Station.code)
        ).all()
        return {
            "station": [(sid, name) for sid, name in stations],
            "kind": [(k.id, k.name) for k in list_kinds(session)],
            "department": [(d.id, d.name) for d in list_departments(session)],
        }


def catalogue_overview(store: Store) -> tuple[list[ServiceKind], list[Department]]:
    """The live kinds and departments, for the catalogue editor."""
    with store.session() as session:
        return list_kinds(session), list_departments(session)
