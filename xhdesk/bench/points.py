"""Per-person yearly point totals with 1,000,000 ledger entries.

Goal (issue 4): ``yearly_totals(store, year)`` — every person's total for one year, what rankings,
star ratings and the awards read — under 100 ms with a ledger of 1,000,000 entries; and one
person's total (``person_year_total``) as well.

The baseline, measured in the same run on the same database, is the straightforward query: sum
the raw ledger per person for that year (``SELECT person_id, SUM(points) FROM ledger_entry WHERE
year = ? GROUP BY person_id``), which already has a covering index. The product reads
``ledger_year_total`` (one row per person and year), kept by an AFTER INSERT trigger on the
append-only ledger, so its cost follows the number of persons, not the length of the ledger.
``ratio`` = value / baseline.

Setup fast path (benchmark only): the run's scaled demo database is copied and the 1,000,000
entries are added to the copy on the raw connection, without change-log rows, their totals applied
in one statement (see ``_fill_ledger``). The change log plays no part in the query measured, and
the copy is thrown away. Part of ``xhdesk bench``.
"""

from __future__ import annotations

import shutil
import statistics
import time

from xhdesk.bench import BenchContext, Row

ENTRIES = 1_000_000
YEARS = (2022, 2023, 2024, 2025, 2026)
GOAL_MS = 100.0
REPEATS = 7


def _database(ctx: BenchContext, entries: int):  # noqa: ANN202 — (Store, person ids)
    """A copy of the run's demo database with ``entries`` ledger entries over its persons."""
    from xhdesk.data.core.store import Store

    path = ctx.workdir / "points.sqlite3"
    shutil.copyfile(ctx.db, path)
    store = Store.open(path)
    with store.engine.connect() as conn:
        ids = list(conn.exec_driver_sql("SELECT id FROM person ORDER BY id").scalars())
    _fill_ledger(store, entries)
    return store, ids


TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_entry'"
)
COLUMNS = "id, person_id, declaration_id, rule_id, category, kind, points, year, deed_date, effective_on, note"


# Drawn once into a table: SQLite inlines a CTE, so each use of a random() column would draw anew.
PICKS = """
CREATE TEMP TABLE bench_picks AS
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :entries)
SELECT lower(hex(randomblob(16))) AS h, abs(random()) % :persons AS p,
       2022 + abs(random()) % 5 AS year, 1 + abs(random()) % 12 AS month,
       1 + abs(random()) % 28 AS day, abs(random()) % 5 AS c, abs(random()) % 2 AS k,
       abs(random()) % 6 AS v
FROM seq
"""
GENERATE = f"""
INSERT INTO ledger_entry ({COLUMNS})
SELECT printf('%s-%s-4%s-a%s-%s', substr(h, 1, 8), substr(h, 9, 4), substr(h, 14, 3),
              substr(h, 18, 3), substr(h, 21, 12)),
       people.id, NULL, NULL,
       CASE c WHEN 0 THEN 'party_life' WHEN 1 THEN 'study' WHEN 2 THEN 'volunteer'
              WHEN 3 THEN 'governance' ELSE 'praise' END,
       CASE k WHEN 0 THEN 'base' ELSE 'pioneer' END,
       CASE v WHEN 0 THEN 0.5 WHEN 1 THEN 1.0 WHEN 2 THEN 1.5 WHEN 3 THEN 2.0 WHEN 4 THEN 3.0 ELSE 5.0 END,
       year, printf('%d-%02d-%02d', year, month, day), printf('%d-%02d-%02d', year, month, day), ''
FROM temp.bench_picks AS picks JOIN temp.bench_people AS people ON people.n = picks.p
"""


