"""Organisation management: create, rename, merge and retire committees, branches, stations,
departments and service kinds.

The centre manages every kind; a committee node manages the branches and stations below it (its
place is checked once nodes are bound to places). A merge moves everything that points at unit A
(every live master-data row with a foreign key to it) to unit B and retires A, in one unit of work;
workflow history is append-only and keeps naming A, as it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import SQLModel, select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import PermissionDenied, ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.validation import require_text
from xhdesk.data.core.vocab import BRANCH_KINDS, STATION_KINDS
from xhdesk.data.models import Branch, Committee, MutableEntity, Node, Station, synced_models
from xhdesk.data.models.base import table_of
from xhdesk.data.models.requests import Department, ServiceKind
from xhdesk.data.registry.units import check_unit_code, next_unit_code, own_place


@dataclass(frozen=True)
class UnitKind:
    key: str
    model: Any  # a MutableEntity model with a name
    label: str  # 行业党委
    managers: tuple[str, ...]  # node roles that may manage this kind
    code_field: str  # the column of its short human code ("" if none)


UNIT_KINDS: dict[str, UnitKind] = {
    k.key: k
    for k in (
        UnitKind("committee", Committee, "行业党委", ("centre",), "unit_code"),
        UnitKind("branch", Branch, "党支部", ("centre", "committee"), "code"),
        UnitKind("station", Station, "驿站", ("centre", "committee"), "code"),
        UnitKind("department", Department, "职能部门", ("centre",), ""),
        UnitKind("service_kind", ServiceKind, "服务事项", ("centre",), ""),
    )
}


@dataclass(frozen=True)
class UnitRow:
    """One unit as the organisation window lists it."""

    kind: str
    id: str
    code: str
    name: str
    detail: str  # 类型 / 上级 / 部门


def unit_kind(kind: str) -> UnitKind:
    try:
        return UNIT_KINDS[kind]
    except KeyError:
        raise ValidationError(f"未知的组织单元类型：{kind}") from None


def _may_manage(store: Store, kind: UnitKind) -> str | None:
    """Refuse a node that may not manage ``kind``; a committee's own id (it manages only the
    branches and stations below it), None at the centre."""
    require_role(store.node_role, kind.managers, f"管理{kind.label}")
    if store.node_role != "committee":
        return None
    place = own_place(store)
    if place is None or place.kind != "committee":
        raise PermissionDenied("本节点没有绑定行业党委，不能管理党支部和驿站。")
    return place.id


def _below(own: str | None, committee_id: str | None, what: str) -> None:
    if own is not None and committee_id != own:
        raise PermissionDenied(f"本节点只能管理本行业党委下的{what}。")


def list_org_units(store: Store, kind: str) -> list[UnitRow]:
    """The live units of one kind, in their natural order (code, or the catalogue's order)."""
    k = unit_kind(kind)
    with store.session() as session:
        rows: list[Any] = list(session.exec(select(k.model).where(k.model.deleted == False)).all())  # noqa: E712
        names = {c.id: c.name for c in session.exec(select(Committee)).all()}
        names.update({d.id: d.name for d in session.exec(select(Department)).all()})
    rows.sort(key=lambda r: (getattr(r, "sort_order", 0), getattr(r, k.code_field or "id"), r.name))
    return [UnitRow(kind, r.id, _code(k, r), r.name, _detail(kind, r, names)) for r in rows]


def _code(k: UnitKind, row: Any) -> str:
    return str(getattr(row, k.code_field) or "") if k.code_field else ""


def _detail(kind: str, row: Any, names: dict[str, str]) -> str:
    if kind == "branch":
        return _join(BRANCH_KINDS.get(row.kind, row.kind), names.get(row.committee_id, ""))
    if kind == "station":
        return _join(STATION_KINDS.get(row.kind, row.kind), names.get(row.committee_id or "", ""))
    if kind == "service_kind":
        return names.get(row.department_id or "", "")
    return ""


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _clean(uow: UnitOfWork, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    k = unit_kind(kind)
    data: dict[str, Any] = {
        "name": require_text(values.get("name"), field="name", label="名称", max_length=60)
    }
    if kind == "branch":
        if values.get("kind") not in BRANCH_KINDS:
            raise ValidationError("请选择党支部类型。", field="kind")
        data["kind"] = values["kind"]
        get_live(uow, Committee, values.get("committee_id") or "", "上级行业党委")
        data["committee_id"] = values["committee_id"]
    elif kind == "station":
        data["kind"] = values.get("kind") or "warm_bee"
        if data["kind"] not in STATION_KINDS:
            raise ValidationError("请选择阵地类型。", field="kind")
        if values.get("committee_id"):
            get_live(uow, Committee, values["committee_id"], "上级行业党委")
            data["committee_id"] = values["committee_id"]
    elif kind == "service_kind":
        get_live(uow, Department, values.get("department_id") or "", "承办部门")
        data["department_id"] = values["department_id"]
    if k.code_field:
        code = (values.get("code") or "").strip()
        data[k.code_field] = (
            check_unit_code(uow.session, code, None) if code else next_unit_code(uow.session, kind)
        )
    if kind == "committee":
        data["code"] = data["unit_code"].lower()  # the older internal key, required
    _check_unique_name(uow, k, data["name"], None)
    return data


def _check_unique_name(uow: UnitOfWork, k: UnitKind, name: str, own_id: str | None) -> None:
    stmt = select(k.model.id).where(k.model.name == name, k.model.deleted == False)  # noqa: E712  # type: ignore[attr-defined]
    if any(other != own_id for other in uow.session.exec(stmt).all()):
        raise ValidationError(f"已有同名{k.label}：{name}", field="name")


def create_unit(store: Store, kind: str, values: dict[str, Any]) -> str:
    """Create a unit; its code (committees, branches, stations) is given or the next free one."""
    k = unit_kind(kind)
    own = _may_manage(store, k)
    with store.unit_of_work() as uow:
        data = _clean(uow, kind, values)
        _below(own, data.get("committee_id"), k.label)
        row = uow.add(k.model(**data))
    return row.id


def _managed_row(uow: UnitOfWork, k: UnitKind, own: str | None, unit_id: str, what: str) -> Any:
    row = get_live(uow, k.model, unit_id, what)
    _below(own, getattr(row, "committee_id", None), k.label)
    return row


def rename_unit(store: Store, kind: str, unit_id: str, name: str) -> Changes:
    k = unit_kind(kind)
    own = _may_manage(store, k)
    name = require_text(name, field="name", label="名称", max_length=60)
    with store.unit_of_work() as uow:
        row = _managed_row(uow, k, own, unit_id, k.label)
        _check_unique_name(uow, k, name, unit_id)
        if row.name != name:
            row.name = name
    return uow.changes


def _referrers(model: type[SQLModel]) -> list[tuple[Any, str]]:
    """(master-data model, column) pairs holding a foreign key to ``model``'s table."""
    target = table_of(model).name
    out: list[tuple[Any, str]] = []
    for other in synced_models().values():
        if not issubclass(other, MutableEntity) or other is Node:
            # workflow history is append-only: it keeps the unit it happened in; a node's place is
            # part of its signed enrolment and changes only by issuing it a new node file
            continue
        for column in table_of(other).columns:
            if any(fk.column.table.name == target for fk in column.foreign_keys):
                out.append((other, column.name))
    return out


def references(store: Store, kind: str, unit_id: str) -> int:
    """How many live master-data rows point at the unit."""
    k = unit_kind(kind)
    total = 0
    with store.session() as session:
        for model, column in _referrers(k.model):
            stmt = select(model.id).where(getattr(model, column) == unit_id, model.deleted == False)  # noqa: E712
            total += len(session.exec(stmt).all())
    return total


def merge_units(store: Store, kind: str, source_id: str, target_id: str) -> Changes:
    """Move everything that points at ``source_id`` to ``target_id``, then retire the source."""
    k = unit_kind(kind)
    own = _may_manage(store, k)
    if source_id == target_id:
        raise ValidationError(f"不能把{k.label}合并到它自己。")
    with store.unit_of_work() as uow:
        source = _managed_row(uow, k, own, source_id, f"被合并的{k.label}")
        _managed_row(uow, k, own, target_id, f"合并到的{k.label}")
        for model, column in _referrers(k.model):
            stmt = select(model).where(getattr(model, column) == source_id)
            for row in uow.session.exec(stmt).all():
                setattr(row, column, target_id)
        source.deleted = True
    return uow.changes


def retire_unit(store: Store, kind: str, unit_id: str) -> Changes:
    """Retire (soft-delete) a unit nothing live points at any more; else say to merge first."""
    k = unit_kind(kind)
    own = _may_manage(store, k)
    count = references(store, kind, unit_id)
    if count:
        raise ValidationError(
            f"还有{count}条记录属于该{k.label}，请先把它合并到另一个{k.label}，或把这些记录移走。"
        )
    with store.unit_of_work() as uow:
        _managed_row(uow, k, own, unit_id, k.label).deleted = True
    return uow.changes
