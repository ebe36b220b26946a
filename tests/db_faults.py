"""Unusable database files, one maker per fault, shared by the CLI and the window fault tables.

Each maker returns the path to open and a fragment of the one sentence the user must see.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

Maker = Callable[[Path, Path], tuple[Path, str]]


def missing(tmp: Path, _template: Path) -> tuple[Path, str]:
    return tmp / "typo.db", "不存在"


def percent_name(tmp: Path, _template: Path) -> tuple[Path, str]:
    return tmp / "b%20c.db", "不存在"  # never read as the URL-decoded "b c.db"


def zero_bytes(tmp: Path, _template: Path) -> tuple[Path, str]:
    path = tmp / "empty.db"
    path.touch()
    return path, "0 字节"


def directory(tmp: Path, _template: Path) -> tuple[Path, str]:
    path = tmp / "folder.db"
    path.mkdir()
    return path, "文件夹"


def not_sqlite(tmp: Path, _template: Path) -> tuple[Path, str]:
    path = tmp / "notes.db"
    path.write_text("姓名,电话\n顾小红,13800000000\n", encoding="utf-8")
    return path, "不是 xhdesk 数据库文件"


def foreign_sqlite(tmp: Path, _template: Path) -> tuple[Path, str]:
    path = tmp / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    return path, "其他程序"


def newer_version(tmp: Path, template: Path) -> tuple[Path, str]:
    path = shutil.copyfile(template, tmp / "newer.db")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.close()
    return Path(path), "请升级软件（数据库版本 0042，本软件支持到"


def damaged_page(tmp: Path, template: Path) -> tuple[Path, str]:
    path = Path(shutil.copyfile(template, tmp / "damaged.db"))
    with path.open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 3996)  # the schema page: "database disk image is malformed"
    return path, "已损坏"


def read_only_file(tmp: Path, template: Path) -> tuple[Path, str]:
    path = Path(shutil.copyfile(template, tmp / "readonly.db"))
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    return path, "只读"


def read_only_folder(tmp: Path, template: Path) -> tuple[Path, str]:
    folder = tmp / "locked"
    folder.mkdir()
    path = Path(shutil.copyfile(template, folder / "db.sqlite3"))
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return path, "不可写入"


FAULTS: dict[str, Maker] = {
    "missing": missing,
    "percent_name": percent_name,
    "zero_bytes": zero_bytes,
    "directory": directory,
    "not_sqlite": not_sqlite,
    "foreign_sqlite": foreign_sqlite,
    "newer_version": newer_version,
    "damaged_page": damaged_page,
    "read_only_file": read_only_file,
    "read_only_folder": read_only_folder,
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: 'the database unchanged' and nothing created.

    SQLite's shared-memory index and an empty write-ahead log (left by a read-only look at a WAL
    database) hold no data and are not counted.
    """
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(root) / name
            if name.endswith("-shm") or (name.endswith("-wal") and p.stat().st_size == 0):
                continue
            out[str(p.relative_to(folder))] = p.read_bytes()
    return out


def unlock(folder: Path) -> None:
    for root, dirs, _files in os.walk(folder):
        for d in dirs:
            (Path(root) / d).chmod(0o755)
