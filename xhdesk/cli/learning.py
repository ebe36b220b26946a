"""``xhdesk import-viewings --db PATH FILE``: the learning platform's export (CSV or Excel) in.

Every row is checked first; a bad row prints one Chinese line on stderr ("第5行：……") and nothing
is written (exit 1). Rows imported before are skipped.
"""

from __future__ import annotations

import argparse
import sys

from xhdesk.cli.common import open_existing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-viewings", help="导入学习平台导出的课件观看记录（CSV/Excel）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("file", metavar="FILE", help="学习平台导出的 .csv/.xlsx/.xls 文件")
    p.add_argument("--sheet", default=None, help="工作表名称（默认第一个）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.data.learning.viewing_import import import_viewings

    with open_existing(args.db, args) as store:
        result = import_viewings(store, args.file, sheet=args.sheet)
    if result.errors:
        for line in result.errors:
            print(line, file=sys.stderr)
        print(result.summary, file=sys.stderr)
        return 1
    print(result.summary)
    return 0
