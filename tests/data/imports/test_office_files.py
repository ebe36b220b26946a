"""Importing spreadsheets made the way offices make them: counts, written rows and report rows."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from office_files import (
    BRANCH,
    gbk_csv,
    serial_dates_with_trailing_rows,
    titled_roster,
    two_sheets,
)
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from registry_seed import id_number, seed
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.imports import apply_plan, build_plan, write_error_report
from xhdesk.data.imports.normalise import MANGLED_ID
from xhdesk.data.imports.reading import sheet_names
from xhdesk.data.models import Person


def _change_count(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM change")).scalar_one()


def _person(store, number: str) -> Person | None:
    with store.session() as s:
        return s.exec(select(Person).where(Person.id_number == number)).first()


def _report_rows(path) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_index(0).to_python()


@pytest.fixture
def seeded(store):
    seed(store)
    return store


def test_title_row_and_merged_two_row_header(seeded, tmp_path):
    path = tmp_path / "花名册.xlsx"
    ids = titled_roster(path)
    plan = build_plan(seeded, path)
    assert plan.layout.first_row == 3  # data starts under the two header rows
    mapped = dict(zip(plan.layout.headers, plan.layout.mapping, strict=True))
    assert mapped["公民身份号码"] == "id_number" and mapped["手机"] == "phone"
    assert mapped["住址"] == "address" and mapped["序号"] is None
    counts = plan.counts()
    assert counts.as_dict() == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "errors": 4,
        "duplicates_in_file": 0,
    }
    reasons = {line.number: line.reason for line in plan.refused}
    assert reasons[6] == MANGLED_ID and reasons[7] == MANGLED_ID
    assert "校验位" in reasons[8]
    assert "不存在的党支部" in reasons[9] and "送水工" in reasons[9]

    result = apply_plan(seeded, plan)
    assert result.counts.new == 3
    member = _person(seeded, ids["ok"])
    assert member is not None and member.political_status == "member"
    assert member.address == "昭阳街道英武路1号" and member.branch_id is not None
    padded = _person(seeded, ids["padded_name_id"])  # full-width digits, name padded with spaces
    assert padded is not None and padded.name == "周强" and padded.phone == "13852300002"
    assert _person(seeded, id_number(26)).occupation == "rider"  # 骑手 is a rider

    report = write_error_report(plan)
    assert report == tmp_path / "花名册_错误报告.xlsx"
    rows = _report_rows(report)
    assert rows[0][-1] == "错误原因" and rows[0][:3] == ["序号", "姓名", "公民身份号码"]
    assert [r[1] for r in rows[1:]] == ["吴敏", "郑洁", "冯涛", "陈静"]
    assert rows[1][-1] == MANGLED_ID
    # the cells at fault are highlighted; the others are not
    ws = load_workbook(report).active
    assert ws["C2"].fill.fgColor.rgb.endswith("FFC7CE")  # 吴敏's mangled ID number
    assert ws["H5"].fill.fgColor.rgb.endswith("FFC7CE")  # 陈静's unknown branch
    assert ws["F5"].fill.fgColor.rgb.endswith("FFC7CE")  # … and her unknown occupation
    assert not ws["B2"].fill.fgColor.rgb.endswith("FFC7CE")


def test_gbk_csv_with_a_duplicate_and_text_dates(seeded, tmp_path):
    path = tmp_path / "党员信息表.csv"
    gbk_csv(path)
    plan = build_plan(seeded, path)
    assert plan.counts().as_dict() == {
        "new": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": 1,
        "duplicates_in_file": 1,
    }
    duplicate = next(line for line in plan.lines if line.outcome == "duplicate")
    assert duplicate.number == 4 and duplicate.duplicate_of == 2
    apply_plan(seeded, plan)
    jiang = _person(seeded, id_number(30))
    assert jiang.name == "蒋华" and jiang.phone == "13852300030"
    assert jiang.joined_party_on == date(2015, 7, 1)
    assert _person(seeded, id_number(31)).joined_party_on == date(2026, 3, 15)
    rows = _report_rows(write_error_report(plan))
    assert [r[0] for r in rows[1:]] == ["蒋华", "韩冰"]
    assert "与第2行重复" in rows[1][-1] and "手机号码" in rows[2][-1]


def test_serial_dates_hidden_column_and_a_thousand_trailing_empty_rows(seeded, tmp_path):
    path = tmp_path / "党员台账.xlsx"
    serial_dates_with_trailing_rows(path)
    plan = build_plan(seeded, path)
    assert len(plan.lines) == 3  # the 1,000 formatted empty rows are not rows
    assert plan.counts().as_dict()["new"] == 3 and not plan.refused
    assert plan.layout.mapping[1] is None  # the hidden 内部编号 column is not imported
    apply_plan(seeded, plan)
    assert _person(seeded, id_number(40)).joined_party_on == date(2015, 7, 1)
    assert _person(seeded, id_number(41, male=False)).joined_party_on == date(2018, 6, 30)
    assert _person(seeded, id_number(41, male=False)).gender == "女"


def test_two_sheets_each_imported_by_name(seeded, tmp_path):
    path = tmp_path / "两个表.xlsx"
    two_sheets(path)
    assert sheet_names(path) == ["党员", "群众"]  # the hidden 选项 sheet is not offered
    first = build_plan(seeded, path)
    assert first.sheet.name == "党员" and first.counts().new == 1
    second = build_plan(seeded, path, sheet="群众")
    assert second.counts().new == 2
    apply_plan(seeded, second)
    assert _person(seeded, id_number(52)).occupation == "rideshare_driver"
    assert _person(seeded, id_number(50)) is None
    with pytest.raises(ValidationError, match="没有名为"):
        build_plan(seeded, path, sheet="第三页")


def test_importing_the_same_file_twice_changes_nothing(seeded, tmp_path):
    path = tmp_path / "党员信息表.csv"
    gbk_csv(path)
    apply_plan(seeded, build_plan(seeded, path))
    before = _change_count(seeded)
    for mode in ("skip", "fill", "overwrite"):
        plan = build_plan(seeded, path)
        counts = apply_plan(seeded, plan, mode).counts
        assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 2)
    assert _change_count(seeded) == before


def test_a_match_is_skipped_filled_or_overwritten_as_chosen(seeded, tmp_path):
    registered = id_number(1)  # 张三, rider, phone 13852301234, no address
    path = tmp_path / "更新.csv"
    path.write_text(
        f"姓名,身份证号码,职业群体,手机号码,住址\n张三,{registered},外卖骑手,13999999999,昭阳街道1号\n",
        encoding="utf-8-sig",
    )
    plan = build_plan(seeded, path)
    line = plan.matches[0]
    assert set(plan.changes(line, "fill")) == {"address"}
    assert set(plan.changes(line, "overwrite")) == {"address", "phone"}
    assert plan.counts("skip").unchanged == 1 and plan.counts("fill").updated == 1
    # per-match choice overrides the default
    apply_plan(seeded, plan, "skip", {line.number: "fill"})
    zhang = _person(seeded, registered)
    assert zhang.address == "昭阳街道1号" and zhang.phone == "13852301234"
    apply_plan(seeded, build_plan(seeded, path), "overwrite")
    assert _person(seeded, registered).phone == "13999999999"


def test_matched_by_name_and_phone_when_the_id_number_is_new(seeded, tmp_path):
    path = tmp_path / "更正.csv"
    corrected = id_number(60)
    path.write_text(
        f"姓名,身份证号码,职业群体,手机号码\n李四,{corrected},货车司机,15061119876\n",
        encoding="utf-8",
    )
    plan = build_plan(seeded, path)
    assert plan.counts("overwrite").updated == 1 and plan.counts().new == 0
    apply_plan(seeded, plan, "overwrite")
    assert _person(seeded, corrected).name == "李四"


def test_cancel_leaves_the_database_as_it_was(seeded, tmp_path):
    path = tmp_path / "党员台账.xlsx"
    serial_dates_with_trailing_rows(path)
    plan = build_plan(seeded, path)
    before = _change_count(seeded)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_plan(seeded, plan, progress=cancel)
    assert _change_count(seeded) == before
    assert _person(seeded, id_number(40)) is None


def test_a_corrected_mapping_is_remembered_for_the_same_layout(seeded, tmp_path):
    from xhdesk.data.imports.columns import PERSONS
    from xhdesk.data.imports.mapping import remember_mapping
    from xhdesk.data.imports.reading import read_sheet

    path = tmp_path / "自制表.csv"
    path.write_text(
        f"姓名,证件,职业群体,备用号码\n秦风,{id_number(70)},快递员,13852300070\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="身份证号码"):
        build_plan(seeded, path)  # 证件 is no known header: the ID number has no column
    from xhdesk.data.imports.mapping import detect_layout

    layout = detect_layout(read_sheet(path), PERSONS)
    layout.mapping = ["name", "id_number", "occupation", "phone"]
    remember_mapping(seeded, PERSONS, layout)
    plan = build_plan(seeded, path)
    assert plan.layout.remembered and plan.counts().new == 1
    assert plan.lines[0].values["phone"] == "13852300070"


def test_a_file_without_a_recognisable_header_is_one_sentence(seeded, tmp_path):
    path = tmp_path / "随便.csv"
    path.write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="找不到从业人员的表头"):
        build_plan(seeded, path)
    (tmp_path / "a.txt").write_text("姓名", encoding="utf-8")
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        build_plan(seeded, tmp_path / "a.txt")
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="无法读取文件"):
        build_plan(seeded, tmp_path / "坏.xlsx")


def test_the_gbk_csv_branch_name_resolves(seeded, tmp_path):
    path = tmp_path / "党员信息表.csv"
    gbk_csv(path)
    plan = build_plan(seeded, path)
    assert all(line.values.get("branch_id") for line in plan.lines if line.outcome == "new")
    assert BRANCH in path.read_bytes().decode("gbk")


def test_a_joining_date_needs_a_party_member(seeded, tmp_path):
    """入党日期 without 政治面貌: fine for a registered member, refused for a new or non-member."""
    path = tmp_path / "入党日期.csv"
    path.write_text(
        "姓名,身份证号码,职业群体,入党日期\n"
        f"张三,{id_number(1)},外卖骑手,2016-07-01\n"  # registered, a member
        f"李四,{id_number(3)},货车司机,2016-07-01\n"  # registered, 群众
        f"新人,{id_number(95)},快递员,2016-07-01\n",  # new: would be 群众
        encoding="utf-8",
    )
    plan = build_plan(seeded, path)
    assert [line.outcome for line in plan.lines] == ["match", "error", "error"]
    assert "非党员不能填写入党日期" in plan.lines[1].reason
    result = apply_plan(seeded, plan, "fill")
    assert (result.counts.updated, result.counts.errors) == (1, 2)
    assert plan.lines[1].reason.count("非党员") == 1  # judged again, not twice
    assert _person(seeded, id_number(1)).joined_party_on == date(2016, 7, 1)


def test_an_excel_97_file_with_a_title_row(seeded, tmp_path):
    pytest.importorskip("xlwt")
    from office_files import excel_97

    path = tmp_path / "党员名册.xls"
    excel_97(path)
    plan = build_plan(seeded, path)
    assert (plan.counts().new, plan.counts().errors) == (1, 1)
    assert plan.refused[0].reason == MANGLED_ID
    apply_plan(seeded, plan)
    ge = _person(seeded, id_number(100))
    assert ge.joined_party_on == date(2012, 7, 1) and ge.occupation == "rideshare_driver"


def test_a_person_registered_between_preview_and_import_is_matched_not_doubled(seeded, tmp_path):
    from xhdesk.data.registry.persons import add_person

    path = tmp_path / "党员信息表.csv"
    gbk_csv(path)
    plan = build_plan(seeded, path)
    assert plan.counts().new == 2
    add_person(seeded, {"name": "蒋华", "id_number": id_number(30), "occupation": "rider"})
    counts = apply_plan(seeded, plan, "fill").counts
    assert (counts.new, counts.updated) == (1, 1)
    with seeded.session() as s:
        same = s.exec(select(Person).where(Person.id_number == id_number(30))).all()
    assert len(same) == 1 and same[0].phone == "13852300030"
