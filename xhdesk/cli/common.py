"""Helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.store import Store


def open_existing(path: str) -> Store:
    """Open a database that must already exist (commands never create one by typo)."""
    if not Path(path).exists():
        raise StorageError(f"数据库文件不存在：{path}")
    return Store.open(path, create=False)
