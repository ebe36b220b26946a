"""One logged write as the merge sees it, and reading the writes of a set of rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

TOUCHED = "_sync_rows"  # temp table of the row ids being merged
# JSON texts already parsed in this import (text → value), so reading them back from the log is
# a look-up: parsing is a function of the text, so the result is the same as parsing again
_PARSED: ContextVar[dict[str, Any] | None] = ContextVar("xhdesk_sync_parsed", default=None)


@contextmanager
def parsed_texts(parsed: dict[str, Any]) -> Iterator[None]:
    """Within the block, :func:`logged_writes` takes a logged text found in ``parsed`` from it
    instead of parsing it again (the values are shared: never mutate a write's data)."""
    token = _PARSED.set(parsed)
    try:
        yield
    finally:
        _PARSED.reset(token)


@dataclass(slots=True)
class Write:
    origin: str
    seq: int
    hlc: int
    op: str
    data: dict[str, Any]
    prev: dict[str, Any]
    author: str
    # Held here with a person's personal fields masked (``sync_redacted``, data by place): its
    # values of those fields are the mask, not what was written.
    masked: bool = False

    def order(self) -> tuple[int, str]:
        """Last writer wins by HLC; the origin's node id breaks a tie."""
        return (self.hlc, self.origin)


def driver(conn: sa.Connection) -> sqlite3.Connection:
    """The sqlite3 connection under ``conn`` (same transaction): rows without SQLAlchemy's
    per-row processing, for bulk reads. Begins ``conn``'s transaction as a statement through
    ``conn`` would, so that successive reads see one snapshot."""
    if not conn.in_transaction():
        conn.begin()
    raw = conn.connection.dbapi_connection
    assert raw is not None  # a checked-out connection has its driver connection
    return raw  # type: ignore[return-value]


def fill_touched(conn: sa.Connection, row_ids: Iterable[str]) -> None:
    raw = driver(conn)
    raw.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (row_id TEXT PRIMARY KEY)")
    raw.execute(f"DELETE FROM {TOUCHED}")
    raw.executemany(f"INSERT INTO {TOUCHED} (row_id) VALUES (?)", [(r,) for r in row_ids])


def logged_writes(conn: sa.Connection, tbl: str) -> dict[str, list[Write]]:
    """The change-log writes to the rows in the touched table, by row (unsorted)."""
    rows = driver(conn).execute(  # CROSS JOIN: look up each touched row, never scan the log
        "SELECT c.row_id, c.origin, c.seq, c.hlc, c.op, c.data, c.prev, c.author, "
        "r.seq IS NOT NULL "
        f"FROM {TOUCHED} t CROSS JOIN change c ON c.tbl = ? AND c.row_id = t.row_id "
        "LEFT JOIN sync_redacted r ON r.origin = c.origin AND r.seq = c.seq",
        (tbl,),
    )
    parsed = _PARSED.get() or {}
    loads = json.loads
    out: dict[str, list[Write]] = {}
    for row_id, origin, seq, hlc, op, data, prev, author, masked in rows:
        value = parsed.get(data)
        if value is None:
            value = loads(data)
        seen = (parsed.get(prev) or loads(prev)) if prev else {}
        w = Write(origin, seq, hlc, op, value, seen, author, bool(masked))
        if row_id in out:
            out[row_id].append(w)
        else:
            out[row_id] = [w]
    return out
