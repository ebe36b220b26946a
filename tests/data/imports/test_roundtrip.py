"""Templates and the full export share the import's columns: an export re-imports unchanged."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from registry_seed import id_number, seed
from sqlmodel import select

from xhdesk.cli import main
from xhdesk.data.imports import KINDS, apply_plan, build_plan, export_full, write_template
from xhdesk.data.imports.reading import read_sheet


def _changes(store) -> int:
    """Change-log entries of the data (the 操作日志 entry each full export writes is left out)."""
    with store.engine.connect() as conn:
        sql = "SELECT count(*) FROM change WHERE tbl != 'audit_event'"
        return conn.execute(sa.text(sql)).scalar_one()


def test_export_then_import_changes_nothing_for_every_kind(demo_store, tmp_path):
    before = _changes(demo_store)
    for kind in KINDS:
        path = tmp_path / f"{kind}.xlsx"
        written = export_full(demo_store, kind, path)
        plan = build_plan(demo_store, path, kind)
        assert not plan.refused, [(line.number, line.reason) for line in plan.refused[:3]]
        counts = apply_plan(demo_store, plan, "overwrite").counts
        assert (counts.new, counts.updated, counts.unchanged) == (0, 0, written)
    assert _changes(demo_store) == before


def test_an_export_imported_elsewhere_carries_every_field(demo_store, store, tmp_path):
    """Into a database with the same units, the persons arrive with every exported field."""
    path = tmp_path / "persons.xlsx"
    export_full(demo_store, "persons", path)
    _copy_units(demo_store, store, tmp_path)
    plan = build_plan(store, path)
    assert not plan.refused
    apply_plan(store, plan)
    again = tmp_path / "again.xlsx"
    export_full(store, "persons", again)
    assert read_sheet(again).rows == read_sheet(path).rows


def _copy_units(src, dst, tmp_path) -> None:
    """Committees and branches copied as rows; the other units through their own exports."""
    from xhdesk.data.models import Branch, Committee

    with src.session() as s:
        committees = [c.model_dump() for c in s.exec(select(Committee)).all()]
        branches = [b.model_dump() | {"enterprise_id": None} for b in s.exec(select(Branch)).all()]
    with dst.unit_of_work() as uow:
        uow.insert_many(Committee, committees)
        uow.insert_many(Branch, branches)
    for kind in ("instructors", "enterprises", "stations"):
        path = tmp_path / f"units-{kind}.xlsx"
        export_full(src, kind, path)
        plan = build_plan(dst, path, kind)
        assert not plan.refused, plan.refused[0].reason
        apply_plan(dst, plan)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_template_has_lists_notes_and_an_example_and_imports_nothing_as_it_is(
    store, tmp_path, kind
):
    seed(store)
    path = write_template(kind, tmp_path / f"{kind}.xlsx", store)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == [f.header for f in KINDS[kind].fields]
    assert ws["A2"].value.startswith("【填写说明】") and ws["A3"].value.startswith("【示例】")
    assert wb["选项"].sheet_state == "hidden"
    if kind != "instructors":
        assert ws.data_validations.dataValidation  # drop-down lists
    plan = build_plan(store, path, kind)
    assert plan.lines == []


def test_a_filled_template_imports(store, tmp_path):
    seed(store)
    path = write_template("persons", tmp_path / "人员模板.xlsx", store)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    row = [
        "钱多多",
        id_number(80),
        "13852300080",
        "外卖骑手",
        "中共党员",
        "",
        "快递外卖第一流动党支部",
    ]
    for column, value in enumerate(row, start=1):
        ws.cell(row=4, column=column, value=value)  # under the example, as a secretary types
    wb.save(path)
    plan = build_plan(store, path)
    assert plan.counts().new == 1 and not plan.refused


def test_cli_import_roster_json_and_exit_codes(store, tmp_path, capsys):
    seed(store)
    db = str(store.path)
    store.close()
    good = tmp_path / "good.csv"
    good.write_text(f"姓名,身份证号码,职业群体\n孔明,{id_number(90)},快递员\n", encoding="utf-8")
    assert main(["import-roster", "--db", db, str(good), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1
    assert main(["import-roster", "--db", db, str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "errors": 0,
        "duplicates_in_file": 0,
    }
    assert main(["import-roster", "--db", db, str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1

    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        f"姓名,身份证号码,职业群体\n曹操,{id_number(91)},快递员\n刘备,123,快递员\n",
        encoding="utf-8",
    )
    report = tmp_path / "out" / "errors.xlsx"
    report.parent.mkdir()
    args = ["import-roster", "--db", db, str(mixed), "--report", str(report)]
    assert main([*args, "--all-or-nothing"]) == 3
    assert "未导入" in capsys.readouterr().out
    assert main([*args, "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["new"] == 1 and report.exists()
    assert main(["import-roster", "--db", db, str(tmp_path / "none.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "文件不存在" in err[0]
