"""Checks before a database file is used: the path, the file's kind and its schema version.

Each refusal is one Chinese sentence that says what to do; nothing here writes to a file that is
refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import sqlalchemy as sa

from xhdesk.data.core.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


def check_path(path: Path, *, create: bool) -> None:
    """Refuse a path that is not an existing xhdesk database (or, with ``create``, a new one)."""
    if path.is_dir():
        raise StorageError(f"这是一个文件夹，不是数据库文件：{path}")
    if not path.parent.is_dir():
        raise StorageError(f"数据库所在的文件夹不存在：{path.parent}")
    if not path.exists():
        if not create:
            raise StorageError(
                f"数据库文件不存在：{path}。新建数据库请用 xhdesk init --db {path}。"
            )
    elif path.stat().st_size == 0:
        if not create:
            raise StorageError(f"数据库文件是空的（0 字节），不是 xhdesk 数据库：{path}")
    else:
        _check_header(path)
    if not _writable(path.parent):
        raise StorageError(
            f"数据库所在的文件夹不可写入：{path.parent}。"
            "请把数据库复制到可写入的文件夹（如“文档”）后再打开。"
        )
    if path.exists() and not _writable(path):
        raise StorageError(
            f"数据库文件是只读的：{path}。请在文件属性中取消“只读”，或复制一份后再打开。"
        )


def _writable(path: Path) -> bool:
    """Writable for this user *and* not marked read-only (a read-only mark binds root too)."""
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _check_header(path: Path) -> None:
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise StorageError(f"不是 xhdesk 数据库文件：{path}")


def prepare_schema(path: Path, engine: sa.Engine, *, migrate: bool) -> None:
    """Bring the schema to this build's head; refuse newer, foreign or (read-only) older files."""
    from xhdesk.data.migrations import current_revision, head_revision, known_revisions, upgrade

    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    if current is None:
        if _has_tables(engine):
            raise StorageError(f"不是 xhdesk 数据库文件（其中有其他程序的数据）：{path}")
    elif current not in known_revisions():
        raise StorageError(f"请升级软件（数据库版本 {current}，本软件支持到 {head}）。")
    elif not migrate:
        raise StorageError(
            f"数据库需要升级到本软件的版本：请在窗口中打开它，或运行 xhdesk upgrade --db {path}"
            "（会先备份）。"
        )
    else:
        from xhdesk.data.core.backup import REASON_UPGRADE, create_backup

        create_backup(path, REASON_UPGRADE)
    if current is None and not migrate:
        raise StorageError(f"数据库文件是空的，不是 xhdesk 数据库：{path}")
    upgrade(engine)


def _has_tables(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar())
