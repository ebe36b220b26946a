"""``xhdesk stats --db PATH [--json]``: the headline figures."""

from __future__ import annotations

import argparse
import json

from xhdesk.cli.common import open_existing
from xhdesk.data.overview.stats import headline_figures


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="打印主要统计数字")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.data.registry.units import node_summary

    with open_existing(args.db, args, migrate=False) as store:
        figures = headline_figures(store)
        node = node_summary(store)
    if args.json:
        figures["node"] = node
        print(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=False))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0
