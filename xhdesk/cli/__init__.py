"""Command line: the same services as the window, no Qt (except to open the window).

``xhdesk [--db PATH | --demo] [--screenshot DIR]`` opens the window; ``xhdesk COMMAND …`` runs a
command. Each command lives in its own module with ``register(subparsers)``; a command's ``run``
returns the exit code. A user or environment error prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from xhdesk.data.core.errors import XhdeskError


def command_modules() -> list:
    """The command modules (each has ``register(subparsers)``), imported only when a command runs.

    Opening the window never imports them: several load the data layer (SQLAlchemy, SQLModel,
    reportlab) at import, which would delay the first frame by a second.
    """
    from xhdesk.cli import (
        backup,
        bench,
        check,
        demo,
        imports,
        learning,
        network,
        persons,
        printing,
        report,
        stats,
        sync,
        users,
        verify,
    )

    # Add command modules here.
    return [
        demo,
        stats,
        persons,
        report,
        printing,
        verify,
        sync,
        users,
        bench,
        imports,
        backup,
        check,
        learning,
        network,
    ]


PROBES = ("empty", "window", "memory")
BENCH_EXEC = "--bench-exec"  # see xhdesk.bench.child_command


class OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"xhdesk: 参数错误：{message}\n")


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", dest="window_db", metavar="PATH", help="打开指定的数据库")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时创建）")
    parser.add_argument("--screenshot", metavar="DIR", help="离屏打开窗口，每个标签页截图后退出")
    parser.add_argument("--user", metavar="NAME", help="以本节点账号身份执行（需输入密码）")
    # ``xhdesk bench`` starts the launcher itself (also inside the bundle, where there is no
    # ``python -c``) to time the window: see xhdesk/bench/probe.py.
    parser.add_argument("--bench-probe", choices=PROBES, help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="xhdesk", description="兴新向荣 · 新就业群体党建工作台")
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser, metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    _accept_user_everywhere(sub)
    return parser


def _accept_user_everywhere(sub: argparse._SubParsersAction) -> None:
    """``xhdesk import --user NAME …`` reads as naturally as ``xhdesk --user NAME import …``."""
    for command in sub.choices.values():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _accept_user_everywhere(nested[0])
        else:
            command.add_argument("--user", dest="user_sub", metavar="NAME", help=argparse.SUPPRESS)


class _NotWindow(Exception):
    """The arguments are not the window's own (a command, ``--help`` or a mistake)."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotWindow(message)


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when ``argv`` opens the window, else None; imports no command module."""
    parser = _WindowParser(prog="xhdesk", add_help=False)
    _window_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [BENCH_EXEC]:  # the bench's measuring child, where there is no ``python -c``
        from xhdesk.bench.probe import run_code

        return run_code(argv[1:])
    args = window_args(argv) or build_parser().parse_args(argv)
    try:
        if args.command is None:
            if args.bench_probe:
                from xhdesk.bench.probe import run_probe

                return run_probe(args.bench_probe, db=args.window_db, demo=args.demo)
            from xhdesk.ui.app import run_window

            return run_window(db=args.window_db, demo=args.demo, screenshot=args.screenshot)
        return int(args.run(args) or 0)
    except XhdeskError as exc:
        print(f"xhdesk: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): nothing to report
        return 0
    except (OSError, MemoryError) as exc:
        return _environment_fault(exc)
    except Exception as exc:
        from xhdesk.data.core.faults import is_environment_fault

        if not is_environment_fault(exc):
            raise
        return _environment_fault(exc)
    except KeyboardInterrupt:
        print("xhdesk: 已取消", file=sys.stderr)
        return 130


def _environment_fault(exc: BaseException) -> int:
    """A fault of the disk, the file or another process: one line, never a traceback."""
    import logging

    from xhdesk.data.core.faults import storage_fault

    logging.getLogger("xhdesk").debug("environment fault", exc_info=exc)
    if isinstance(exc, MemoryError):
        print("xhdesk: 内存不足，操作未完成；数据库未被修改。", file=sys.stderr)
    else:
        print(f"xhdesk: {storage_fault(exc).message}", file=sys.stderr)
    return 2
