"""Sync at the hub: the centre imports 20 station packages of ~2,000 changes each, then exports.

Each station (enrolled at the centre, its database made as ``init --from`` makes it) adds 1,500
persons and edits 500 of them, and exports a package addressed to the centre. The centre imports
the 20 packages one after another (every check: signatures, schema and field rules, authority,
append-only ids, incarnations, merge; no pre-import backup, which is the backup module's budget).
Baseline, in the same run and process: sqlite3 ``executemany`` of the same 40,000 change rows and
the resulting person rows into the same two tables, one transaction. Goal: ≤ 3× the baseline.
Then ``export --to`` one station (the other 19 stations' changes, relayed): goal ≤ 3 s.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from xhdesk.bench import BenchContext, Row

STATIONS = 20
INSERTS, EDITS = 1_500, 500
RATIO_GOAL = 3.0
EXPORT_GOAL_S = 3.0
PASSPHRASE = "BENCH-2026"


def _stations(folder: Path, centre, count: int) -> list:  # noqa: ANN001
    """``count`` enrolled station databases, made as ``init --from`` makes them (cheaply)."""
    import sqlalchemy as sa

    from xhdesk.data.core.store import Store
    from xhdesk.data.migrations import upgrade
    from xhdesk.data.sync.nodes import _prepare_identity, enrol, read_enrolment

    empty = folder / "empty.sqlite3"
    engine = sa.create_engine(f"sqlite:///{empty}")
    upgrade(engine)
    engine.dispose()
    stores = []
    for i in range(count):
        xhnode = folder / f"s{i}.xhnode"
        enrol(centre, f"第{i + 1}暖蜂驿站", "station", xhnode, PASSPHRASE)
        content = read_enrolment(xhnode, PASSPHRASE)
        path = folder / f"s{i}.sqlite3"
        shutil.copyfile(empty, path)
        _prepare_identity(
            path, content["node"], content["private_key"], content["centre"], content["registry"]
        )
        stores.append(Store.open(path, create=False))
    return stores


def _work(station, i: int, inserts: int, edits: int) -> None:  # noqa: ANN001
    from sqlmodel import select

    from xhdesk.bench.sync import _people
    from xhdesk.data.models import Person

    people = _people(inserts)
    for n, row in enumerate(people):
        row["phone"] = f"139{i:03d}{n:05d}"
    with station.unit_of_work("bench") as uow:
        uow.insert_many(Person, people)
    with station.unit_of_work("bench") as uow:
        rows = uow.session.exec(select(Person).limit(edits)).all()
        for n, person in enumerate(rows):
            person.town = "戴南镇" if n % 2 else "张郭镇"


def _baseline(folder: Path, centre_db: Path) -> float:
    """sqlite3 executemany of the stations' change rows and person rows, one transaction."""
    src = sqlite3.connect(centre_db)
    changes = src.execute("SELECT * FROM change WHERE tbl = 'person'").fetchall()
    persons = src.execute("SELECT * FROM person").fetchall()
    schema = [
        sql
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN ('change', 'person') "
            "AND sql IS NOT NULL"
        )
    ]
    src.close()
    conn = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    for sql in schema:
        conn.execute(sql)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO change VALUES ({','.join('?' * len(changes[0]))})", changes)
    conn.executemany(f"INSERT INTO person VALUES ({','.join('?' * len(persons[0]))})", persons)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def run(stations: int = STATIONS, inserts: int = INSERTS, edits: int = EDITS) -> list[Row]:
    from xhdesk.data.core.store import Store
    from xhdesk.data.sync import export_package, import_package, init_centre

    folder = Path(tempfile.mkdtemp(prefix="xhdesk-bench-hub-"))
    init_centre(folder / "centre.sqlite3", "兴化市服务中心")
    centre = Store.open(folder / "centre.sqlite3", create=False)
    nodes = _stations(folder, centre, stations)
    try:
        packages = []
        for i, station in enumerate(nodes):
            _work(station, i, inserts, edits)
            path = folder / f"s{i}.xhsync"
            export_package(station, path, centre.node_id)
            packages.append(path)
        received = 0
        start = time.perf_counter()
        for path in packages:
            received += import_package(centre, path, backup=False).received
        import_s = time.perf_counter() - start
        start = time.perf_counter()
        report = export_package(centre, folder / "to-s0.xhsync", nodes[0].node_id)
        export_s = time.perf_counter() - start
        base_s = _baseline(folder, centre.path)
    finally:
        for store in [centre, *nodes]:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
    return [
        Row(
            f"中心导入 {stations} 个驿站同步包（共 {received:,} 条变更）",
            import_s,
            "s",
            base_s,
            f"≤ {RATIO_GOAL:g}× sqlite3 executemany",
            goal_ratio=RATIO_GOAL,
        ),
        Row(
            f"随后中心 export --to 一个驿站（{report.changes:,} 条变更）",
            export_s,
            "s",
            None,
            f"≤ {EXPORT_GOAL_S:g} 秒",
            goal_abs=EXPORT_GOAL_S,
        ),
    ]


def rows(ctx: BenchContext) -> list[Row]:
    if ctx.quick:
        return run(2, 100, 30)
    return run()
