"""Command line: the same services as the window, no Qt (except to open the window).

``xhdesk [--db PATH | --demo] [--screenshot DIR]`` opens the window; ``xhdesk COMMAND …`` runs a
command. Each command lives in its own module with ``register(subparsers)``; a command's ``run``
returns the exit code. A user or environment error prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from xhdesk.cli import bench, check, demo, printing, stats, sync, verify
from xhdesk.data.core.errors import XhdeskError

# Add command modules here (each has ``register(subparsers)``).
COMMAND_MODULES = [demo, stats, printing, verify, sync, bench, check]


class OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"xhdesk: 参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="xhdesk", description="兴新向荣 · 新就业群体党建工作台")
    parser.add_argument("--db", dest="window_db", metavar="PATH", help="打开指定的数据库")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时创建）")
    parser.add_argument("--screenshot", metavar="DIR", help="离屏打开窗口，每个标签页截图后退出")
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.command is None:
            from xhdesk.ui.app import run_window

            return run_window(db=args.window_db, demo=args.demo, screenshot=args.screenshot)
        return int(args.run(args) or 0)
    except XhdeskError as exc:
        print(f"xhdesk: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("xhdesk: 已取消", file=sys.stderr)
        return 130
