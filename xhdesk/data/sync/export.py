"""Export: a package with every change a peer is not known to have (relayed ones included)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import xhdesk
from xhdesk.data.core.clock import pack
from xhdesk.data.core.errors import StorageError, ValidationError
from xhdesk.data.core.identity import sign
from xhdesk.data.core.places import place_of_node
from xhdesk.data.core.store import Store
from xhdesk.data.migrations import head_revision
from xhdesk.data.models import new_id
from xhdesk.data.sync.checks import node_of
from xhdesk.data.sync.incarnation import vector_tips
from xhdesk.data.sync.keys import sign_with
from xhdesk.data.sync.nodes import NodeInfo, is_centre, load_registry
from xhdesk.data.sync.package import SignedRange, write_package
from xhdesk.data.sync.peers import peer_vector, touch_peer
from xhdesk.data.sync.slices import Slicer
from xhdesk.data.sync.vector import lines_digest, range_lines, range_payload, version_vector

ProgressFn = Callable[[int, int, str], None]


@dataclass
class ExportReport:
    path: Path
    package_id: str
    peer: NodeInfo | None
    changes: int
    size: int


def resolve_peer(store: Store, to: str | None) -> NodeInfo | None:
    """The registered node named or numbered ``to``; None (export everything) if ``to`` is empty.

    A name that matches no node is an error listing the known peers (never "export everything").
    """
    if not to:
        return None
    nodes = load_registry(store).nodes
    found = nodes.get(to) or next((n for n in nodes.values() if n.name == to.strip()), None)
    if found is None or found.id == store.node_id:
        peers = "、".join(sorted(n.name for n in nodes.values() if n.id != store.node_id))
        raise ValidationError(f"没有名为“{to}”的节点。已登记的节点：{peers or '（无）'}")
    return found


def export_package(
    store: Store, out: str | Path, to: str | None = None, progress: ProgressFn | None = None
) -> ExportReport:
    out = Path(out)
    if not out.parent.exists():
        raise StorageError(f"输出文件夹不存在：{out.parent}")
    if out.is_dir():
        raise StorageError(f"输出路径是一个文件夹：{out}")
    registry = load_registry(store)
    peer = resolve_peer(store, to)
    if progress:
        progress(0, 0, "正在收集变更…")
    with store.engine.connect() as conn:
        known = peer_vector(conn, peer.id) if peer else {}
        vector = version_vector(conn)
        tips = vector_tips(conn, vector)
        ranges = _own_ranges(store, conn, known, vector) + _relayed_ranges(
            conn, known, store.node_id
        )
        slicer = _slicer(store, conn, peer)
        if slicer is not None and peer is not None:
            ranges = slicer.cut(ranges + _refresh_ranges(store, conn, peer, slicer))
    if progress:
        progress(0, 0, "正在写入同步包…")
    manifest: dict[str, Any] = {
        "schema": _schema(),
        "app": xhdesk.__version__,
        "package_id": new_id(),
        "sender": store.node_id,
        "sender_name": store.node_name,
        "to": peer.id if peer else None,
        "created_hlc": max(store.clock.last, pack(_now_ms(), 0)),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vector": vector,
        "tips": tips,
    }
    size = write_package(out, manifest, lambda data: sign(store, data), registry, ranges)
    if peer is not None:
        touch_peer(store, peer, "export")
    if slicer is not None and peer is not None:
        _remember_masked(store, peer, slicer)
    count = sum(len(r.lines) for r in ranges)
    return ExportReport(out, str(manifest["package_id"]), peer, count, size)


@lru_cache(maxsize=1)
def _schema() -> str:
    """The alembic head this build writes (reading the revision scripts is slow; do it once)."""
    return head_revision()


def _now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def _own_ranges(
    store: Store, conn: sa.Connection, known: dict[str, int], vector: dict[str, int]
) -> list[SignedRange]:
    """This node's changes above what the peer has, one range per stream (incarnation), signed now.

    Each range stops at the stream's contiguous top: a hole (changes re-issued after a restore,
    still to come back from a peer) is never sent over.
    """
    out = []
    private = store.local_state()["private_key"]
    for origin in sorted(o for o in vector if node_of(o) == store.node_id):
        first, last = known.get(origin, 0) + 1, vector.get(origin, 0)
        if first > last:
            continue
        lines = range_lines(conn, origin, first, last)
        if lines is None:
            continue
        sha = lines_digest(lines)
        signature = sign_with(private, range_payload(origin, first, last, sha))
        out.append(SignedRange(origin, first, last, sha, signature, lines))
    return out


def _relayed_ranges(conn: sa.Connection, known: dict[str, int], me: str) -> list[SignedRange]:
    """Other nodes' signed ranges the peer lacks; whole ranges, the fewest that cover."""
    rows = conn.exec_driver_sql(
        "SELECT origin, first, last, sha256, signature FROM sync_range "
        "WHERE origin != ? AND origin NOT LIKE ? ORDER BY origin, first, last DESC",
        (me, me + "~%"),
    ).all()
    out: list[SignedRange] = []
    covered: dict[str, int] = {}
    for origin, first, last, sha, signature in rows:
        floor = max(known.get(origin, 0), covered.get(origin, 0))
        if last <= floor:
            continue
        lines = range_lines(conn, origin, first, last)
        if lines is None:
            continue
        out.append(SignedRange(origin, first, last, sha, signature, lines))
        covered[origin] = last
    return out


