"""Append-only rows across nodes: one insert per id, the same on every node.

Two inserts of one append-only id (a derived id such as a declaration's ledger entry, settled
offline on two nodes; or a hostile second insert) never merge field by field. Identical ones are
one row. Of different ones the earliest by (HLC, origin, seq) is *the* row on every node; the
others are quarantined — including one that was already applied here, which is moved to the
quarantine and its row rebuilt (derived totals and states follow). So two offline settlements of
one declaration give one ledger entry, the earlier settlement's, everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from xhdesk.data.sync.vector import CHANGE_COLUMNS, change_line
from xhdesk.data.sync.writes import TOUCHED, fill_touched

APPEND_CLASH = "同一编号的追加记录已存在且内容不同（以最早的一条为准）"

Key = tuple[str, int]


def settle_appends(
    conn: sa.Connection, inserts: dict[str, dict[str, list[tuple[Key, int, dict[str, Any]]]]]
) -> tuple[set[Key], dict[str, set[str]]]:
    """Incoming append-only inserts (tbl → row → [(key, hlc, data)]) against the log.

    Returns the incoming keys to quarantine, and the rows whose applied insert lost (they were
    moved to the quarantine here and must be rebuilt).
    """
    refused: set[Key] = set()
    rebuilt: dict[str, set[str]] = {}
    for tbl, rows in inserts.items():
        fill_touched(conn, rows)
        logged: dict[str, list[tuple[Key, int, dict[str, Any]]]] = {}
        for row_id, origin, seq, hlc, data in conn.exec_driver_sql(
            f"SELECT c.row_id, c.origin, c.seq, c.hlc, c.data FROM change c JOIN {TOUCHED} t "
            "ON c.row_id = t.row_id WHERE c.tbl = ? AND c.op = 'insert'",
            (tbl,),
        ):
            logged.setdefault(row_id, []).append(((origin, seq), hlc, json.loads(data)))
        for row_id, incoming in rows.items():
            old = logged.get(row_id, [])
            if not old and len(incoming) == 1:
                continue
            first = min(old + incoming, key=lambda c: (c[1], c[0][0], c[0][1]))
            refused.update(key for key, _h, data in incoming if data != first[2])
            losers = [key for key, _h, data in old if data != first[2]]
            if losers:
                _demote(conn, losers)
                rebuilt.setdefault(tbl, set()).add(row_id)
    return refused, rebuilt


def _demote(conn: sa.Connection, keys: Iterable[Key]) -> None:
    cols = ", ".join(CHANGE_COLUMNS)
    now = datetime.now().replace(microsecond=0).isoformat(sep=" ")
    for origin, seq in keys:
        row = conn.exec_driver_sql(
            f"SELECT {cols} FROM change WHERE origin = ? AND seq = ?", (origin, seq)
        ).one()
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO sync_quarantine (origin, seq, tbl, row_id, line, reason, "
            "package_id, received_at) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
            (origin, seq, row[3], row[4], change_line(row).decode("utf-8"), APPEND_CLASH, now),
        )
        conn.exec_driver_sql("DELETE FROM change WHERE origin = ? AND seq = ?", (origin, seq))


def unapply(conn: sa.Connection, tbl: str, row_ids: set[str]) -> None:
    """Remove applied append-only rows (their insert lost) so the merge inserts the winner.

    The derived tables (ledger totals, declaration state) follow by their delete triggers
    (:mod:`xhdesk.data.core.derived`), which recompute the keys the removed rows belonged to.
    """
    conn.exec_driver_sql(
        f'DELETE FROM "{tbl}" WHERE id IN ({", ".join("?" for _ in row_ids)})', tuple(row_ids)
    )


def refold_events(conn: sa.Connection, tbl: str, row_ids: set[str]) -> None:
    """After rebuilding declaration events: recompute the declarations' derived state.

    The state trigger folds events as they are inserted; re-inserting a declaration's events
    (in any order — the fold is a maximum) gives the state of exactly the events now present.
    """
    if tbl != "declaration_event" or not row_ids:
        return
    marks = ", ".join("?" for _ in row_ids)
    decls = [
        r[0]
        for r in conn.exec_driver_sql(
            f"SELECT DISTINCT declaration_id FROM declaration_event WHERE id IN ({marks})",
            tuple(row_ids),
        )
    ]
    dmarks = ", ".join("?" for _ in decls)
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp._sync_events")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE _sync_events AS SELECT * FROM declaration_event "
        f"WHERE declaration_id IN ({dmarks})",
        tuple(decls),
    )
    conn.exec_driver_sql(
        f"DELETE FROM declaration_event WHERE declaration_id IN ({dmarks})", tuple(decls)
    )
    conn.exec_driver_sql(
        f"DELETE FROM declaration_status WHERE declaration_id IN ({dmarks})", tuple(decls)
    )
    conn.exec_driver_sql("INSERT INTO declaration_event SELECT * FROM temp._sync_events")
    conn.exec_driver_sql("DROP TABLE temp._sync_events")
