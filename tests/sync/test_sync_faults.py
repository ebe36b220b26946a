"""Faults: damaged or forged packages are refused whole; a killed import leaves before or after."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select
from synckit import add_person, corrupt, id_number, open_nodes

from xhdesk.data.core import pinyin
from xhdesk.data.core.errors import SyncError
from xhdesk.data.core.store import Store
from xhdesk.data.models import Person
from xhdesk.data.sync import content_digest, export_package, import_package


@pytest.fixture(scope="module")
def damaged_setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    centre, station = open_nodes(folder, 3)[::2]
    for i, name in enumerate(["张三", "李四", "单田芳"]):
        add_person(centre, name, i)
    package = folder / "good.xhsync"
    export_package(centre, package, station.node_id)
    before = content_digest(station)
    yield station, package.read_bytes(), before, folder
    centre.close()
    station.close()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mode=st.sampled_from(["truncate", "flip", "rezip"]), seed=st.integers(0, 2**32))
def test_every_damaged_package_is_refused_and_changes_nothing(damaged_setup, mode, seed):
    station, good, before, folder = damaged_setup
    bad = folder / "bad.xhsync"
    damaged = corrupt(good, mode, random.Random(seed))
    if damaged == good:
        return
    bad.write_bytes(damaged)
    with pytest.raises(SyncError):
        import_package(station, bad, backup=False)
    assert content_digest(station) == before


def test_the_undamaged_package_imports(damaged_setup):
    station, good, before, folder = damaged_setup
    path = folder / "copy.xhsync"
    path.write_bytes(good)
    store = Store.open(shutil.copy(station.path, folder / "station-copy.sqlite3"), create=False)
    try:
        assert import_package(store, path, backup=False).inserted >= 3
        with store.session() as s:
            assert {p.name for p in s.exec(select(Person))} == {"张三", "李四", "单田芳"}
        assert content_digest(store) != before
    finally:
        store.close()


def test_a_failed_import_from_the_command_line_prints_one_line_and_exits_2(damaged_setup, tmp_path):
    from xhdesk.cli import main

    station, good, before, _folder = damaged_setup
    bad = tmp_path / "bad.xhsync"
    bad.write_bytes(good[: len(good) // 2])
    db = tmp_path / "station.sqlite3"
    station.close()
    shutil.copyfile(station.path, db)
    assert main(["import", "--db", str(db), str(bad)]) == 2
    with Store.open(db, create=False) as copy:
        assert content_digest(copy) == before


def _import_worker(db: str, package: str, conn) -> None:
    """Runs in a forked child: open the database, say ready, import when told."""
    store = Store.open(db, create=False)
    conn.send("ready")
    conn.recv()
    import_package(store, package)
    store.close()
    conn.send("done")


def _bulk_package(folder: Path, persons: int) -> tuple[Path, Path]:
    centre, station = open_nodes(folder, 3)[::2]
    rows = []
    for i in range(persons):
        name = random.Random(i).choice(["张三", "李四", "王五", "曾小明"])
        rows.append(
            dict(
                name=name,
                name_pinyin=pinyin.full_pinyin(name),
                id_number=id_number(i),
                occupation="courier",
            )
        )
    with centre.unit_of_work("测试") as uow:
        uow.insert_many(Person, rows)
    package = folder / "bulk.xhsync"
    export_package(centre, package, station.node_id)
    centre.close()
    station.close()
    return station.path, package


@pytest.mark.slow
def _start_import(fork, db: Path, package: Path):  # noqa: ANN001, ANN202
    parent, child = fork.Pipe()
    proc = fork.Process(target=_import_worker, args=(str(db), str(package), child))
    proc.start()
    assert parent.recv() == "ready"
    parent.send("go")
    return proc, parent


def _digest(db: Path) -> str:
    with Store.open(db, create=False) as s:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        return content_digest(s)


@pytest.mark.slow
def test_an_import_killed_at_random_moments_leaves_the_database_before_or_after(tmp_path):
    template, package = _bulk_package(tmp_path, 1500)
    before = _digest(template)
    fork = multiprocessing.get_context("fork")  # the child inherits the loaded modules: fast
    done = tmp_path / "done.sqlite3"
    shutil.copyfile(template, done)
    started = time.perf_counter()
    proc, pipe = _start_import(fork, done, package)  # one run to the end: "after" and its length
    assert pipe.recv() == "done"
    duration = time.perf_counter() - started
    proc.join()
    after = _digest(done)
    assert before != after
    rng = random.Random(7)
    outcomes = []
    for attempt in range(24):
        db = tmp_path / f"kill{attempt}.sqlite3"
        shutil.copyfile(template, db)
        proc, _pipe = _start_import(fork, db, package)
        time.sleep(rng.uniform(0.2, 1.1) * duration)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        digest = _digest(db)
        assert digest in (before, after), f"attempt {attempt}: database between before and after"
        outcomes.append(digest == after)
    assert not all(outcomes), "every kill came too late to interrupt anything"
