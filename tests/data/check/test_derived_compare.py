"""Comparing a derived table with its recomputation: a clean table ends after one pass; a
missing, an extra and a wrong cached row are each told apart."""

from __future__ import annotations

import sqlite3

from xhdesk.data.core import derived


def test_missing_extra_and_wrong_rows_are_each_found(demo_store):
    d = derived.BY_TABLE["ledger_year_total"]
    with demo_store.engine.connect() as conn:
        assert derived.agrees(conn, d) and derived.differences(conn, d) == []
        first, second = conn.exec_driver_sql(
            "SELECT person_id, year FROM ledger_year_total ORDER BY person_id, year LIMIT 2"
        ).all()
    raw = sqlite3.connect(demo_store.path, isolation_level=None)
    raw.execute("DELETE FROM ledger_year_total WHERE person_id = ? AND year = ?", tuple(first))
    raw.execute(
        "UPDATE ledger_year_total SET entries = entries + 1 WHERE person_id = ? AND year = ?",
        tuple(second),
    )
    raw.execute("INSERT INTO ledger_year_total VALUES ('nobody', 2001, 1.5, 1)")
    raw.close()
    with demo_store.engine.connect() as conn:
        assert not derived.agrees(conn, d)
        found = derived.differences(conn, d)
    assert sorted(found) == sorted(
        [("missing", tuple(first)), ("wrong", tuple(second)), ("extra", ("nobody", 2001))]
    )
