"""The check's parts run side by side; a table read in several rowid slices is read whole."""

from __future__ import annotations

import sqlite3

import pytest

from xhdesk.data.check import check, run


def test_rows_in_every_slice_are_checked_and_listed_in_order(demo_store, monkeypatch):
    raw = sqlite3.connect(demo_store.path, isolation_level=None)
    last, lonely = raw.execute("SELECT max(rowid), min(rowid) FROM person").fetchone()
    changed = raw.execute("SELECT id FROM person WHERE rowid = ?", (last,)).fetchone()[0]
    unlogged = raw.execute("SELECT id FROM person WHERE rowid = ?", (lonely,)).fetchone()[0]
    raw.execute("UPDATE person SET phone = '13900000000' WHERE id = ?", (changed,))
    raw.execute("DELETE FROM change WHERE row_id = ?", (unlogged,))
    raw.close()

    whole = check(demo_store)
    monkeypatch.setattr(run, "SLICE", 97)
    sliced = check(demo_store)

    assert sliced.findings == whole.findings
    assert [(f.kind, f.table, f.key) for f in sliced.findings] == [
        ("no_changes", "person", unlogged),
        ("fold", "person", changed),
    ]


def test_a_cancel_stops_the_parts_and_the_next_check_runs_as_usual(demo_store):
    class Stop(Exception):
        pass

    def cancel(done: int, total: int, text: str) -> None:
        if total > 1:  # while the parts run
            raise Stop

    with pytest.raises(Stop):
        check(demo_store, progress=cancel)
    assert check(demo_store).ok
