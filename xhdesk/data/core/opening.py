"""Checks before a database file is used: the path, the file's kind and its schema version.

Each refusal is one Chinese sentence that says what to do; nothing here writes to a file that is
refused.
"""

from __future__ import annotations

import os
import sqlite3
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


def check_schema(path: Path, *, migrate: bool) -> bool:
    """Refuse a newer, foreign or (``migrate=False``) older file before anything writes to it.

    Reads through a read-only connection, so that not even the switch to WAL touches a file that
    is refused. Returns whether the schema needs upgrading.
    """
    from xhdesk.data.migrations import head_revision, known_revisions

    if not path.exists() or path.stat().st_size == 0:
        return True
    current, tables = _peek(path)
    head = head_revision()
    if current == head:
        return False
    if current is None:
        if tables:
            raise StorageError(f"不是 xhdesk 数据库文件（其中有其他程序的数据）：{path}")
        if not migrate:
            raise StorageError(f"数据库文件是空的，不是 xhdesk 数据库：{path}")
    elif current not in known_revisions():
        raise StorageError(f"请升级软件（数据库版本 {current}，本软件支持到 {head}）。")
    elif not migrate:
        raise StorageError(
            f"数据库需要升级到本软件的版本：请在窗口中打开它，或运行 xhdesk upgrade --db {path}"
            "（会先备份）。"
        )
    return True


def _peek(path: Path) -> tuple[str | None, int]:
    """(alembic revision or None, number of schema objects), read-only."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_version:
            return None, tables
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return (row[0] if row else None), tables


def prepare_schema(path: Path, engine: sa.Engine, *, needs_upgrade: bool) -> None:
    """Upgrade to this build's head (backing up an existing database first)."""
    from xhdesk.data.migrations import current_revision, upgrade

    if not needs_upgrade:
        return
    if current_revision(engine) is not None:
        from xhdesk.data.core.backup import REASON_UPGRADE, create_backup

        create_backup(path, REASON_UPGRADE)
    upgrade(engine)
