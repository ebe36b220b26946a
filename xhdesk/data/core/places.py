"""Authority by place: a node writes and takes workflow steps only inside the unit it serves.

A node's place is the unit it is bound to (its enrolment file and the signed registry say which):
a committee covers what lies under it (its branches, its stations, its industry's declarations), a
branch its own members and their declarations, a station what happens at it. The centre, and a
node enrolled before places existed, cover everything (the role rules of
:mod:`xhdesk.data.core.authority` still apply).

The same rule is applied twice, as for roles: to every local write in the unit of work
(:func:`local_refusal`, before anything is committed) and to every incoming change on import
(:class:`PlaceChecker`, with the origin node's place from the signed registry), where a change
outside the origin's place is quarantined with the reason.

A record's place is (the committees above it, its branch, its station), read from the row itself
and the rows it refers to. Only the tables below are bound to places; organisation, catalogues,
rules and the calendar are guarded by the role rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.core.vocab import ROLES, label

PLACE_KINDS = {"committee": "行业党委", "branch": "党支部", "station": "驿站"}
# steps anyone may take on a record of another place (an objection during the public notice)
OPEN_STEPS = {"objection_raised"}


@dataclass(frozen=True)
class Place:
    """The unit a node serves; ``kind`` empty means everything (the centre)."""

    kind: str = ""
    id: str = ""
    code: str = ""
    role: str = "centre"

    @property
    def everything(self) -> bool:
        return not self.kind or not self.id

    def covers(self, where: Where) -> bool:
        if self.everything:
            return True
        if self.kind == "committee":
            return self.id in where.committees
        if self.kind == "branch":
            return where.branch_id == self.id
        return where.station_id == self.id

    def describe(self) -> str:
        who = label(PLACE_KINDS, self.kind)
        return f"{label(ROLES, self.role)}节点（{self.code or who}）只能办理本{who}范围内的事务"


@dataclass(frozen=True)
class Where:
    """Where a record sits: the committees above it, its branch, its station."""

    committees: frozenset[str] = frozenset()
    branch_id: str | None = None
    station_id: str | None = None


class Lookup:
    """Rows by (table, id) from a connection, and rows not yet there (same write or package)."""

    def __init__(self, conn: sa.Connection, pending: dict[tuple[str, str], dict] | None = None):
        self.conn = conn
        self.pending = pending if pending is not None else {}
        self._cache: dict[tuple[str, str], dict[str, Any] | None] = {}

    def row(self, tbl: str, row_id: str | None) -> dict[str, Any] | None:
        if not row_id:
            return None
        key = (tbl, row_id)
        if key in self.pending:
            return self.pending[key]
        if key not in self._cache:
            found = self.conn.exec_driver_sql(
                f'SELECT * FROM "{tbl}" WHERE id = ?', (row_id,)
            ).first()
            self._cache[key] = dict(found._mapping) if found is not None else None
        return self._cache[key]

    def parent_committee(self, tbl: str, row_id: str | None) -> str | None:
        row = self.row(tbl, row_id)
        return row.get("committee_id") if row else None

    def where(
        self,
        branch_id: str | None,
        station_id: str | None,
        committee_id: str | None = None,
        also: Where | None = None,
    ) -> Where:
        committees = {
            committee_id,
            self.parent_committee("branch", branch_id),
            self.parent_committee("station", station_id),
        }
        if also is not None:
            committees |= also.committees
        return Where(
            frozenset(c for c in committees if c),
            branch_id or (also.branch_id if also else None),
            station_id or (also.station_id if also else None),
        )


def _person(lookup: Lookup, person_id: str | None) -> Where | None:
    row = lookup.row("person", person_id)
    if row is None:
        return None
    return lookup.where(row.get("branch_id"), row.get("station_id"))


def _person_change(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    if op == "insert":
        return lookup.where(data.get("branch_id"), data.get("station_id"))
    return _person(lookup, row_id)  # an edit: where the person is now, before the edit


def _declaration_row(lookup: Lookup, row: dict[str, Any] | None) -> Where | None:
    """A declaration belongs to the committee it names (the one that confirms it), not to the
    committee of the station where it was taken."""
    if row is None:
        return None
    where = lookup.where(row.get("branch_id"), row.get("station_id"), row.get("committee_id"))
    if row.get("committee_id"):
        return Where(frozenset({row["committee_id"]}), where.branch_id, where.station_id)
    return where


def _declaration(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    return _declaration_row(lookup, data if op == "insert" else lookup.row("declaration", row_id))


def _by_declaration(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    if data.get("kind") in OPEN_STEPS:
        return None
    return _declaration_row(lookup, lookup.row("declaration", data.get("declaration_id")))


def _ledger(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    by_decl = _declaration_row(lookup, lookup.row("declaration", data.get("declaration_id")))
    return by_decl if by_decl is not None else _person(lookup, data.get("person_id"))


def _at_station(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    """A redemption or a request: at its station, for its person (a walk-in has none)."""
    person = _person(lookup, data.get("person_id"))
    return lookup.where(None, data.get("station_id"), also=person)


def _request(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    row = data if op == "insert" else lookup.row("service_request", row_id)
    return _at_station(lookup, row_id, op, row) if row is not None else None


def _by_request(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    row = lookup.row("service_request", data.get("request_id"))
    return _at_station(lookup, row_id, "insert", row) if row is not None else None


def _by_person(lookup: Lookup, row_id: str, op: str, data: dict) -> Where | None:
    return _person(lookup, data.get("person_id"))


RECORDS: dict[str, Any] = {
    "person": _person_change,
    "verification": _by_person,
    "declaration": _declaration,
    "declaration_event": _by_declaration,
    "declaration_attachment": _by_declaration,
    "ledger_entry": _ledger,
    "redemption": _at_station,
    "service_request": _request,
    "request_event": _by_request,
}
WHAT = {
    "person": "人员信息",
    "verification": "人员核查",
    "declaration": "积分申报",
    "declaration_event": "积分审核步骤",
    "declaration_attachment": "申报附件",
    "ledger_entry": "积分流水",
    "redemption": "积分兑换",
    "service_request": "诉求",
    "request_event": "诉求办理步骤",
}


def refusal(place: Place, lookup: Lookup, tbl: str, row_id: str, op: str, data: dict) -> str | None:
    """Why a node of ``place`` may not make this change, or None."""
    if place.everything or tbl not in RECORDS:
        return None
    where = RECORDS[tbl](lookup, row_id, op, data)
    if where is None or place.covers(where):
        return None
    return f"{place.describe()}，此{WHAT[tbl]}不在其范围内"


def place_of_node(role: str, kind: str, unit_id: str, code: str) -> Place:
    return Place(kind, unit_id, code, role) if role != "centre" else Place(role=role)


def local_place(conn: sa.Connection, role: str | None = None) -> Place:
    """This installation's place, from what its enrolment file recorded (the centre: all);
    ``role`` defaults to the node's own, as recorded too."""
    state: dict[str, str] = dict(
        conn.exec_driver_sql(
            "SELECT key, value FROM local_state WHERE key IN ('node_role', 'place_kind', "
            "'place_id', 'place_code')"
        ).all()
    )
    return place_of_node(
        role or state.get("node_role", "centre"),
        state.get("place_kind", ""),
        state.get("place_id", ""),
        state.get("place_code", ""),
    )


