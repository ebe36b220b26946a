"""``xhdesk persons --db PATH [--search Q] [--json]``: the persons the members tab would list.

The same search as the tab (汉字, either surname reading, initials, given name, phone, ID end) and
the same masking: ID numbers and phones are never printed in full.
"""

from __future__ import annotations

import argparse
import json

from xhdesk.cli.common import open_existing
from xhdesk.data.core.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("persons", help="按姓名、拼音或手机号查找人员（与「党员队伍」相同）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument(
        "--search", default="", metavar="Q", help="姓名、拼音、首字母、手机号或身份证尾号"
    )
    p.add_argument("--json", action="store_true", help="每人一行 JSON")
    p.set_defaults(run=run)


def persons_rows(store: Store, query: str) -> tuple[list[dict[str, str]], int]:
    """(the rows the command prints, the number of matches) for ``query``."""
    from xhdesk.data.registry.search import match_persons

    found = match_persons(store, query, limit=None)
    return [person.public() for person in found.persons], found.total


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        rows, total = persons_rows(store, args.search)
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print("\t".join((row["name"], row["phone_masked"], row["occupation"], row["unit"])))
    if not args.json:
        print(f"共 {total} 人")
    return 0
