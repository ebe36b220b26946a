"""``xhdesk check --db PATH [--repair] [--quick] [--json]``: the data check (数据体检).

One line per finding in Chinese (``--json``: ``{"ok": bool, "findings": [...], …}``); exit 0 when
clean, 1 when not. ``--repair`` backs up, rebuilds derived tables and re-folds rows in one
transaction, then checks again (the exit code is the second check's). ``--quick`` checks the
file by ``PRAGMA quick_check`` only (no index compared with its table); the rest as usual.
"""

from __future__ import annotations

import argparse
import json

from xhdesk.cli.common import open_existing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="数据体检：文件完整性、外键、派生数据、变更记录")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--repair", action="store_true", help="先备份，再修复可修复的问题并复查")
    p.add_argument(
        "--quick",
        action="store_true",
        help="快速体检：数据库文件只做 quick_check（不逐条比对索引与表），其余照常",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.data.check import check, repair

    with open_existing(args.db) as store:
        result = repair(store, quick=args.quick) if args.repair else check(store, quick=args.quick)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines():
            print(line)
    return 0 if result.ok else 1
