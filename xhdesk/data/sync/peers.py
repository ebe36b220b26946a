"""Peers: what each other installation last told us it has, and when we last exchanged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from xhdesk.data.core.store import Store
    from xhdesk.data.sync.nodes import NodeInfo


@dataclass(frozen=True)
class PeerRow:
    node_id: str
    name: str
    role: str
    last_exchange: datetime | None
    last_direction: str
    known_changes: int


def peer_vector(conn: sa.Connection, node_id: str) -> dict[str, int]:
    text = conn.exec_driver_sql(
        "SELECT vector FROM sync_peer WHERE node_id = ?", (node_id,)
    ).scalar()
    return {str(k): int(v) for k, v in json.loads(text).items()} if text else {}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _upsert(conn: sa.Connection, peer: NodeInfo, direction: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_peer (node_id, name, role, vector, vector_hlc, last_exchange, "
        "last_direction) VALUES (?, ?, ?, '{}', 0, ?, ?) ON CONFLICT(node_id) DO UPDATE SET "
        "name = excluded.name, role = excluded.role, last_exchange = excluded.last_exchange, "
        "last_direction = excluded.last_direction",
        (peer.id, peer.name, peer.role, _now().isoformat(sep=" "), direction),
    )


def touch_peer(store: Store, peer: NodeInfo, direction: str) -> None:
    """Note an exchange with ``peer`` (an export to it)."""
    with store.import_connection() as conn:
        _upsert(conn, peer, direction)


def record_report(
    conn: sa.Connection, peer: NodeInfo, vector: dict[str, int], created_hlc: int
) -> None:
    """Note an import from ``peer`` and keep its vector unless we hold a newer report."""
    _upsert(conn, peer, "import")
    conn.exec_driver_sql(
        "UPDATE sync_peer SET vector = ?, vector_hlc = ? WHERE node_id = ? AND vector_hlc < ?",
        (json.dumps(vector, sort_keys=True), created_hlc, peer.id, created_hlc),
    )


def list_peers(store: Store) -> list[PeerRow]:
    """Every node in the registry except this one, with when we last exchanged (newest first)."""
    from xhdesk.data.sync.nodes import load_registry

    nodes = load_registry(store).nodes
    with store.engine.connect() as conn:
        rows = {
            r[0]: r
            for r in conn.exec_driver_sql(
                "SELECT node_id, last_exchange, last_direction, vector FROM sync_peer"
            ).all()
        }
    out = []
    for node in nodes.values():
        if node.id == store.node_id:
            continue
        row = rows.get(node.id)
        when = datetime.fromisoformat(row[1]) if row and row[1] else None
        known = sum(json.loads(row[3]).values()) if row else 0
        out.append(PeerRow(node.id, node.name, node.role, when, row[2] if row else "", known))
    out.sort(key=lambda p: p.name)
    out.sort(key=lambda p: p.last_exchange or datetime.min, reverse=True)
    return out


def last_exchange(store: Store) -> tuple[datetime, str] | None:
    """When this node last exchanged a package, and with whom (for the status bar)."""
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT last_exchange, name FROM sync_peer WHERE last_exchange IS NOT NULL "
            "ORDER BY last_exchange DESC LIMIT 1"
        ).first()
    if row is None:
        return None
    return datetime.fromisoformat(row[0]), row[1]
