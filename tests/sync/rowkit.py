"""Delivering changes one row-change at a time, in any order, through the importer's merge.

Packages carry whole signed ranges, so they reorder only per package. Here any change can arrive
before any other (a request's event before the request, an edit before the insert it edits, a
relayed change before the origin's own), which is what a network of relays can do to one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from xhdesk.data.core.store import Store
from xhdesk.data.sync.merge import merge
from xhdesk.data.sync.vector import CHANGE_COLUMNS
from xhdesk.data.sync.writes import Write

Change = tuple[Any, ...]  # CHANGE_COLUMNS order


def known(store: Store) -> list[Change]:
    """Every change in the node's log."""
    with store.engine.connect() as conn:
        cols = ", ".join(CHANGE_COLUMNS)
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT {cols} FROM change")]


def keys(store: Store) -> set[tuple[str, int]]:
    with store.engine.connect() as conn:
        return {(o, s) for o, s in conn.exec_driver_sql("SELECT origin, seq FROM change")}


def deliver(store: Store, changes: Iterable[Change]) -> int:
    """Merge and log the changes the node lacks, in the order given; the number applied."""
    import json

    have = keys(store)
    fresh = [c for c in changes if (c[0], c[1]) not in have]
    if not fresh:
        return 0
    new: dict[str, dict[str, list[Write]]] = {}
    for origin, seq, hlc, tbl, row_id, op, data, prev, author in fresh:
        w = Write(origin, seq, hlc, op, json.loads(data), json.loads(prev) if prev else {}, author)
        new.setdefault(tbl, {}).setdefault(row_id, []).append(w)
    cols, marks = ", ".join(CHANGE_COLUMNS), ", ".join("?" for _ in CHANGE_COLUMNS)
    with store.import_connection() as conn:
        merge(conn, new)
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO change ({cols}) VALUES ({marks})", fresh)
    for c in fresh:
        store.clock.observe(c[2])
    return len(fresh)


def deliver_each(store: Store, changes: Sequence[Change]) -> None:
    """One import per change, in the order given."""
    for c in changes:
        deliver(store, [c])
