"""``xhdesk report --db P --period 2026-11|2026Q4|2026 --out F.pdf|F.xlsx``: the period report."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="生成工作月报/季报/年报（PDF 或 Excel）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--period", required=True, metavar="2026-11|2026Q4|2026", help="月、季度或年")
    p.add_argument("--out", required=True, metavar="F.pdf|F.xlsx")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.cli.common import open_existing
    from xhdesk.data.overview.period import parse_period
    from xhdesk.data.overview.place import node_place
    from xhdesk.documents.overview import save_report

    period = parse_period(args.period)  # a typo fails before the database is opened
    with open_existing(args.db) as store:
        path = save_report(store, node_place(store), period, args.out)
    print(path)
    return 0
