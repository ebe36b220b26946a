"""Sync speed: export and import of 100,000 changes beside sqlite3 ``executemany``.

A centre writes ``persons`` people (one insert change each) and exports them; an enrolled station
imports the package (checks, signatures, authority, backup, change log, merge, one transaction).
The baseline, measured in the same run, is what the import must at least do: sqlite3
``executemany`` of the same change rows and the same person rows into a fresh database with the
same two tables, in one transaction. Goal: the import within 5× of the baseline.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from xhdesk.bench import BenchContext, Row

DEFAULT_CHANGES = 100_000
RATIO_GOAL = 5.0
PASSPHRASE = "BENCH-2026"  # enrolment files are always protected
NAMES = ["张三", "李四", "王五", "曾小明", "单田芳", "欧阳娜娜", "解晓东", "仇建国"]


def _nodes(folder: Path):  # noqa: ANN202
    from xhdesk.data.core.store import Store
    from xhdesk.data.sync import enrol, init_centre, init_from

    init_centre(folder / "centre.sqlite3", "兴化市服务中心")
    centre = Store.open(folder / "centre.sqlite3", create=False)
    enrol(centre, "城东暖蜂驿站", "station", folder / "station.xhnode", PASSPHRASE)
    init_from(folder / "station.sqlite3", folder / "station.xhnode", PASSPHRASE)
    return centre, Store.open(folder / "station.sqlite3", create=False)


def _people(count: int) -> list[dict]:
    from xhdesk.data.core import pinyin
    from xhdesk.data.core.validation import id_check_char

    rows = []
    for i in range(count):
        name = NAMES[i % len(NAMES)]
        first17 = f"3212811990{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"
        rows.append(
            dict(
                name=name,
                **pinyin.name_fields(name),
                id_number=first17 + id_check_char(first17),
                phone=f"138{i:08d}",
                occupation="rider",
                town="昭阳街道",
            )
        )
    return rows


def _baseline(folder: Path, station_db: Path, centre_db: Path) -> float:
    """sqlite3 executemany of the same change rows and person rows, one transaction."""
    src = sqlite3.connect(centre_db)
    changes = src.execute("SELECT * FROM change WHERE tbl = 'person'").fetchall()
    persons = src.execute("SELECT * FROM person").fetchall()
    schema = [
        sql
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN ('change', 'person') AND sql IS NOT NULL"
        )
    ]
    src.close()
    target = folder / "baseline.sqlite3"
    conn = sqlite3.connect(target, isolation_level=None)
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


def run(persons: int | None = None) -> list[dict]:
    """``persons`` is the number of changes (one new person each; default 100,000)."""
    from xhdesk.data.models import Person
    from xhdesk.data.sync import content_digest, export_package, import_package

    count = persons or DEFAULT_CHANGES
    folder = Path(tempfile.mkdtemp(prefix="xhdesk-bench-sync-"))
    centre, station = _nodes(folder)
    try:
        with centre.unit_of_work("bench") as uow:
            uow.insert_many(Person, _people(count))
        start = time.perf_counter()
        report = export_package(centre, folder / "all.xhsync", station.node_id)
        export_s = time.perf_counter() - start
        start = time.perf_counter()
        imported = import_package(station, folder / "all.xhsync")
        import_s = time.perf_counter() - start
        assert imported.inserted >= count and content_digest(station) == content_digest(centre)
        base_s = _baseline(folder, station.path, centre.path)
    finally:
        centre.close()
        station.close()
    return [
        {
            "name": f"导出同步包（{report.changes:,} 条变更，{report.changes / export_s:,.0f} 条/秒）",
            "value": export_s,
            "unit": "s",
            "baseline": base_s,
            "goal": "仅供参考",
        },
        {
            "name": f"导入同步包（{imported.received:,} 条变更，{imported.received / import_s:,.0f} 条/秒）",
            "value": import_s,
            "unit": "s",
            "baseline": base_s,
            "goal": f"≤ {RATIO_GOAL:g}× sqlite3 executemany",
        },
    ]


def rows(ctx: BenchContext) -> list[Row]:
    """Export and import once each (a run of 100,000 changes is long enough to be steady)."""
    export_row, import_row = run(5_000 if ctx.quick else 100_000)
    return [Row.from_dict(export_row), Row.from_dict(import_row, goal_ratio=RATIO_GOAL)]
