"""``xhdesk demo --db PATH [--persons N] [--seed S]``: write the Xinghua demo data set."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from xhdesk.data.core.errors import StorageError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.demo import DEFAULT_PERSONS, MAX_PERSONS, MIN_PERSONS, build_demo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="生成兴化市演示数据")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--persons", type=int, default=DEFAULT_PERSONS, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.db)
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(f"文件已存在，演示数据只写入新的数据库：{path}")
    if args.persons < MIN_PERSONS:
        raise ValidationError(f"--persons 至少为 {MIN_PERSONS}（演示数据含239名党员）。")
    if args.persons > MAX_PERSONS:
        raise ValidationError(
            f"--persons 最多为 {MAX_PERSONS:,}（一个县级市的新就业群体远少于此）。"
        )
    # Build beside the target and rename at the end: a failure leaves no half-written database.
    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with Store.open(part) as store:
            build_demo(store, persons=args.persons, seed=args.seed, on_step=_progress())
        part.replace(path)
    finally:
        for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
            leftover.unlink(missing_ok=True)
    print(f"演示数据已写入 {path}（{args.persons} 人，种子 {args.seed}）")
    return 0


def _progress() -> Callable[[int, int], None]:
    """Each finished part on stderr with the time so far (stdout stays the one result line)."""
    started = time.monotonic()

    def step(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        print(f"[{elapsed:5.0f} 秒] 已完成 {done}/{total} 部分", file=sys.stderr, flush=True)

    return step
