"""Environment faults in words; programming errors stay bugs."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from xhdesk.data.core.faults import (
    BUSY,
    CORRUPT,
    FULL,
    READ_ONLY,
    DatabaseBusy,
    is_environment_fault,
    storage_fault,
)


@pytest.mark.parametrize(
    ("driver_text", "sentence"),
    [
        ("database is locked", BUSY),
        ("database or disk is full", FULL),
        ("attempt to write a readonly database", READ_ONLY),
        ("database disk image is malformed", CORRUPT),
        ("file is not a database", CORRUPT),
    ],
)
def test_sqlite_faults_become_one_sentence_without_the_driver_text(driver_text, sentence):
    exc = sqlite3.OperationalError(driver_text)
    assert is_environment_fault(exc)
    assert storage_fault(exc).message == sentence
    assert isinstance(storage_fault(sqlite3.OperationalError("database is locked")), DatabaseBusy)


def test_sqlalchemy_wrapped_faults_never_show_sql_parameters():
    import sqlalchemy as sa

    wrapped = sa.exc.OperationalError(
        "INSERT INTO person (name, phone) VALUES (?, ?)",
        ("顾小红", "13800000000"),
        sqlite3.OperationalError("database or disk is full"),
    )
    message = storage_fault(wrapped).message
    assert message == FULL and "13800000000" not in message and "顾小红" not in message


def test_os_errors_say_what_to_do():
    assert "磁盘空间已满" in storage_fault(OSError(errno.ENOSPC, "x", "/d/a.db")).message
    assert "没有写入权限" in storage_fault(PermissionError(errno.EACCES, "x", "/d")).message


def test_programming_errors_stay_bugs():
    for exc in (
        sqlite3.OperationalError("no such table: persons"),
        sqlite3.IntegrityError("UNIQUE constraint failed: change.origin, change.seq"),
        ValueError("x"),
    ):
        assert not is_environment_fault(exc)
