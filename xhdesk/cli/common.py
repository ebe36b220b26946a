"""Helpers shared by the commands."""

from __future__ import annotations

from xhdesk.data.core.store import Store


def open_existing(path: str, *, migrate: bool = True) -> Store:
    """Open a database that must already exist (commands never create one by typo).

    Read-only commands pass ``migrate=False``: an older database is then refused with a hint to
    open it in the window or run ``xhdesk upgrade`` (which backs it up first).
    """
    return Store.open(path, create=False, migrate=migrate)
