"""``xhdesk user`` and ``--user``: accounts and the author of command-line writes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from xhdesk.cli import main


@pytest.fixture
def db(store, monkeypatch):
    monkeypatch.setenv("XHDESK_NEW_PASSWORD", "admin2026")
    assert (
        main(
            ["user", "add", "--db", str(store.path), "admin", "--name", "管理员", "--role", "admin"]
        )
        == 0
    )
    monkeypatch.setenv("XHDESK_NEW_PASSWORD", "wangf2026")
    assert (
        main(
            [
                "user",
                "add",
                "--db",
                str(store.path),
                "wangf",
                "--name",
                "王芳",
                "--role",
                "secretary",
            ]
        )
        == 0
    )
    store.close()
    return str(store.path)


def authors(path: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [
            a
            for (a,) in conn.execute(
                "SELECT author FROM change WHERE tbl = 'app_user' ORDER BY hlc"
            )
        ]


def test_commands_without_user_are_recorded_as_the_command_line(db):
    assert all(a.startswith("命令行") for a in authors(db))


def test_user_signs_in_with_the_password_from_the_environment(db, monkeypatch, capsys):
    monkeypatch.setenv("XHDESK_PASSWORD", "admin2026")
    monkeypatch.setenv("XHDESK_NEW_PASSWORD", "lisi2026")
    assert (
        main(
            [
                "user",
                "add",
                "--db",
                db,
                "--user",
                "admin",
                "li",
                "--name",
                "李四",
                "--role",
                "viewer",
            ]
        )
        == 0
    )
    assert authors(db)[-1] == "管理员（admin）"
    capsys.readouterr()
    assert main(["user", "list", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["login"], a["role"]) for a in listed] == [
        ("admin", "admin"),
        ("wangf", "secretary"),
        ("li", "viewer"),
    ]


@pytest.mark.parametrize(
    ("user", "password", "message"),
    [
        ("wangf", "wangf2026", "只有管理员"),
        ("wangf", "wrong-pass", "账号或密码不正确"),
        ("nobody", "whatever", "账号或密码不正确"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(db, monkeypatch, capsys, user, password, message):
    before = authors(db)
    monkeypatch.setenv("XHDESK_PASSWORD", password)
    monkeypatch.setenv("XHDESK_NEW_PASSWORD", "lisi2026")
    code = main(
        ["--user", user, "user", "add", "--db", db, "li", "--name", "李四", "--role", "viewer"]
    )
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert authors(db) == before


def test_a_password_is_never_taken_from_a_pipe(db, monkeypatch, capsys):
    monkeypatch.delenv("XHDESK_NEW_PASSWORD", raising=False)
    assert main(["user", "passwd", "--db", db, "wangf"]) == 2
    assert "XHDESK_NEW_PASSWORD" in capsys.readouterr().err
