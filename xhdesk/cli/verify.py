"""``xhdesk verify --db PATH CODE``: is the certificate whose QR code reads CODE genuine?

Exit 0 and say who issued it to whom if genuine; exit 1 with a one-line reason if not.
"""

from __future__ import annotations

import argparse
import sys

from xhdesk.cli.common import open_existing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="验证荣誉证书二维码的真伪（无需联网）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("code", metavar="CODE", help="证书二维码中的文字（XHV1.…）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xhdesk.data.awards import verify_code

    with open_existing(args.db, args, migrate=False) as store:
        verdict = verify_code(store, args.code)
    if verdict.genuine:
        print(verdict.summary())
        return 0
    print(f"xhdesk: 验证未通过：{verdict.reason}", file=sys.stderr)
    return 1
