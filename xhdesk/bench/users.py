"""操作日志 at scale: filtering the audit trail of the 100,000-person demo.

Goal (issue 15): the audit viewer filters 100,000 or more change-log entries by user, by date and by
record in ≤ 100 ms — the count and the first page, which is what the dialog shows. The baseline,
in the same run on the same file, is raw ``sqlite3`` answering the same questions with the same
SQL, so the ratio shows the cost of the product's own layers (decoding, labels, masking).
Part of ``xhdesk bench``.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from xhdesk.bench import BenchContext, Row, median_ms

if TYPE_CHECKING:
    from xhdesk.data.core.store import Store
    from xhdesk.data.users.audit import AuditFilter

GOAL_MS = 100.0
PAGE = 200


def _questions(store: Store) -> list[tuple[str, AuditFilter]]:
    """(label, AuditFilter) for a user, a day and a record of the demo's trail."""
    from xhdesk.data.users.audit import AuditFilter

    with store.engine.connect() as conn:
        row_id = conn.exec_driver_sql(
            "SELECT row_id FROM change WHERE tbl = 'person' ORDER BY hlc DESC LIMIT 1"
        ).scalar_one()
        author = conn.exec_driver_sql(
            "SELECT author FROM change GROUP BY author ORDER BY count(*) DESC LIMIT 1"
        ).scalar_one()
    today = date.today()
    return [
        (f"按人员（{author}）", AuditFilter(author=author)),
        ("按日期（当天）", AuditFilter(date_from=today, date_to=today)),
        ("按记录（一名人员）", AuditFilter(row_id=row_id)),
    ]


def _raw(path: str, flt: AuditFilter) -> float:
    from xhdesk.data.users.audit import _where

    where, params = _where(flt)
    count_sql = f"SELECT count(*) FROM change c{where}"
    page_sql = (
        "SELECT c.hlc, c.author, coalesce(n.name, ''), c.op, c.tbl, c.row_id, c.data FROM change c "
        f"LEFT JOIN node n ON n.id = c.origin{where} ORDER BY c.hlc DESC LIMIT {PAGE}"
    )
    con = sqlite3.connect(path)
    try:
        return median_ms(
            lambda: (
                con.execute(count_sql, params).fetchone(),
                con.execute(page_sql, params).fetchall(),
            )
        )
    finally:
        con.close()


def rows(ctx: BenchContext) -> list[Row]:
    from xhdesk.data.core.store import Store
    from xhdesk.data.users.audit import count_entries, list_entries

    path = ctx.workdir / "audit.sqlite3"
    shutil.copyfile(ctx.db, path)
    store = Store.open(path)
    try:
        with store.engine.connect() as conn:
            total = conn.exec_driver_sql("SELECT count(*) FROM change").scalar_one()
        out = []
        for label, flt in _questions(store):
            value = median_ms(
                lambda f=flt: (count_entries(store, f), list_entries(store, f, 0, PAGE))
            )
            out.append(
                Row(
                    f"操作日志筛选 {label}（{total:,} 条记录）",
                    value,
                    "ms",
                    _raw(str(path), flt),
                    f"≤ {GOAL_MS:.0f} ms",
                    goal_abs=GOAL_MS,
                )
            )
        return out
    finally:
        store.close()
