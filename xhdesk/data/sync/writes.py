"""One logged write as the merge sees it, and reading the writes of a set of rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

TOUCHED = "_sync_rows"  # temp table of the row ids being merged


@dataclass(slots=True)
class Write:
    origin: str
    seq: int
    hlc: int
    op: str
    data: dict[str, Any]
    prev: dict[str, Any]
    author: str

    def order(self) -> tuple[int, str]:
        """Last writer wins by HLC; the origin's node id breaks a tie."""
        return (self.hlc, self.origin)


def fill_touched(conn: sa.Connection, row_ids: Iterable[str]) -> None:
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (row_id TEXT PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {TOUCHED}")
    conn.exec_driver_sql(f"INSERT INTO {TOUCHED} (row_id) VALUES (?)", [(r,) for r in row_ids])


def logged_writes(conn: sa.Connection, tbl: str) -> dict[str, list[Write]]:
    """The change-log writes to the rows in the touched table, by row (unsorted)."""
    rows = conn.exec_driver_sql(
        "SELECT c.row_id, c.origin, c.seq, c.hlc, c.op, c.data, c.prev, c.author FROM change c "
        f"JOIN {TOUCHED} t ON c.row_id = t.row_id WHERE c.tbl = ?",
        (tbl,),
    )
    out: dict[str, list[Write]] = {}
    for row_id, origin, seq, hlc, op, data, prev, author in rows:
        w = Write(origin, seq, hlc, op, json.loads(data), json.loads(prev) if prev else {}, author)
        out.setdefault(row_id, []).append(w)
    return out
