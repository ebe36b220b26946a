"""Backups of the database file: taken safely, kept by age within a size budget, restored whole.

A backup is SQLite's online backup (a consistent copy while windows and commands keep working)
into a temporary file, checked with ``PRAGMA integrity_check``, gzip-compressed, then renamed into
place: a backup file is complete or absent, never 0 bytes. Backups live beside the database in
``<name>.backups/`` and are named ``<time>-<reason>.sqlite3.gz``, so the list needs no index.

Automatic backups are taken before every migration and every sync import and once a day on first
open. They are kept by age — the newest of each of the last 7 days, 4 weeks and 12 months, and
always the newest three — and then, oldest first, dropped while the total exceeds the size budget.
The rules are per installation (``local_state``) and shown in the backup dialog.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.faults import CORRUPT, storage_fault

REASON_DAILY = "daily"
REASON_UPGRADE = "upgrade"
REASON_IMPORT = "import"
REASON_RESTORE = "restore"
REASON_MANUAL = "manual"
REASON_LABELS = {
    REASON_DAILY: "每日自动备份",
    REASON_UPGRADE: "升级数据库前",
    REASON_IMPORT: "导入同步包前",
    REASON_RESTORE: "从备份恢复前",
    REASON_MANUAL: "手动备份",
}
SUFFIX = ".sqlite3.gz"
KEEP_NEWEST = 3
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z]+)\.sqlite3\.gz$")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Retention:
    """How many backups to keep by age, and the most space they may take together."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    budget_mb: int = 1024

    KEYS = ("daily", "weekly", "monthly", "budget_mb")

    @classmethod
    def from_state(cls, state: dict[str, str]) -> Retention:
        values = {}
        for key in cls.KEYS:
            raw = state.get(f"backup_{key}")
            if raw is not None and raw.isdigit():
                values[key] = int(raw)
        return cls(**values)

    def as_state(self) -> dict[str, str]:
        return {f"backup_{key}": str(getattr(self, key)) for key in self.KEYS}

    @property
    def budget_bytes(self) -> int:
        return self.budget_mb * 1024 * 1024


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


# -- listing -----------------------------------------------------------------------------------
def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first."""
    folder = backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if (info := _parse(p)) is not None]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    taken = datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f")
    return BackupInfo(path, taken, match[2], size)


# -- taking ------------------------------------------------------------------------------------
def create_backup(
    db_path: Path,
    reason: str = REASON_MANUAL,
    *,
    out: Path | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Back up the database at ``db_path`` into its backups folder (or to ``out``), then prune.

    ``out`` ending in ``.gz`` is written compressed, any other name as a plain SQLite file.
    """
    db_path = Path(db_path)
    taken = now or datetime.now()
    if out is None:
        folder = backup_dir(db_path)
        target = folder / f"{taken:%Y%m%d-%H%M%S-%f}-{reason}{SUFFIX}"
    else:
        folder, target = out.parent, out
    raw = folder / f".{target.name}.part"
    packed = folder / f".{target.name}.gz.part"
    try:
        folder.mkdir(exist_ok=True)
        retention = _copy_verified(db_path, raw)
        if target.name.endswith(".gz"):
            _compress(raw, packed)
            _publish(packed, target)
        else:
            _publish(raw, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"无法备份数据库：{storage_fault(exc).message}") from exc
    finally:
        for part in (raw, packed):
            part.unlink(missing_ok=True)
    info = BackupInfo(target, taken, reason, target.stat().st_size)
    if out is None:
        prune(db_path, retention)
    return info


def _copy_verified(db_path: Path, raw: Path) -> Retention:
    """SQLite online backup of ``db_path`` into ``raw``; the copy must pass integrity_check."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise StorageError(f"没有可以备份的数据库文件：{db_path}")
    raw.unlink(missing_ok=True)
    src = sqlite3.connect(str(db_path), timeout=5)
    try:
        dst = sqlite3.connect(str(raw))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            state = _local_state(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        raise StorageError(f"数据库文件已损坏，备份未完成。{CORRUPT}")
    return Retention.from_state(state)


def _local_state(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute("SELECT key, value FROM local_state").fetchall())
    except sqlite3.Error:
        return {}


def _compress(raw: Path, packed: Path) -> None:
    with raw.open("rb") as src, gzip.open(packed, "wb", compresslevel=3) as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)


def _publish(part: Path, target: Path) -> None:
    """Flush ``part`` to disk and rename it to ``target``: never a 0-byte or half-written file."""
    with part.open("rb+") as fh:
        os.fsync(fh.fileno())
    if part.stat().st_size == 0:
        raise StorageError("备份文件为空，备份未完成。")
    os.replace(part, target)


def ensure_daily_backup(db_path: Path, now: datetime | None = None) -> BackupInfo | None:
    """The day's first open takes a backup; later opens that day take none."""
    today = (now or datetime.now()).date()
    if any(b.taken_at.date() == today for b in list_backups(db_path)):
        return None
    return create_backup(db_path, REASON_DAILY, now=now)


# -- keeping -----------------------------------------------------------------------------------
def _periods(retention: Retention) -> Iterable[tuple[int, Callable[[datetime], object]]]:
    yield retention.daily, lambda t: t.date()
    yield retention.weekly, lambda t: t.isocalendar()[:2]
    yield retention.monthly, lambda t: (t.year, t.month)


def select_kept(backups: list[BackupInfo], retention: Retention) -> list[BackupInfo]:
    """The backups the rules keep (``backups`` newest first), newest first."""
    newest = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    kept = {b.path for b in newest[:KEEP_NEWEST]}
    for count, period in _periods(retention):
        seen: set[object] = set()
        for b in newest:
            if len(seen) >= count:
                break
            key = period(b.taken_at)
            if key not in seen:
                seen.add(key)
                kept.add(b.path)
    chosen = [b for b in newest if b.path in kept]
    while len(chosen) > 1 and sum(b.size for b in chosen) > retention.budget_bytes:
        chosen.pop()  # the oldest goes first; the newest always stays
    return chosen


def prune(db_path: Path, retention: Retention) -> list[Path]:
    """Delete the backups the rules do not keep; returns what was deleted.

    The rules count periods that hold a backup (a PC switched off for a month keeps its last
    seven days of work, not seven empty days).
    """
    backups = list_backups(db_path)
    kept = {b.path for b in select_kept(backups, retention)}
    removed = []
    for b in backups:
        if b.path not in kept:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


def total_size(db_path: Path) -> int:
    return sum(b.size for b in list_backups(db_path))
