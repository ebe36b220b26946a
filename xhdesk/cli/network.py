"""Network commands: ``units`` (every unit and its code), ``nodes`` and ``revoke``."""

from __future__ import annotations

import argparse
import json

from xhdesk.cli.common import open_existing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("units", help="列出全部单位（行业党委、党支部、驿站）及其代码")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run_units)


def run_units(args: argparse.Namespace) -> int:
    from xhdesk.data.registry.units import UNIT_KINDS, list_units

    with open_existing(args.db, args, migrate=False) as store:
        units = list_units(store)
    if args.json:
        rows = [
            {"code": u.code, "kind": u.kind, "name": u.name, "parent_code": u.parent_code}
            for u in units
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for u in units:
        print(
            f"{u.code or '-':<6} {UNIT_KINDS[u.kind]:<4} {u.name}（上级：{u.parent_code or '-'}）"
        )
    return 0
