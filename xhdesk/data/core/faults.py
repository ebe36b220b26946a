"""Environment faults in words: a ``sqlite3``/SQLAlchemy/``OSError`` becomes one Chinese sentence.

The sentence says what happened and what to do. It never repeats the driver's text, which may carry
SQL parameters (names, ID numbers, phones); that text goes to the log only, through the chained
exception.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from pathlib import Path

from xhdesk.data.core.errors import StorageError

BUSY = "数据库正被另一个窗口或命令使用，请稍候重试。"
FULL = "磁盘空间已满，无法写入数据库。请清理磁盘空间后重试；这次的修改没有保存。"
READ_ONLY = (
    "数据库文件或所在文件夹是只读的，无法写入。请取消只读属性或复制到可写入的文件夹后再打开。"
)
CORRUPT = "数据库文件已损坏，无法使用。请用「从备份恢复」恢复最近的备份（xhdesk restore）。"
CANT_OPEN = "无法打开数据库文件：请检查文件和所在文件夹是否存在、是否可以写入。"
IO_ERROR = "读写数据库时发生磁盘错误。请检查磁盘或U盘是否已拔出、是否已满，然后重试。"


_PROGRAM_ERRORS = ("no such table", "no such column", "syntax error", "has no column")


class DatabaseBusy(StorageError):
    """Another window or command holds the write lock longer than the busy timeout."""

    def __init__(self, message: str = BUSY) -> None:
        super().__init__(message)


def _driver_error(exc: BaseException) -> BaseException:
    """The DB-API exception inside a SQLAlchemy wrapper (or ``exc`` itself)."""
    return getattr(exc, "orig", None) or exc


def _is_db_error(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    sa = sys.modules.get("sqlalchemy")
    return sa is not None and isinstance(exc, sa.exc.DBAPIError)


def is_environment_fault(exc: BaseException) -> bool:
    """A fault of the file, the disk or another process, not of this program's logic."""
    if isinstance(exc, OSError):
        return True
    if not _is_db_error(exc):
        return False
    inner = _driver_error(exc)
    if isinstance(
        inner, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return False
    text = str(inner).lower()
    if any(bug in text for bug in _PROGRAM_ERRORS):
        return False  # wrong SQL is a bug for the crash handler, not the disk's fault
    return isinstance(inner, sqlite3.DatabaseError)


def storage_fault(exc: BaseException, path: str | Path | None = None) -> StorageError:
    """The :class:`StorageError` to show for an environment fault ``exc``."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError) and not _is_db_error(exc):
        return StorageError(_os_sentence(exc))
    text = str(_driver_error(exc)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy()
    if "full" in text:
        return StorageError(FULL)
    if "readonly" in text or "read-only" in text:
        return StorageError(READ_ONLY)
    if "malformed" in text or "not a database" in text or "encrypted" in text:
        return StorageError(CORRUPT)
    if "unable to open" in text:
        return StorageError(CANT_OPEN)
    if "i/o" in text:
        return StorageError(IO_ERROR)
    where = f"（{path}）" if path else ""
    return StorageError(f"数据库操作失败{where}。请重试；若反复出现，请从备份恢复。")


def _os_sentence(exc: OSError) -> str:
    name = f"：{exc.filename}" if exc.filename else ""
    code = exc.errno
    if code == errno.ENOSPC:
        return f"磁盘空间已满，无法写入文件{name}。请清理磁盘空间后重试。"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限{name}。请换一个可以写入的文件夹，或检查文件是否只读。"
    if code == errno.ENOENT:
        return f"文件或文件夹不存在{name}。请检查路径。"
    if code == errno.EEXIST:
        return f"已有同名文件{name}。请换一个名称或先移走该文件。"
    if code == errno.ENOTDIR:
        return f"路径中有一部分是文件而不是文件夹{name}。请检查路径。"
    if code == errno.EISDIR:
        return f"这是一个文件夹，不是文件{name}。请检查路径。"
    return f"无法读写文件{name}。请检查磁盘和文件权限后重试。"
