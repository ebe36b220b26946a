"""``xhdesk backup`` / ``restore`` / ``upgrade``: round trips and refusals, one line each."""

from __future__ import annotations

import json

from xhdesk.cli import main
from xhdesk.data.core.store import Store
from xhdesk.data.models import Station


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _add_station(path, code: str, name: str) -> None:
    with Store.open(path, create=False) as store, store.unit_of_work() as uow:
        uow.add(Station(code=code, name=name, kind="warm_bee"))


def _warm_bee(capsys, path) -> int:
    code, out, _ = run(capsys, "stats", "--db", str(path), "--json")
    assert code == 0
    return json.loads(out)["stations"]["warm_bee"]


def test_backup_and_restore_round_trip(capsys, tmp_path):
    db = tmp_path / "centre.sqlite3"
    assert run(capsys, "init", "--db", str(db))[0] == 0
    _add_station(db, "S07", "城东暖蜂驿站")
    code, out, _ = run(capsys, "backup", "--db", str(db))
    assert code == 0 and "完整性检查通过" in out
    plain = tmp_path / "copy.sqlite3"
    assert run(capsys, "backup", "--db", str(db), "--out", str(plain))[0] == 0
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"
    _add_station(db, "S08", "戴南暖蜂驿站")
    assert _warm_bee(capsys, db) == 2
    (backup,) = (tmp_path / "centre.sqlite3.backups").glob("*-manual.sqlite3.gz")
    code, out, err = run(capsys, "restore", "--db", str(db), str(backup))
    assert code == 0, err
    assert "恢复前的数据库已备份" in out
    assert _warm_bee(capsys, db) == 1
    (before,) = (tmp_path / "centre.sqlite3.backups").glob("*-restore.sqlite3.gz")
    assert run(capsys, "restore", "--db", str(db), str(before))[0] == 0  # undo the restore
    assert _warm_bee(capsys, db) == 2
    assert run(capsys, "restore", "--db", str(db), str(plain))[0] == 0  # a plain copy works too
    assert _warm_bee(capsys, db) == 1


def test_restore_and_backup_refuse_in_one_line(capsys, tmp_path):
    db = tmp_path / "centre.sqlite3"
    run(capsys, "init", "--db", str(db))
    before = db.read_bytes()
    junk = tmp_path / "junk.sqlite3.gz"
    junk.write_bytes(b"\x1f\x8b garbage")
    for argv, fragment in (
        (("restore", "--db", str(db), str(junk)), "损坏"),
        (("restore", "--db", str(db), str(tmp_path / "none.gz")), "不存在"),
        (("backup", "--db", str(tmp_path / "typo.sqlite3")), "不存在"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and fragment in err and len(err.splitlines()) == 1
    assert db.read_bytes() == before