def _fill_ledger(store, entries: int) -> None:  # noqa: ANN001
    """Add ``entries`` random ledger entries; their totals are applied once, as the trigger would.

    SQLite generates the rows itself (a million rows made in Python take longer than the whole
    measurement). The per-row triggers cost ~90 µs, so the rows go in with the triggers set aside,
    the same sums are applied with one GROUP BY, and the triggers are put back from their own
    stored SQL. ``rows()`` checks the totals against the ledger.
    """
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")
        cur.execute("PRAGMA cache_size=-524288")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("BEGIN IMMEDIATE")
        triggers = cur.execute(TRIGGERS).fetchall()
        for name, _sql in triggers:
            cur.execute(f"DROP TRIGGER {name}")
        cur.execute("CREATE TEMP TABLE bench_people (n INTEGER PRIMARY KEY, id TEXT)")
        cur.execute("INSERT INTO temp.bench_people SELECT row_number() OVER () - 1, id FROM person")
        persons = cur.execute("SELECT count(*) FROM temp.bench_people").fetchone()[0]
        before = cur.execute("SELECT coalesce(max(rowid), 0) FROM ledger_entry").fetchone()[0]
        cur.execute(PICKS, {"entries": entries, "persons": persons})
        cur.execute(GENERATE)
        # The new rows, for the one-off sums below.
        cur.execute(
            f"CREATE TEMP VIEW bench_ledger AS SELECT * FROM ledger_entry WHERE rowid > {int(before)}"
        )
        cur.execute(
            "INSERT INTO ledger_total (person_id, year, category, kind, points, entries)"
            " SELECT person_id, year, category, kind, SUM(points), COUNT(*) FROM temp.bench_ledger"
            " WHERE true GROUP BY person_id, year, category, kind"
            " ON CONFLICT (person_id, year, category, kind) DO UPDATE"
            " SET points = points + excluded.points, entries = entries + excluded.entries"
        )
        cur.execute(
            "INSERT INTO ledger_year_total (person_id, year, points, entries)"
            " SELECT person_id, year, SUM(points), COUNT(*) FROM temp.bench_ledger"
            " WHERE true GROUP BY person_id, year"
            " ON CONFLICT (person_id, year) DO UPDATE"
            " SET points = points + excluded.points, entries = entries + excluded.entries"
        )
        for _name, sql in triggers:
            cur.execute(sql)
        cur.execute("DROP VIEW temp.bench_ledger")
        cur.execute("DROP TABLE temp.bench_people")
        cur.execute("DROP TABLE temp.bench_picks")
        cur.execute("COMMIT")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def _best_ms(fn, repeats: int = REPEATS) -> float:  # noqa: ANN001
    fn()  # warm the page cache once, as a running application would have it
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _baseline(store, year: int) -> dict[str, float]:  # noqa: ANN001
    import sqlalchemy as sa

    sql = sa.text(
        "SELECT person_id, SUM(points) FROM ledger_entry WHERE year = :y GROUP BY person_id"
    )
    with store.engine.connect() as conn:
        return {pid: float(total) for pid, total in conn.execute(sql, {"y": year})}


def _baseline_one(store, person_id: str, year: int) -> float:  # noqa: ANN001
    import sqlalchemy as sa

    sql = sa.text("SELECT SUM(points) FROM ledger_entry WHERE person_id = :p AND year = :y")
    with store.engine.connect() as conn:
        return float(conn.execute(sql, {"p": person_id, "y": year}).scalar() or 0)


def _row(name: str, value: float, baseline: float, goal: float) -> dict:
    return {
        "name": name,
        "value": round(value, 2),
        "unit": "ms",
        "baseline": round(baseline, 2),
        "ratio": round(value / baseline, 3) if baseline else None,
        "goal": f"≤ {goal:g} ms",
        "pass": value <= goal,
    }


def rows(ctx: BenchContext) -> list[Row]:
    from xhdesk.data.points import person_year_total, yearly_totals

    entries = 20_000 if ctx.quick else ENTRIES
    store, ids = _database(ctx, entries)
    try:
        year = YEARS[-1]
        fast, slow = yearly_totals(store, year), _baseline(store, year)
        assert fast.keys() == slow.keys()
        assert all(abs(fast[p] - slow[p]) < 1e-6 for p in fast), "ledger_total disagrees"
        who = ids[len(ids) // 2]
        out = [
            _row(
                f"全员年度积分（{entries:,} 条流水，{ctx.persons:,} 人）",
                _best_ms(lambda: yearly_totals(store, year)),
                _best_ms(lambda: _baseline(store, year)),
                GOAL_MS,
            ),
            _row(
                f"个人年度积分（{entries:,} 条流水）",
                _best_ms(lambda: person_year_total(store, who, year)),
                _best_ms(lambda: _baseline_one(store, who, year)),
                GOAL_MS,
            ),
        ]
    finally:
        store.close()
    return [Row.from_dict(d, goal_abs=GOAL_MS) for d in out]
