"""The command contract: figures as JSON, one-line errors, non-zero exits, database unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xhdesk.cli import main


def test_stats_json_prints_the_headline_figures(demo_template, capsys):
    assert main(["stats", "--db", str(demo_template), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["stations"]["warm_bee"] == 56
    assert figures["party_members"] == 239
    for key in (
        "committees",
        "branches",
        "instructors",
        "enterprises",
        "persons",
        "verified_members",
    ):
        assert key in figures


def test_stats_on_a_missing_database_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "nope.sqlite3")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "数据库文件不存在" in err[0]
    assert not (tmp_path / "nope.sqlite3").exists()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, capsys):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("这是一份会议记录", encoding="utf-8")
    assert main(["stats", "--db", str(bogus)]) == 2
    assert "不是 xhdesk 数据库文件" in capsys.readouterr().err
    assert bogus.read_text(encoding="utf-8") == "这是一份会议记录"


def test_demo_refuses_to_overwrite_an_existing_database(demo_template, tmp_path, capsys):
    target = tmp_path / "d.sqlite3"
    target.write_bytes(demo_template.read_bytes())
    before = target.read_bytes()
    assert main(["demo", "--db", str(target)]) == 2
    assert "文件已存在" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_demo_into_a_missing_folder_fails_cleanly(tmp_path, capsys):
    assert (
        main(["demo", "--db", str(tmp_path / "no" / "such" / "d.sqlite3"), "--persons", "300"]) == 2
    )
    assert "文件夹不存在" in capsys.readouterr().err


def test_bad_arguments_are_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["stats"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_console_entry_point_runs_as_a_module(demo_template):
    out = subprocess.run(
        [sys.executable, "-m", "xhdesk", "stats", "--db", str(demo_template), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout)["committees"] == 3
