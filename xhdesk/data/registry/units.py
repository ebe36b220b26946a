"""Units and their human codes: the committees, branches and stations a node can be bound to.

Every unit has a short code that a person recognises (JT, KD, WL for the industry committees;
B01… for branches; S01… for stations), unique across all kinds, deleted units included (their
numbers live on). The centre is not a unit of this list; its code is :data:`CENTRE_CODE`. Every
human number made on a node carries the code of the node's place (see :func:`node_unit_code`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Writer
from xhdesk.data.models import Branch, Committee, Node, Station
from xhdesk.data.models.base import table_of

CENTRE_CODE = "ZX"  # 中心: the centre's code in numbers (the demo's JF2026-ZX-…, DH2026-ZX-…)
UNIT_KINDS = {"committee": "行业党委", "branch": "党支部", "station": "驿站"}
CODE_LETTERS = {"committee": "W", "branch": "B", "station": "S"}
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]{1,7}")


@dataclass(frozen=True)
class Unit:
    kind: str  # committee / branch / station
    id: str
    code: str
    name: str
    parent_code: str  # the committee's code for a branch or station; the centre's for a committee


def _code_rows(conn: sa.Connection, live_only: bool) -> list[tuple[str, str, str, str, str]]:
    """(kind, id, code, name, parent id) of every unit."""
    c, b, s = table_of(Committee), table_of(Branch), table_of(Station)
    queries = [
        sa.select(sa.literal("committee"), c.c.id, c.c.unit_code, c.c.name, sa.literal(None)),
        sa.select(sa.literal("branch"), b.c.id, b.c.code, b.c.name, b.c.committee_id),
        sa.select(sa.literal("station"), s.c.id, s.c.code, s.c.name, s.c.committee_id),
    ]
    tables = (c, b, s)
    rows: list[tuple[str, str, str, str, str]] = []
    for query, table in zip(queries, tables, strict=True):
        if live_only:
            query = query.where(table.c.deleted.is_(False))
        rows.extend((r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(query).all())
    return rows


def _units(conn: sa.Connection) -> list[Unit]:
    rows = _code_rows(conn, live_only=True)
    committee_codes = {r[1]: r[2] for r in _code_rows(conn, False) if r[0] == "committee"}
    order = {kind: i for i, kind in enumerate(UNIT_KINDS)}
    units = [
        Unit(
            kind,
            row_id,
            code or "",
            name,
            CENTRE_CODE if kind == "committee" else committee_codes.get(parent or "", ""),
        )
        for kind, row_id, code, name, parent in rows
    ]
    return sorted(units, key=lambda u: (order[u.kind], u.code, u.name))


def list_units(store: Store) -> list[Unit]:
    """Every live unit: committees, then branches, then stations, each by code."""
    with store.engine.connect() as conn:
        return _units(conn)


def find_unit(store: Store, code_or_name: str) -> Unit:
    """The unit with this code (any case) or this exact name."""
    wanted = (code_or_name or "").strip()
    units = list_units(store)
    by_code = [u for u in units if u.code and u.code == wanted.upper()]
    if by_code:
        return by_code[0]
    by_name = [u for u in units if u.name == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        codes = "、".join(u.code for u in by_name)
        raise ValidationError(f"有多个单位名为「{wanted}」（{codes}），请用单位代码。")
    raise ValidationError(f"没有代码或名称为「{wanted}」的单位（行业党委、党支部或驿站）。")


def unit_of(session: Session, kind: str, unit_id: str | None) -> Unit | None:
    """The unit ``unit_id`` of ``kind`` (deleted ones too), or None."""
    if not unit_id:
        return None
    if kind == "committee":
        committee = session.get(Committee, unit_id)
        if committee is None:
            return None
        return Unit(kind, committee.id, committee.unit_code, committee.name, CENTRE_CODE)
    row: Branch | Station | None = (
        session.get(Branch, unit_id) if kind == "branch" else session.get(Station, unit_id)
    )
    if row is None:
        return None
    parent = session.get(Committee, row.committee_id) if row.committee_id else None
    return Unit(kind, row.id, row.code, row.name, parent.unit_code if parent else "")


def _all_codes(conn: sa.Connection) -> dict[str, str]:
    """code → unit id, over every unit ever made (deleted ones keep their code)."""
    return {code: row_id for _k, row_id, code, _n, _p in _code_rows(conn, False) if code}


def next_unit_code(session: Session, kind: str) -> str:
    """The next free code of ``kind`` (W01…, B01…, S01…); call it inside the write transaction."""
    if kind not in CODE_LETTERS:
        raise ValidationError(f"单位类别必须是 {'、'.join(UNIT_KINDS)} 之一。")
    letter = CODE_LETTERS[kind]
    used = _all_codes(session.connection())
    serials = [int(c[1:]) for c in used if c.startswith(letter) and c[1:].isdigit()]
    serial = max(serials, default=0) + 1
    while f"{letter}{serial:02d}" in used or f"{letter}{serial:02d}" == CENTRE_CODE:
        serial += 1
    return f"{letter}{serial:02d}"


def check_unit_code(session: Session, code: str, own_id: str | None) -> str:
    """``code`` in capitals if it is well formed and no other unit has it; else ValidationError."""
    code = (code or "").strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise ValidationError(
            "单位代码须为2至8位大写字母或数字，且以字母开头（如 JT、B01、S37）。", field="code"
        )
    if code == CENTRE_CODE:
        raise ValidationError(f"单位代码「{CENTRE_CODE}」留给中心节点，请换一个。", field="code")
    holder = _all_codes(session.connection()).get(code)
    if holder is not None and holder != own_id:
        raise ValidationError(f"单位代码「{code}」已被其他单位使用。", field="code")
    return code


def node_place(session: Session, node_id: str) -> Unit | None:
    """The unit the node ``node_id`` is bound to (station, else branch, else committee)."""
    node = session.get(Node, node_id)
    if node is None:
        return None
    for kind, unit_id in (
        ("station", node.station_id),
        ("branch", node.branch_id),
        ("committee", node.committee_id),
    ):
        unit = unit_of(session, kind, unit_id)
        if unit is not None:
            return unit
    return None


def node_unit_code(session: Session, store: Writer) -> str:
    """The code in numbers made on this node: its place's code, the centre's ``ZX``, or (a node
    bound to no coded unit) a letter for its role and a piece of its id."""
    recorded = (
        session.connection()
        .exec_driver_sql("SELECT value FROM local_state WHERE key = 'place_code'")
        .scalar()
    )
    if recorded:  # an enrolled node knows its place from its enrolment file
        return str(recorded).upper()
    unit = node_place(session, store.node_id)
    if unit is not None and unit.code:
        return unit.code.upper()
    if store.node_role == "centre":
        return CENTRE_CODE
    letter = {"committee": "W", "branch": "B", "station": "S"}.get(store.node_role, "N")
    return letter + store.node_id.replace("-", "")[:6].upper()


def own_place(store: Store) -> Unit | None:
    """The unit this installation is bound to (from its enrolment file or its node row)."""
    state = store.local_state()
    with store.session() as session:
        if state.get("place_id"):
            unit = unit_of(session, state.get("place_kind", ""), state["place_id"])
            if unit is not None:
                return unit
            # the unit's row has not arrived yet: what the enrolment file said
            return Unit(state.get("place_kind", ""), state["place_id"], state["place_code"], "", "")
        return node_place(session, store.node_id)


def node_summary(store: Store) -> dict[str, str]:
    """{role, unit, code} of this installation, for ``xhdesk stats --json`` and the title bar."""
    place = own_place(store)
    with store.session() as session:
        code = node_unit_code(session, store)
    if place is not None:
        unit = place.name
    else:
        unit = "全市" if store.node_role == "centre" else ""
    return {"role": store.node_role, "unit": unit, "code": code}
