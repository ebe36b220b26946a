"""``xhdesk import-viewings``: a bad row is one line on stderr and nothing is written."""

from __future__ import annotations

from sqlmodel import func, select

from xhdesk.cli import main
from xhdesk.data.learning.catalogue import add_courseware
from xhdesk.data.models import Person
from xhdesk.data.models.learning import Viewing


def _count(store) -> int:
    with store.session() as s:
        return s.exec(select(func.count()).select_from(Viewing)).one()


def test_import_viewings_reports_bad_rows_then_imports(demo_store, tmp_path, capsys):
    add_courseware(demo_store, "命令行测试课件", "policy", 20)
    with demo_store.session() as s:
        a, b = s.exec(select(Person).order_by(Person.id).limit(2)).all()
    before = _count(demo_store)
    path = tmp_path / "export.csv"
    header = "姓名,身份证号,课件名称,观看日期,观看时长（分钟）\n"
    path.write_text(
        header + f"{a.name},{a.id_number},命令行测试课件,2025-05-01,20\n"
        f"{b.name},{b.id_number},命令行测试课件,2025-13-01,20\n",
        encoding="utf-8",
    )
    assert main(["import-viewings", "--db", str(demo_store.path), str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("第3行：观看日期") and "未导入任何记录" in err[-1]
    assert _count(demo_store) == before
    path.write_text(header + f"{a.name},{a.id_number},命令行测试课件,2025-05-01,20\n", "utf-8")
    assert main(["import-viewings", "--db", str(demo_store.path), str(path)]) == 0
    assert "新增观看记录1条" in capsys.readouterr().out
    assert _count(demo_store) == before + 1
