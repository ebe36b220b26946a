"""节点管理 at the centre: every registered node with its place, the last package seen from it
and its clock health, and the places a node file may be issued for."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.clock import COUNTER_MASK, wall_ms
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.models import Branch, Committee, Station
from xhdesk.data.sync.nodes import load_registry

CLOCK_AHEAD_MS = 24 * 3600 * 1000  # as the importer: a day ahead of our clock is flagged


@dataclass(frozen=True)
class NodeRow:
    id: str
    name: str
    role: str
    place: str  # 城东驿站（驿站）
    last_package: datetime | None  # the last package from it imported here
    clock: str  # 正常 / 时钟超前：2030-01-01 08:00 / 尚无数据


@dataclass(frozen=True)
class Place:
    """A place a node may be bound to: a committee, a branch or a station."""

    role: str  # committee / branch / station
    id: str
    code: str
    name: str

    @property
    def title(self) -> str:
        code = f"{self.code} " if self.code else ""
        return f"{label(ROLES, self.role)}：{code}{self.name}"


def places(store: Store) -> list[Place]:
    """Every live committee, branch and station, in that order."""
    with store.session() as s:
        rows = [
            Place("committee", c.id, c.code, c.name)
            for c in s.exec(select(Committee).where(Committee.deleted == False))  # noqa: E712
        ]
        rows += [
            Place("branch", b.id, getattr(b, "code", "") or "", b.name)
            for b in s.exec(select(Branch).where(Branch.deleted == False))  # noqa: E712
        ]
        rows += [
            Place("station", st.id, st.code, st.name)
            for st in s.exec(select(Station).where(Station.deleted == False))  # noqa: E712
        ]
    return sorted(
        rows, key=lambda p: (("committee", "branch", "station").index(p.role), p.code, p.name)
    )


def node_rows(store: Store) -> list[NodeRow]:
    """Every node in this centre's registry: itself first, then committees, then by name."""
    nodes = load_registry(store).nodes
    with store.engine.connect() as conn:
        last: dict[str, str] = dict(
            conn.exec_driver_sql(
                "SELECT sender, MAX(imported_at) FROM sync_package GROUP BY sender"
            ).all()
        )
        rows = [
            NodeRow(
                n.id,
                n.name,
                n.role,
                f"{n.name}（{label(ROLES, n.role)}）",
                datetime.fromisoformat(last[n.id]) if last.get(n.id) else None,
                _clock(conn, n.id),
            )
            for n in nodes.values()
        ]
    rows.sort(key=lambda r: (r.id != store.node_id, r.role != "committee", r.name))
    return rows


def _clock(conn: sa.Connection, node_id: str) -> str:
    """From the newest stamp this node wrote with its own wall clock (counter zero)."""
    stamp = conn.exec_driver_sql(
        "SELECT MAX(hlc) FROM change WHERE origin >= ? AND origin <= ?",
        (node_id, node_id + "\x7f"),
    ).scalar()
    if not stamp:
        return "尚无数据"
    if wall_ms(stamp) > time.time() * 1000 + CLOCK_AHEAD_MS and stamp & COUNTER_MASK == 0:
        when = datetime.fromtimestamp(wall_ms(stamp) / 1000).strftime("%Y-%m-%d %H:%M")
        return f"时钟超前：{when}"
    return "正常"
