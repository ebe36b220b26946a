"""``xhdesk check`` on the 100,000-person demo with 1,000,000 ledger entries.

Goal (issue 22): the whole check — ``PRAGMA integrity_check`` and ``foreign_key_check``, every
derived table against its recomputation, every synced row against its change log — in at most
10 s. The baseline, measured in the same run on the same database, is the raw recomputation
queries alone (each derived table's ``recompute`` read to the end): the least any check that
compares the caches with their definition must do.

Setup (benchmark only): the run's demo database is copied and the 1,000,000 entries are added as
the points row adds them (``points._fill_ledger``), then each gets its change-log insert, written
in SQL as the unit of work writes it, so the database is what a node that received them holds.
"""

from __future__ import annotations

import shutil
import time

from xhdesk.bench import BenchContext, Row

GOAL_S = 10.0


def _log_ledger(store, before: int) -> None:  # noqa: ANN001
    """Change-log inserts for the ledger rows after rowid ``before`` (as a sync import leaves)."""
    from xhdesk.data.check.folds import _row_json
    from xhdesk.data.models.points import LedgerEntry

    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("BEGIN IMMEDIATE")
        seq = cur.execute("SELECT coalesce(max(seq), 0) FROM change").fetchone()[0]
        hlc = cur.execute("SELECT coalesce(max(hlc), 0) FROM change").fetchone()[0]
        cur.execute(
            "INSERT INTO change (origin, seq, hlc, tbl, row_id, op, data, prev, author) "
            f"SELECT 'bench-origin', {int(seq)} + t.rowid, {int(hlc)} + t.rowid, 'ledger_entry', "
            f"t.id, 'insert', {_row_json(LedgerEntry)}, NULL, 'bench' "
            f"FROM ledger_entry t WHERE t.rowid > {int(before)}"
        )
        cur.execute("COMMIT")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def _database(ctx: BenchContext, entries: int):  # noqa: ANN202 — Store
    from xhdesk.bench.points import _fill_ledger
    from xhdesk.data.core.store import Store

    path = ctx.workdir / "check.sqlite3"
    shutil.copyfile(ctx.db, path)
    store = Store.open(path)
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM ledger_entry").scalar()
    _fill_ledger(store, entries)
    _log_ledger(store, int(before or 0))
    return store


def _recompute_all(store) -> None:  # noqa: ANN001
    from xhdesk.data.core import derived

    with store.engine.connect() as conn:
        for d in derived.DERIVED:
            for _row in conn.exec_driver_sql(d.recompute(None)):
                pass


def _seconds(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def rows(ctx: BenchContext) -> list[Row]:
    from xhdesk.data.check import check

    entries = 5_000 if ctx.quick else 1_000_000
    store = _database(ctx, entries)
    try:
        _recompute_all(store)  # warm the page cache once, as for every row
        baseline = _seconds(lambda: _recompute_all(store))
        result = None

        def run() -> None:
            nonlocal result
            result = check(store)

        value = _seconds(run)
        assert result is not None and result.ok, result.lines()[:5] if result else None
    finally:
        store.close()
    name = f"数据体检 check（{ctx.persons:,} 人，{entries:,} 条流水）"
    return [
        Row(name, value, "s", baseline, f"≤ {GOAL_S:g} s", goal_abs=GOAL_S),
    ]
