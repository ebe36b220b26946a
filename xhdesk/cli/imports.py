"""``xhdesk import-roster``: import a roster, station list, enterprise ledger or instructor list.

Exit 0 when every row was imported (or would be, with ``--dry-run``), 3 when some rows were refused
(errors or duplicates inside the file; the rest are imported unless ``--all-or-nothing``), 2 on a
user error (no such file, no header found), with the database unchanged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from xhdesk.cli.common import open_existing

REFUSED = 3
KINDS = ("persons", "stations", "enterprises", "instructors")  # data.imports.columns
MODES = ("skip", "fill", "overwrite")  # data.imports.matching (kept light: no import)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-roster", help="从 Excel/CSV 导入人员、驿站、企业或指导员")
    p.add_argument("--db", required=True, metavar="P")
    p.add_argument("file", metavar="FILE", help=".xlsx、.xls 或 .csv 文件")
    p.add_argument("--kind", choices=KINDS, default="persons", help="导入内容（默认 persons）")
    p.add_argument("--sheet", metavar="NAME", help="工作表名称（默认第一个）")
    p.add_argument("--on-match", choices=MODES, default="skip", help="已登记记录的处理方式")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--report", metavar="OUT.xlsx", help="错误报告保存位置（默认在源文件旁）")
    p.add_argument("--all-or-nothing", action="store_true", help="有任何错误行则全部不导入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出计数")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.data.imports import apply_plan, build_plan, write_error_report

    with open_existing(args.db) as store:
        plan = build_plan(store, args.file, args.kind, sheet=args.sheet)
        counts = plan.counts(args.on_match)
        report = None
        if plan.refused:
            report = write_error_report(plan, Path(args.report) if args.report else None)
        writes = not args.dry_run and not (args.all_or_nothing and plan.refused)
        if writes:
            counts = apply_plan(store, plan, args.on_match).counts
    if args.json:
        print(json.dumps(counts.as_dict(), ensure_ascii=False))
    else:
        verb = "导入完成" if writes else ("检查完成（未写入）" if args.dry_run else "未导入")
        print(f"{verb}：{counts.summary(plan.kind.unit)}")
        if report is not None:
            print(f"错误报告：{report}")
    return REFUSED if plan.refused else 0
