"""The fault table through the CLI: one Chinese line, exit 2, no traceback, the file unchanged."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.db_faults import FAULTS, snapshot, unlock
from xhdesk.cli import main
from xhdesk.data.core.faults import BUSY, FULL

PERSONAL = re.compile(r"\d{11}|\d{17}[\dX]")  # phones and ID numbers


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("xhdesk: ") and fragment in lines[0], err
    assert "Traceback" not in err and not PERSONAL.search(err)


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", ["stats", "digest", "export"])
def test_each_fault_is_one_line_and_leaves_the_file_alone(
    capsys, tmp_path, empty_template, fault, command
):
    path, fragment = FAULTS[fault](tmp_path, empty_template)
    before = snapshot(tmp_path)
    argv = [command, "--db", str(path)]
    if command == "export":
        argv += ["--out", str(tmp_path / "out.xhsync")]
    try:
        code, out, err = run(capsys, *argv)
        after = snapshot(tmp_path)
    finally:
        unlock(tmp_path)
    assert code == 2 and out == ""
    assert_one_line(err, fragment)
    assert after == before  # nothing written, nothing created (not even "b c.db")


def test_a_percent_in_a_file_name_is_part_of_the_name(capsys, tmp_path, empty_template):
    shutil.copyfile(empty_template, tmp_path / "b%20c.db")
    code, out, _err = run(capsys, "stats", "--db", str(tmp_path / "b%20c.db"))
    assert code == 0 and "committees" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b%20c.db"]


def test_read_only_commands_never_migrate_an_old_database(capsys, tmp_path):
    old = Path(
        shutil.copyfile(
            Path(__file__).parents[1] / "fixtures" / "release-0.1.sqlite3", tmp_path / "old.db"
        )
    )
    before = old.read_bytes()
    for argv in (
        ["stats", "--db", str(old)],
        ["digest", "--db", str(old)],
        ["verify", "--db", str(old), "x"],
    ):
        code, _out, err = run(capsys, *argv)
        if argv[0] == "verify" and code == 2 and "参数" in err:
            continue  # verify's own arguments differ; stats and digest suffice
        assert code == 2
        assert_one_line(err, "xhdesk upgrade")
    assert old.read_bytes() == before and not (tmp_path / "old.db.backups").exists()
    code, out, err = run(capsys, "upgrade", "--db", str(old))
    assert code == 0, err
    backups = list((tmp_path / "old.db.backups").iterdir())
    assert len(backups) == 1 and "upgrade" in backups[0].name and backups[0].stat().st_size > 0
    assert run(capsys, "stats", "--db", str(old))[0] == 0


def test_only_init_and_demo_create_a_database(capsys, tmp_path):
    path = tmp_path / "centre.db"
    code, out, _ = run(capsys, "init", "--db", str(path))
    assert code == 0 and "兴化市服务中心" in out and path.stat().st_size > 0
    code, _, err = run(capsys, "init", "--db", str(path))
    assert code == 2 and "已存在" in err


def test_a_full_disk_is_one_line_and_leaves_no_database(capsys, tmp_path, monkeypatch):
    """SQLite's own limit stands in for a full disk: the same SQLITE_FULL on every write."""
    real = sqlite3.connect

    def small_disk(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 150")
        return conn

    monkeypatch.setattr("xhdesk.data.core.store.sqlite3.connect", small_disk)
    code, out, err = run(capsys, "demo", "--db", str(tmp_path / "demo.db"), "--persons", "300")
    assert code == 2 and out == ""
    assert_one_line(err, FULL.split("。")[0])
    assert list(tmp_path.iterdir()) == []


def test_a_busy_database_is_one_line(capsys, tmp_path, store, monkeypatch):
    from xhdesk.data.registry.organisation import add_station

    monkeypatch.setattr("xhdesk.data.core.store.BUSY_TIMEOUT_MS", 200)
    add_station(store, {"name": "城东驿站", "kind": "warm_bee"})  # S01, the node's place
    path = store.path
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _out, err = run(
            capsys,
            "enrol",
            "--db",
            str(path),
            "--name",
            "城东驿站",
            "--role",
            "station",
            "--unit",
            "S01",
            "--out",
            str(tmp_path / "s.xhnode"),
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert_one_line(err, BUSY)
    assert not (tmp_path / "s.xhnode").exists()


def test_screenshots_into_an_existing_file_or_a_file_path_are_one_line(
    capsys, tmp_path, empty_template, qapp
):
    taken = tmp_path / "shots.png"
    taken.write_bytes(b"png")
    for target, fragment in ((taken, "同名文件"), (taken / "sub", "是文件而不是文件夹")):
        code, _out, err = run(capsys, "--db", str(empty_template), "--screenshot", str(target))
        assert code == 2
        assert_one_line(err, fragment)
    assert taken.read_bytes() == b"png"


def test_a_notice_date_out_of_range_is_refused(capsys, store):
    argv = ["print", "notice", "points", "--db", str(store.path), "--as-of", "9999-12-31"]
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--out", "x.pdf"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "2099-12-31" in err and "Traceback" not in err


def test_demo_persons_has_an_upper_limit(capsys, tmp_path):
    code, _out, err = run(capsys, "demo", "--db", str(tmp_path / "d.db"), "--persons", "10000000")
    assert code == 2 and "最多为 200,000" in err
    assert list(tmp_path.iterdir()) == []