def _slicer(store: Store, conn: sa.Connection, peer: NodeInfo | None) -> Slicer | None:
    """For a peer bound to a place: what masks the persons outside it (see :mod:`.slices`)."""
    if peer is None or peer.role == "centre" or not peer.unit_id:
        return None
    place = place_of_node(peer.role, peer.unit_kind, peer.unit_id, peer.unit_code)
    return Slicer(conn, place, by_centre=is_centre(store))


def _refresh_ranges(
    store: Store, conn: sa.Connection, peer: NodeInfo, slicer: Slicer
) -> list[SignedRange]:
    """Full changes of the persons sent masked to ``peer`` before who are now inside its place:
    the ranges that hold them, signed by their origins (own ones signed now)."""
    rows = conn.exec_driver_sql(
        "SELECT row_id FROM sync_peer_redacted WHERE peer_id = ?", (peer.id,)
    ).scalars()
    entered = [row_id for row_id in rows if row_id in slicer.inside]
    if not entered:
        return []
    private = store.local_state()["private_key"]
    out: dict[tuple[str, int, int], SignedRange] = {}
    for row_id in entered:
        keys = conn.exec_driver_sql(
            "SELECT origin, seq FROM change WHERE tbl = 'person' AND row_id = ?", (row_id,)
        ).all()
        for origin, seq in keys:
            found = _covering(conn, origin, seq, node_of(origin) == store.node_id, private)
            if found is not None:
                out.setdefault((found.origin, found.first, found.last), found)
    slicer.refreshed = set(entered)
    return list(out.values())


def _covering(
    conn: sa.Connection, origin: str, seq: int, own: bool, private: str
) -> SignedRange | None:
    if own:
        lines = range_lines(conn, origin, seq, seq)
        if lines is None:
            return None
        sha = lines_digest(lines)
        return SignedRange(
            origin, seq, seq, sha, sign_with(private, range_payload(origin, seq, seq, sha)), lines
        )
    row = conn.exec_driver_sql(
        "SELECT first, last, sha256, signature FROM sync_range WHERE origin = ? AND first <= ? "
        "AND last >= ? LIMIT 1",
        (origin, seq, seq),
    ).first()
    if row is None:
        return None
    lines = range_lines(conn, origin, row[0], row[1])
    return SignedRange(origin, row[0], row[1], row[2], row[3], lines) if lines else None


def _remember_masked(store: Store, peer: NodeInfo, slicer: Slicer) -> None:
    with store.import_connection() as conn:
        if slicer.refreshed:
            conn.exec_driver_sql(
                "DELETE FROM sync_peer_redacted WHERE peer_id = ? AND row_id = ?",
                [(peer.id, row_id) for row_id in slicer.refreshed],
            )
        if slicer.masked_rows:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_peer_redacted (peer_id, row_id) VALUES (?, ?)",
                [(peer.id, row_id) for row_id in slicer.masked_rows],
            )


def describe(report: ExportReport) -> str:
    who = report.peer.name if report.peer else "任意节点（全部变更）"
    return f"已导出 {report.changes} 条变更到 {report.path}（发往：{who}，{report.size:,} 字节）"