def record_refusal(store: Any, record: Any) -> str | None:
    """Why this node may not write to or take a step on ``record``, or None."""
    place: Place = store.place
    tbl = getattr(record, "__tablename__", "")
    if place.everything or tbl not in RECORDS:
        return None
    data = record.model_dump()
    with store.engine.connect() as conn:
        where = RECORDS[tbl](Lookup(conn), record.id, "insert", data)
    if where is None or place.covers(where):
        return None
    return f"{place.describe()}，此{WHAT[tbl]}不在其范围内。"


def may_act(store: Any, record: Any) -> bool:
    """Whether this node may write to or take a step on ``record`` (a person, declaration,
    request…): a cheap predicate for the window, which shows only what is allowed."""
    return record_refusal(store, record) is None


def require_place(store: Any, record: Any) -> None:
    """Refuse early (before the workflow's own checks) a step on a record outside the place."""
    reason = record_refusal(store, record)
    if reason:
        raise PermissionDenied(reason)


class PlaceChecker:
    """The place rule on import: each change against its origin node's place (signed registry)."""

    def __init__(self, conn: sa.Connection, places: dict[str, Place], inserts: dict) -> None:
        self.places = places
        self.lookup = Lookup(conn, inserts)

    def refusal(self, node_id: str, tbl: str, row_id: str, op: str, data: dict) -> str | None:
        place = self.places.get(node_id)
        if place is None:
            return None
        return refusal(place, self.lookup, tbl, row_id, op, data)
