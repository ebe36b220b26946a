"""Incarnations: change identity that survives a restored backup or a copied database file.

A node writes its changes as one stream, ``origin`` = its node id (first life) or
``node~incarnation`` (later ones), numbered 1, 2, 3 … A restored or copied file would number its
next changes again from where the copy left off, re-using (origin, seq) pairs the other nodes
already hold with other content. So:

* a restore (and every database made from an enrolment file) starts a new incarnation at once:
  :func:`start_new_incarnation`;
* a file restored or copied by hand is detected on the next import: the sender has seen more of
  our stream than we have (its version vector, or changes of ours we do not know). The node then
  re-issues its own changes that no peer had acknowledged under a new incarnation (same stamps,
  values and authors; only the identity is new) and continues there;
* a change another node sends with an (origin, seq) already held here with different content is
  refused loudly, naming the node whose file was copied or restored.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.errors import SyncError
from xhdesk.data.core.store import Store
from xhdesk.data.sync.vector import CHANGE_COLUMNS, change_line

STATE_KEY = "incarnation"


def new_incarnation() -> str:
    return uuid.uuid4().hex[:12]


def start_new_incarnation(store: Store) -> str:
    """Continue this node's changes as a new stream (after a restore). Returns its id."""
    incarnation = new_incarnation()
    with store._write_lock, store._write_engine.begin() as conn:
        _switch(store, conn, incarnation)
    return incarnation


def _switch(store: Store, conn: sa.Connection, incarnation: str) -> None:
    store.incarnation, store.seq = incarnation, 0
    store._upsert_state(conn, {STATE_KEY: incarnation, "seq": "0", "hlc": str(store.clock.last)})


def collision_message(name: str, seq: int) -> str:
    return (
        f"该节点的数据文件可能被复制或从备份恢复：“{name}”的第 {seq} 号变更已收到过，但内容不同。"
        "已拒绝此同步包；请该节点先导入中心的同步包（软件会自动改用新的编号），再重新导出。"
    )


def continue_if_copied(
    store: Store,
    conn: sa.Connection,
    sender_vector: dict[str, int],
    incoming: dict[tuple[str, int], Any],
    tips: dict[str, str] | None = None,
) -> int:
    """Start a new incarnation if the package shows our stream went on elsewhere.

    ``incoming`` maps (origin, seq) to the package's changes (with ``.line``). Returns how many
    of our changes were re-issued (0 if nothing was detected).
    """
    me = store.origin
    ours = {seq: c for (origin, seq), c in incoming.items() if origin == me}
    beyond = sender_vector.get(me, 0) > store.seq or any(seq > store.seq for seq in ours)
    differ = _differing(conn, me, ours)
    top = sender_vector.get(me, 0)
    if tips and me in tips and 0 < top <= store.seq and _tip(conn, me, top) != tips[me]:
        differ.append(top)
    if not beyond and not differ:
        return 0
    acknowledged = _acknowledged(conn, me)
    if any(seq <= acknowledged for seq in differ):
        raise SyncError(collision_message(store.node_name, min(differ)))
    return _reissue(store, conn, me, acknowledged)


def _tip(conn: sa.Connection, origin: str, seq: int) -> str | None:
    cols = ", ".join(CHANGE_COLUMNS)
    row = conn.exec_driver_sql(
        f"SELECT {cols} FROM change WHERE origin = ? AND seq = ?", (origin, seq)
    ).first()
    if row is None:
        line = conn.exec_driver_sql(
            "SELECT line FROM sync_quarantine WHERE origin = ? AND seq = ?", (origin, seq)
        ).scalar()
        if line is None:
            return None
        row = json.loads(line)
    return hashlib.sha256(change_line(row)).hexdigest()[:16]


def vector_tips(conn: sa.Connection, vector: dict[str, int]) -> dict[str, str]:
    """A short hash of the top change of each stream a package's sender holds.

    The receiver compares the tip of its own stream with its copy: a different one means the
    stream went on elsewhere with other content — this file was restored or copied by hand.
    """
    out = {}
    masked = {
        (origin, seq)
        for origin, seq in conn.exec_driver_sql("SELECT origin, seq FROM sync_redacted")
    }
    for origin, seq in vector.items():
        if (origin, seq) in masked:
            continue  # held masked (data by place): not the origin's content, so no tip
        tip = _tip(conn, origin, seq) if seq else None
        if tip:
            out[origin] = tip
    return out


def _differing(conn: sa.Connection, origin: str, ours: dict[int, Any]) -> list[int]:
    if not ours:
        return []
    cols = ", ".join(CHANGE_COLUMNS)
    out = []
    for row in conn.exec_driver_sql(
        f"SELECT {cols} FROM change WHERE origin = ? AND seq BETWEEN ? AND ?",
        (origin, min(ours), max(ours)),
    ):
        c = ours.get(row[1])
        if c is not None and tuple(row) != tuple(c.values):
            out.append(row[1])
    return out


def collisions(conn: sa.Connection, incoming: dict[tuple[str, int], Any]) -> list[tuple[str, int]]:
    """Keys held here (logged or quarantined) whose incoming content differs."""
    cols = ", ".join(CHANGE_COLUMNS)
    by_origin: dict[str, list[int]] = {}
    for origin, seq in incoming:
        by_origin.setdefault(origin, []).append(seq)
    out = []
    for origin, seqs in by_origin.items():
        lo, hi = min(seqs), max(seqs)
        held = {
            row[1]: tuple(row)
            for row in conn.exec_driver_sql(
                f"SELECT {cols} FROM change WHERE origin = ? AND seq BETWEEN ? AND ?",
                (origin, lo, hi),
            )
        }
        for seq, line in conn.exec_driver_sql(
            "SELECT seq, line FROM sync_quarantine WHERE origin = ? AND seq BETWEEN ? AND ?",
            (origin, lo, hi),
        ):
            held[seq] = tuple(json.loads(line))
        for seq in seqs:
            if seq in held and held[seq] != tuple(incoming[(origin, seq)].values):
                out.append((origin, seq))
    return out


def _acknowledged(conn: sa.Connection, origin: str) -> int:
    """The highest seq of our stream that a peer reported holding (as this file remembers)."""
    top = 0
    for (text,) in conn.exec_driver_sql("SELECT vector FROM sync_peer"):
        top = max(top, int(json.loads(text or "{}").get(origin, 0)))
    return top


def _reissue(store: Store, conn: sa.Connection, old: str, acknowledged: int) -> int:
    """Move our unacknowledged changes of stream ``old`` to a new incarnation; same content."""
    cols = ", ".join(CHANGE_COLUMNS)
    rows = conn.exec_driver_sql(
        f"SELECT {cols} FROM change WHERE origin = ? AND seq > ? ORDER BY seq",
        (old, acknowledged),
    ).all()
    _switch(store, conn, new_incarnation())
    conn.exec_driver_sql("DELETE FROM change WHERE origin = ? AND seq > ?", (old, acknowledged))
    if rows:
        marks = ", ".join("?" for _ in CHANGE_COLUMNS)
        conn.exec_driver_sql(
            f"INSERT INTO change ({cols}) VALUES ({marks})",
            [(store.origin, i, *row[2:]) for i, row in enumerate(rows, start=1)],
        )
        store.seq = len(rows)
    store.save_counters(conn)
    return len(rows)
