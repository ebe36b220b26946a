"""``xhdesk bench [--persons N] [--json]``: every speed and memory figure beside its baseline."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

from xhdesk.bench import BenchContext, Row
from xhdesk.data.core.errors import ValidationError

# Row modules in the order of the table; each has ``rows(ctx) -> list[Row]``.
MODULES = [
    "startup",
    "registry",
    "points",
    "requests",
    "sync",
    "sync_hub",
    "printing",
    "imports",
    "overview",
    "check",
    "users",
    "activities",
]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="运行性能基准，与同次运行的基线对比")
    p.add_argument("--persons", type=int, default=100_000, metavar="N")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--quick", action="store_true", help="少量重复、较小数据（用于测试）")
    p.set_defaults(run=run)


def _build_db(workdir: Path, persons: int) -> Path:
    from xhdesk.data.core.store import Store
    from xhdesk.data.demo import build_demo

    path = workdir / "bench.sqlite3"
    with Store.open(path) as store:
        build_demo(store, persons=persons, seed=1)
    return path


def collect(persons: int, quick: bool, progress: bool = True) -> list[Row]:
    if persons < 300:
        raise ValidationError("--persons 至少为 300。")
    out: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="xhdesk-bench-") as tmp:
        workdir = Path(tmp)
        started = time.perf_counter()
        if progress:
            print(f"正在生成 {persons:,} 人的演示数据库…", file=sys.stderr, flush=True)
        ctx = BenchContext(
            workdir=workdir, persons=persons, db=_build_db(workdir, persons), quick=quick
        )
        for name in MODULES:
            module = importlib.import_module(f"xhdesk.bench.{name}")
            if progress:
                print(
                    f"[{time.perf_counter() - started:5.0f} s] {name}…", file=sys.stderr, flush=True
                )
            out.extend(module.rows(ctx))
    return out


def format_table(rows: list[Row]) -> str:
    header = ("项目", "结果", "基线", "倍数", "目标", "判定")
    lines = [header]
    for r in rows:
        value = f"{r.value:,.1f} {r.unit}"
        baseline = "—" if r.baseline is None else f"{r.baseline:,.1f} {r.unit}"
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        verdict = {True: "PASS", False: "FAIL", None: "—"}[r.passed]
        lines.append((r.name, value, baseline, ratio, r.goal, verdict))
    widths = [max(_width(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)) for line in lines
    )


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def run(args: argparse.Namespace) -> int:
    rows = collect(args.persons, args.quick, progress=not args.json)
    if args.json:
        print(
            json.dumps(
                {"persons": args.persons, "rows": [r.as_dict() for r in rows]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(format_table(rows))
    return 0 if all(r.passed is not False for r in rows) else 1
