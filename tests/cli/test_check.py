"""``xhdesk check``: a clean demo passes; a wrong cache row, a row that disagrees with its change
log and a broken foreign key are each found with a clear line; ``--repair`` fixes them."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from xhdesk.cli import main


@pytest.fixture
def db(demo_template, tmp_path):
    return str(shutil.copyfile(demo_template, tmp_path / "demo.sqlite3"))


def _raw(db: str, *statements: str) -> None:
    """Write behind the application's back, as a crash, a tool or a bug could."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def _corrupt(db: str) -> None:
    _raw(
        db,
        "UPDATE ledger_year_total SET points = points + 7 WHERE (person_id, year) = "
        "(SELECT person_id, year FROM ledger_year_total ORDER BY person_id, year LIMIT 1)",
        "UPDATE person SET phone = '13900000000' WHERE rowid = (SELECT min(rowid) FROM person)",
        "DELETE FROM enterprise WHERE id = (SELECT enterprise_id FROM person "
        "WHERE enterprise_id IS NOT NULL LIMIT 1)",
    )


def test_a_clean_demo_passes(db, capsys):
    assert main(["check", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "数据体检通过" in out


def test_each_fault_has_its_own_line_and_repair_fixes_them(db, capsys, tmp_path):
    _corrupt(db)
    assert main(["check", "--db", db]) == 1
    out = capsys.readouterr().out
    assert "派生表 ledger_year_total（年度积分合计）" in out
    assert "数据表 person 的记录" in out and "变更记录合并结果不一致" in out
    assert "数据表 person 的记录" in out and "引用了 enterprise 中不存在的记录（外键断开）" in out
    assert "发现" in out

    assert main(["check", "--db", db, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    kinds = {f["kind"] for f in report["findings"]}
    assert {"derived", "fold", "foreign_key", "missing_row"} <= kinds

    assert main(["check", "--db", db, "--repair"]) == 0
    out = capsys.readouterr().out
    assert "已修复" in out and "数据体检通过" in out
    assert list((tmp_path / "demo.sqlite3.backups").glob("*.sqlite3.gz"))
    assert main(["check", "--db", db]) == 0


def test_a_broken_link_that_the_change_log_cannot_mend_stays_reported(db, capsys):
    _raw(
        db,
        "UPDATE verification SET person_id = 'no-such-person' "
        "WHERE rowid = (SELECT min(rowid) FROM verification)",
        "UPDATE change SET data = json_set(data, '$.person_id', 'no-such-person') "
        "WHERE tbl = 'verification' AND row_id = "
        "(SELECT id FROM verification WHERE person_id = 'no-such-person')",
    )
    assert main(["check", "--db", db, "--repair"]) == 1
    out = capsys.readouterr().out
    assert "数据表 verification 的记录" in out and "外键断开" in out


def test_an_index_that_disagrees_with_its_table_is_a_damaged_file(db, capsys):
    """``quick_check`` passes this file; the check still compares every index with its table."""
    _raw(
        db,
        "PRAGMA writable_schema=ON",
        "UPDATE sqlite_schema SET sql = "
        "'CREATE INDEX ix_ledger_effective ON ledger_entry (category, effective_on, points)' "
        "WHERE name = 'ix_ledger_effective'",
    )
    assert main(["check", "--db", db]) == 1
    out = capsys.readouterr().out
    assert "数据库文件损坏：row 1 missing from index ix_ledger_effective" in out

    # --quick is asked for explicitly, says what it left out, and indeed does not see this fault
    assert main(["check", "--db", db, "--quick"]) == 0
    out = capsys.readouterr().out
    assert "快速体检：数据库文件只做了 quick_check，未逐条比对索引与表" in out
    assert "数据体检通过" in out


def test_quick_still_checks_caches_rows_and_foreign_keys(db, capsys):
    _corrupt(db)
    assert main(["check", "--db", db, "--quick", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["quick"] is True
    assert {"derived", "fold", "foreign_key"} <= {f["kind"] for f in report["findings"]}


def test_quick_repair_repairs_and_checks_again_quickly(db, capsys):
    """``--repair --quick``: the caches and rows are repaired, and both checks say they were
    quick (the full file check is the long part on a large database)."""
    _corrupt(db)
    assert main(["check", "--db", db, "--repair", "--quick", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quick"] is True and report["repaired"] >= 3 and report["findings"] == []
