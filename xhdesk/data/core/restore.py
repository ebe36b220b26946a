"""Restoring the database file from a backup, keeping this installation's identity.

The backup is unpacked beside the database, checked (integrity, an xhdesk schema this build can
open, the same node), the current file is itself backed up, and only then is the file replaced.
A restored database starts a new sync incarnation, so that changes it makes after the restore are
never confused with the ones made (and perhaps sent elsewhere) after the backup was taken.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
from pathlib import Path

from xhdesk.data.core.backup import REASON_RESTORE, BackupInfo, create_backup
from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.faults import storage_fault
from xhdesk.data.core.opening import SQLITE_HEADER

NOT_A_BACKUP = "不是 xhdesk 的备份文件：{path}"


def restore_backup(db_path: Path, source: Path) -> BackupInfo | None:
    """Replace the database at ``db_path`` by the backup ``source``.

    Returns the backup taken of the current file first (None if there was no usable file). The
    caller must have closed its own store on ``db_path``.
    """
    db_path, source = Path(db_path), Path(source)
    if not source.is_file():
        raise StorageError(f"备份文件不存在：{source}")
    part = db_path.with_name(f".{db_path.name}.restore.part")
    try:
        _unpack(source, part)
        incoming = _inspect(part, source)
        current = _current_node(db_path)
        if current and incoming != current:
            raise StorageError("这个备份属于另一个节点，不能恢复到本节点的数据库。")
        before = _backup_current(db_path)
        for suffix in ("-wal", "-shm"):  # a stale log must never be applied to the restored file
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(part, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"无法从备份恢复：{storage_fault(exc).message}") from exc
    finally:
        part.unlink(missing_ok=True)
    _start_new_incarnation(db_path)
    return before


def _unpack(source: Path, part: Path) -> None:
    with source.open("rb") as fh:
        head = fh.read(16)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(source, "rb") as src, part.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        except (OSError, EOFError) as exc:
            raise StorageError(f"备份文件已损坏或不完整：{source}") from exc
    elif head == SQLITE_HEADER:
        shutil.copyfile(source, part)
    else:
        raise StorageError(NOT_A_BACKUP.format(path=source))
    with part.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise StorageError(NOT_A_BACKUP.format(path=source))


def _inspect(part: Path, source: Path) -> str:
    """The backup's node id, after checking it is whole and from a schema this build knows."""
    from xhdesk.data.migrations import head_revision, known_revisions

    conn = sqlite3.connect(str(part))
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(f"备份文件已损坏（完整性检查未通过）：{source}")
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            node = conn.execute("SELECT value FROM local_state WHERE key = 'node_id'").fetchone()
        except sqlite3.Error as exc:
            raise StorageError(NOT_A_BACKUP.format(path=source)) from exc
    finally:
        conn.close()
    if revision is None or node is None:
        raise StorageError(NOT_A_BACKUP.format(path=source))
    if revision[0] not in known_revisions():
        raise StorageError(
            f"请升级软件（备份的数据库版本 {revision[0]}，本软件支持到 {head_revision()}）。"
        )
    return str(node[0])


def _current_node(db_path: Path) -> str | None:
    """The node id of the file being replaced, or None if it is missing or unreadable."""
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(str(db_path))
        try:
            row = conn.execute("SELECT value FROM local_state WHERE key = 'node_id'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _backup_current(db_path: Path) -> BackupInfo | None:
    """Back up the file being replaced; a damaged one is moved aside whole instead."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        return create_backup(db_path, REASON_RESTORE)
    except StorageError:
        from datetime import datetime

        from xhdesk.data.core.backup import backup_dir

        folder = backup_dir(db_path)
        folder.mkdir(exist_ok=True)
        shutil.copyfile(db_path, folder / f"damaged-{datetime.now():%Y%m%d-%H%M%S}.sqlite3")
        return None


def _start_new_incarnation(db_path: Path) -> None:
    from xhdesk.data.core.store import Store
    from xhdesk.data.sync.incarnation import start_new_incarnation

    with Store.open(db_path, create=False) as store:
        start_new_incarnation(store)
