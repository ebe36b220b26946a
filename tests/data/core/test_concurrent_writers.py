"""Two processes on one database file: every write lands, numbers and sequences stay unique."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.requests_helpers import seed_catalogue
from xhdesk.data.core.faults import BUSY, DatabaseBusy
from xhdesk.data.core.store import Store
from xhdesk.data.registry.persons import add_person

WRITES = 500
HERE = Path(__file__).parent


def test_a_window_and_a_command_writing_one_file_lose_nothing(store, tmp_path):
    seed_catalogue(store)
    add_person(
        store,
        {
            "name": "顾小红",
            "id_number": "321281199003070027",
            "phone": "13800000000",
            "occupation": "courier",
        },
    )
    node, path = store.node_id, store.path
    before = store.current_seq()
    store.close()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE.parents[2]), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, str(HERE / "writer_process.py"), str(path), kind, str(WRITES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for kind in ("window", "cli")
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _out, err in outputs]
    numbers = [line for out, _err in outputs for line in out.split()]
    assert len(numbers) == WRITES // 2 + WRITES  # every request the two processes took
    assert len(set(numbers)) == len(numbers)  # each got its own request number
    conn = sqlite3.connect(path)
    try:
        seqs = [
            s
            for (s,) in conn.execute(
                "SELECT seq FROM change WHERE origin = ? ORDER BY seq", (node,)
            )
        ]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        edits = conn.execute(
            "SELECT count(*) FROM change WHERE tbl = 'person' AND op = 'update'"
        ).fetchone()[0]
    finally:
        conn.close()
    assert len(seqs) == len(set(seqs)) and seqs == list(range(1, seqs[-1] + 1))  # unique, no hole
    assert seqs[-1] > before + 2 * WRITES
    assert edits == WRITES // 2


def test_a_writer_that_waits_too_long_is_told_in_words(store, monkeypatch):
    """Another window holds the write lock: the write fails in words, the file is unchanged."""
    monkeypatch.setattr("xhdesk.data.core.store.BUSY_TIMEOUT_MS", 200)
    path = store.path
    store.close()
    busy = Store.open(path, create=False)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = busy.local_state()
        with pytest.raises(DatabaseBusy) as caught:
            add_person(
                busy,
                {
                    "name": "顾小红",
                    "id_number": "321281199003070027",
                    "phone": "13800000000",
                    "occupation": "courier",
                },
            )
        assert caught.value.message == BUSY
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.local_state() == before
    busy.close()
