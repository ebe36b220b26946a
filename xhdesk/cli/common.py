"""Helpers shared by the commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store

PASSWORD_ENV = "XHDESK_PASSWORD"


def open_existing(
    path: str, args: argparse.Namespace | None = None, *, migrate: bool = True
) -> Store:
    """Open a database that must already exist (commands never create one by typo).

    Read-only commands pass ``migrate=False``: an older database is then refused with a hint to
    open it in the window or run ``xhdesk upgrade`` (which backs it up first).

    With ``--user NAME`` the command signs in as that account (its writes carry that name and its
    role applies); without it, writes are recorded as "命令行（<OS login>）".
    """
    store = Store.open(path, create=False, migrate=migrate)
    login = requested_user(args)
    if login:
        from xhdesk.data.users.signin import sign_in

        try:
            sign_in(store, login, _password(login))
        except BaseException:
            store.close()
            raise
    return store


def requested_user(args: argparse.Namespace | None) -> str:
    if args is None:
        return ""
    return str(getattr(args, "user_sub", None) or getattr(args, "user", None) or "")


def _password(login: str) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(
            f"请在终端中运行以输入 {login} 的密码，或设置环境变量 {PASSWORD_ENV}。"
        )
    return getpass.getpass(f"{login} 的密码：")
