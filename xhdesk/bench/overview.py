"""工作概览 at scale: the tab's figures with 100,000 persons and 1,000,000 ledger entries.

Goal (issue 18): ``load_overview`` — every headline figure and the coverage of the three 100%
promises for the city and a period — within 300 ms. The baseline, in the same run on the same
database, is raw ``sqlite3`` running exactly the statements the product sent (captured from one
product run), so the ratio shows the cost of the product's own layers.

The figures are measured for the demo's year (the widest period) and for its month. The database
is the run's scaled demo copied, with the ledger filled as the points bench does (``points.py``).
Part of ``xhdesk bench``.
"""

from __future__ import annotations

import shutil
import sqlite3
from typing import Any

from xhdesk.bench import BenchContext, Row, median_ms

GOAL_MS = 300.0
ENTRIES = 1_000_000


def _database(ctx: BenchContext, entries: int):  # noqa: ANN202 — a Store
    from xhdesk.bench.points import _fill_ledger
    from xhdesk.data.core.store import Store

    path = ctx.workdir / "overview.sqlite3"
    shutil.copyfile(ctx.db, path)
    store = Store.open(path)
    _fill_ledger(store, entries)
    return store


def _captured(store, fn) -> list[tuple[str, Any]]:  # noqa: ANN001
    """The SQL statements (and parameters) that ``fn()`` sends to SQLite."""
    import sqlalchemy as sa

    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):  # not BEGIN/PRAGMA
            sent.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)
    return sent


def _raw(path: str, statements: list[tuple[str, Any]]) -> float:
    con = sqlite3.connect(path)
    try:

        def run() -> None:
            for sql, params in statements:
                con.execute(sql, params).fetchall()

        return median_ms(run, repeat=5)
    finally:
        con.close()


def rows(ctx: BenchContext) -> list[Row]:
    from xhdesk.data.demo import DEMO_TODAY
    from xhdesk.data.overview.period import current_period
    from xhdesk.data.overview.place import Place
    from xhdesk.data.overview.report import load_overview

    entries = 20_000 if ctx.quick else ENTRIES
    store = _database(ctx, entries)
    out = []
    try:
        for kind, word in (("year", "年度"), ("month", "月度")):
            period = current_period(kind, DEMO_TODAY)
            load = lambda p=period: load_overview(store, Place(), p)  # noqa: E731
            statements = _captured(store, load)
            value = median_ms(load, repeat=3 if ctx.quick else 5)
            baseline = _raw(str(store.path), statements)
            out.append(
                Row(
                    f"工作概览{word}数据（{ctx.persons:,}人，{entries:,}条积分流水）",
                    value,
                    "ms",
                    baseline,
                    f"≤ {GOAL_MS:g} ms",
                    goal_abs=GOAL_MS,
                )
            )
    finally:
        store.close()
    return out
