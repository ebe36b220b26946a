"""``xhdesk user add|passwd|list --db PATH``: this node's accounts from the command line.

Passwords are typed at a hidden prompt, or read from ``XHDESK_NEW_PASSWORD`` in scripts; they never
appear as arguments (which other users of the PC could read in the process list).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from xhdesk.cli.common import open_existing
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.users import accounts
from xhdesk.data.users.roles import USER_ROLES

NEW_PASSWORD_ENV = "XHDESK_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="管理本节点的用户账号（新增、改密码、列表）")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="新增账号")
    add.add_argument("--db", required=True, metavar="PATH")
    add.add_argument("login", metavar="LOGIN", help="登录账号（1–16 位）")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--role", required=True, choices=list(USER_ROLES), help="角色")
    add.set_defaults(run=run_add)
    pw = actions.add_parser("passwd", help="设置或重置密码（并解除锁定）")
    pw.add_argument("--db", required=True, metavar="PATH")
    pw.add_argument("login", metavar="LOGIN")
    pw.set_defaults(run=run_passwd)
    ls = actions.add_parser("list", help="列出账号")
    ls.add_argument("--db", required=True, metavar="PATH")
    ls.add_argument("--json", action="store_true", help="以 JSON 输出")
    ls.set_defaults(run=run_list)


def new_password() -> str:
    """From the environment (scripts) or typed twice at a hidden prompt."""
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(f"请在终端中运行以输入密码，或设置环境变量 {NEW_PASSWORD_ENV}。")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise ValidationError("两次输入的密码不一致。")
    return first


def run_add(args: argparse.Namespace) -> int:
    password = new_password()
    with open_existing(args.db, args) as store:
        account = accounts.add_account(store, args.login, args.name, args.role, password)
    print(f"已新增账号 {account.login}（{account.name}，{account.role_label}）")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    password = new_password()
    with open_existing(args.db, args) as store:
        accounts.set_password(store, args.login, password)
    print(f"已设置账号 {args.login} 的密码")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_existing(args.db, args) as store:
        rows = accounts.list_accounts(store)
    if args.json:
        out = [{"login": a.login, "name": a.name, "role": a.role, "active": a.active} for a in rows]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for a in rows:
        state = "" if a.active else "（已停用）"
        print(f"{a.login}\t{a.name}\t{a.role_label}{state}")
    return 0
