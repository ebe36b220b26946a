"""Importing a 100,000-row roster: read, check, match, write and change log, in one fresh process.

Goal (issue 16): at most 5× the same run's baseline — calamine reading the same file and sqlite3
``executemany`` of its rows, as read, into the person table (same schema and indexes, no checks,
no change log) — and a peak memory of at most 500 MB.
The roster has the nine columns of a typical 花名册 (name, ID number, phone, occupation, political
status, enterprise, town, address, status); every row is new. Each side runs once in its own
process, so the peak memory is the import's own (VmHWM) and neither warms the other's caches.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from xhdesk.bench import BenchContext, Row, child_command

RATIO_GOAL = 5.0
MEMORY_GOAL_MB = 500.0
HEADERS = [
    "姓名",
    "身份证号码",
    "手机号码",
    "职业群体",
    "政治面貌",
    "所属企业",
    "镇街",
    "住址",
    "在岗状态",
]
ENTERPRISES = ["兴化市极速快递服务有限公司", "兴化市美味到家外卖配送服务有限公司"]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞晨宇浩然子轩梓涵"
TOWNS = ["昭阳街道", "临城街道", "垛田街道", "戴窑镇", "合陈镇", "安丰镇", "戴南镇", "张郭镇"]

CHILD = """
import json, sys, time
mode, source, target = sys.argv[1:4]
if mode == "baseline":
    import sqlite3, uuid
    from python_calamine import CalamineWorkbook
    start = time.perf_counter()
    rows = CalamineWorkbook.from_path(source).get_sheet_by_index(0).to_python()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(INSERT, [(str(uuid.uuid4()), *r) for r in rows[1:]])
    conn.execute("COMMIT")
    done = len(rows) - 1
else:  # timed from an open database with the modules loaded, as in the window
    import pypinyin
    from xhdesk.data.core.store import Store
    from xhdesk.data.imports import apply_plan, build_plan
    store = Store.open(target)
    start = time.perf_counter()
    plan = build_plan(store, source)
    counts = apply_plan(store, plan).counts
    assert counts.refused == 0, counts
    done = counts.new
elapsed = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "peak_kib": peak, "rows": done}), flush=True)
"""


def _id_number(rng: random.Random, serial: int) -> str:
    from xhdesk.data.core.validation import id_check_char

    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(14000))
    first17 = f"321281{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def write_roster(path: Path, count: int, seed: int = 16) -> None:
    """A roster of ``count`` distinct valid persons (unique ID numbers) in a write-only workbook."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(HEADERS)
    seen: set[str] = set()
    serial = 0
    while len(seen) < count:
        serial += 1
        number = _id_number(rng, serial)
        if number in seen:
            continue
        seen.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        ws.append(
            [
                name,
                number,
                f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                rng.choice(("外卖骑手", "快递员", "网约车司机", "货车司机")),
                "中共党员" if rng.random() < 0.03 else "群众",
                rng.choice(ENTERPRISES),
                rng.choice(TOWNS),
                f"兴化市{rng.choice(TOWNS)}{rng.randrange(1, 500)}号",
                "在岗",
            ]
        )
    wb.save(path)


def _target(folder: Path) -> Path:
    """An empty database with the two enterprises the roster names."""
    from xhdesk.data.core.store import Store
    from xhdesk.data.core.validation import uscc_check_char
    from xhdesk.data.registry.organisation import add_enterprise

    path = folder / "import.sqlite3"
    with Store.open(path) as store:
        for i, name in enumerate(ENTERPRISES, start=1):
            first17 = f"91321281MA{i:07d}"
            code = first17 + uscc_check_char(first17)
            add_enterprise(store, {"name": name, "kind": "courier", "credit_code": code})
    return path


# The baseline's rows go, as they are read, into the table they belong in (person, with its
# indexes, in an otherwise empty copy of the schema): the bare minimum any import must do.
BASELINE_INSERT = (
    "INSERT INTO person (id, name, id_number, phone, occupation, political_status, enterprise_id,"
    " town, address, status, name_pinyin, name_initials, gender, pioneer_post,"
    " responsibility_area, org_checked_by, industry_checked_by, deleted)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', '', '', 0)"
)


def _baseline_target(folder: Path) -> Path:
    """An empty database with the person table (and its indexes) alone, foreign keys off."""
    import sqlite3

    from xhdesk.data.core.store import Store

    schema_source = folder / "schema.sqlite3"
    Store.open(schema_source).close()
    src = sqlite3.connect(schema_source)
    schema = [
        sql
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'person' AND sql IS NOT NULL"
            " ORDER BY type DESC"  # the table before its indexes
        )
    ]
    src.close()
    path = folder / "baseline.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    for sql in schema:
        conn.execute(sql)
    conn.close()
    return path


def _child(mode: str, source: Path, target: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [
            *child_command(),
            f"INSERT = {BASELINE_INSERT!r}\n{CHILD}",
            mode,
            str(source),
            str(target),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"bench child {mode} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(count: int) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="xhdesk-bench-import-") as tmp:
        folder = Path(tmp)
        source = folder / "roster.xlsx"
        write_roster(source, count)
        base = _child("baseline", source, _baseline_target(folder))
        done = _child("import", source, _target(folder))
    return [
        {
            "name": f"导入花名册（{count:,} 行 × {len(HEADERS)} 列，读取+校验+写入+变更日志）",
            "value": done["seconds"],
            "unit": "s",
            "baseline": base["seconds"],
            "goal": f"≤ {RATIO_GOAL:g}× calamine 读取 + sqlite3 executemany",
        },
        {
            "name": f"导入花名册峰值内存（{count:,} 行）",
            "value": done["peak_kib"] / 1024,
            "unit": "MB",
            "baseline": base["peak_kib"] / 1024,
            "goal": f"≤ {MEMORY_GOAL_MB:g} MB",
        },
    ]


def rows(ctx: BenchContext) -> list[Row]:
    """One import of ``ctx.persons`` rows (1,000 in a quick run) beside its baseline."""
    time_row, memory_row = run(1_000 if ctx.quick else ctx.persons)
    return [
        Row.from_dict(time_row, goal_ratio=RATIO_GOAL),
        Row.from_dict(memory_row, goal_abs=MEMORY_GOAL_MB),
    ]


if __name__ == "__main__":  # python -m xhdesk.bench.imports [ROWS]
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
        print(row)
