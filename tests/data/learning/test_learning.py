"""Learning: courseware, trainings, viewings, learning hours, and the platform export import."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.learning.catalogue import (
    add_courseware,
    add_training,
    list_courseware,
    list_trainings,
    record_attendance,
)
from xhdesk.data.learning.hours import learning_hours, person_learning_hours, record_viewing
from xhdesk.data.learning.viewing_import import import_viewings
from xhdesk.data.models import Person
from xhdesk.data.models.learning import Viewing


def _persons(store, n=3):
    with store.session() as s:
        return list(
            s.exec(select(Person).where(Person.deleted == False).order_by(Person.id).limit(n))  # noqa: E712
        )


def _viewings(store) -> int:
    with store.session() as s:
        return s.exec(select(func.count()).select_from(Viewing)).one()


def test_learning_hours_add_viewings_and_training_attendance(demo_store):
    a, b, _ = _persons(demo_store)
    cw = add_courseware(demo_store, "测试课件·安全驾驶", "safety", 20)
    record_viewing(demo_store, a.id, cw.id, date(2025, 3, 2), 20)
    record_viewing(demo_store, a.id, cw.id, date(2025, 3, 9), 25)
    record_viewing(demo_store, a.id, cw.id, date(2024, 12, 30), 50)  # another year
    training = add_training(demo_store, "测试线上培训", date(2025, 5, 1), 75)
    assert record_attendance(demo_store, training.id, [a.id, b.id]) == 2
    assert record_attendance(demo_store, training.id, [a.id]) == 0  # already there
    assert person_learning_hours(demo_store, a.id, 2025) == 2.0  # (20 + 25 + 75) / 60
    assert person_learning_hours(demo_store, b.id, 2025) == 1.2
    rows = {r.person_id: r for r in learning_hours(demo_store, 2025)}
    assert rows[a.id].viewing_minutes >= 45 and rows[a.id].training_minutes >= 75
    assert any(
        r.title == "测试课件·安全驾驶" and r.viewings == 3 for r in list_courseware(demo_store)
    )
    assert any(r.title == "测试线上培训" and r.attendees == 2 for r in list_trainings(demo_store))


def _write_csv(path, rows):
    lines = ["姓名,身份证号,课件名称,观看日期,观看时长（分钟）"]
    lines += [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_viewing_csv_with_a_bad_row_writes_nothing_and_says_which_row(demo_store, tmp_path):
    a, b, c = _persons(demo_store)
    add_courseware(demo_store, "测试课件甲", "cloud_lesson", 30)
    before = _viewings(demo_store)
    rows = [
        (a.name, a.id_number, "测试课件甲", "2025-04-01", 30),
        (b.name, b.id_number, "不存在的课件", "2025-04-01", 30),
        (c.name, c.id_number, "测试课件甲", "2025/04/02", "半小时"),
    ]
    result = import_viewings(demo_store, _write_csv(tmp_path / "export.csv", rows))
    assert result.errors == [
        "第3行：课件「不存在的课件」不在课件库中。",
        "第4行：观看时长「半小时」不是数字。",
    ]
    assert "未导入任何记录" in result.summary
    assert _viewings(demo_store) == before

    rows[1] = (b.name, b.id_number, "测试课件甲", "2025-04-01", 28)
    rows[2] = (c.name, c.id_number, "测试课件甲", "2025/04/02", 30)
    result = import_viewings(demo_store, _write_csv(tmp_path / "export.csv", rows))
    assert result.errors == [] and len(result.rows) == 3
    assert _viewings(demo_store) == before + 3
    again = import_viewings(demo_store, tmp_path / "export.csv")
    assert again.skipped == 3 and not again.rows
    assert _viewings(demo_store) == before + 3


def test_viewing_excel_matches_by_phone_and_checks_the_name(demo_store, tmp_path):
    a, b, _ = _persons(demo_store)
    add_courseware(demo_store, "测试课件乙", "five_minutes", 5)
    wb = Workbook()
    ws = wb.active
    ws.append(["学习平台观看记录导出"])
    ws.append(["学员姓名", "手机号码", "课程名称", "学习日期", "学习时长"])
    ws.append([a.name, a.phone, "测试课件乙", date(2025, 6, 1), 5])
    ws.append(["某某某", b.phone, "测试课件乙", date(2025, 6, 1), 5])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    result = import_viewings(demo_store, path)
    assert len(result.errors) == 1 and result.errors[0].startswith("第4行：手机号")
    ws.delete_rows(4)
    wb.save(path)
    assert len(import_viewings(demo_store, path).rows) == 1


def test_a_file_without_the_columns_is_refused(demo_store, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="找不到表头"):
        import_viewings(demo_store, path)
