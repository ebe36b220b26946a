"""Working days: weekends, holidays and make-up working days (the 2026 calendar)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xhdesk.data.core.errors import PermissionDenied, ValidationError
from xhdesk.data.requests import calendar as cal_mod
from xhdesk.data.requests.calendar import (
    WorkCalendar,
    default_entries,
    import_calendar_csv,
    load_calendar,
    parse_calendar_csv,
    remove_calendar_day,
    set_calendar_day,
)
from xhdesk.data.requests.deadlines import deadline_flag, due_date


@pytest.fixture(scope="module")
def cal2026() -> WorkCalendar:
    return WorkCalendar.from_entries(default_entries())


def test_example_year_is_the_official_2026_calendar(cal2026: WorkCalendar) -> None:
    assert len(default_entries()) == 39
    assert not cal2026.is_working_day(date(2026, 10, 1))  # 国庆节, a Thursday
    assert cal2026.is_working_day(date(2026, 10, 10))  # Saturday, 国庆节调休上班
    assert not cal2026.is_working_day(date(2026, 11, 28))  # an ordinary Saturday
    assert cal2026.is_working_day(date(2026, 11, 27))


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        (date(2026, 11, 27), 3, date(2026, 12, 2)),  # Friday: the weekend is skipped
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # accepted on a Saturday
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # 国庆 holidays, then the make-up Saturday
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # the make-up Sunday counts
        (date(2026, 2, 13), 2, date(2026, 2, 24)),  # make-up Saturday, then 春节 (15–23)
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # 清明 Saturday–Monday
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # beyond the listed year: weekdays count
    ],
)
def test_due_dates_in_working_days(
    cal2026: WorkCalendar, accepted: date, days: int, due: date
) -> None:
    assert due_date(cal2026, accepted, days) == due


def test_amber_within_one_working_day_red_when_overdue(cal2026: WorkCalendar) -> None:
    friday = date(2026, 11, 27)
    assert deadline_flag(cal2026, date(2026, 11, 30), friday, "forwarded") == "due_soon"  # Monday
    assert deadline_flag(cal2026, friday, friday, "in_progress") == "due_soon"
    assert deadline_flag(cal2026, date(2026, 12, 1), friday, "in_progress") == ""
    assert deadline_flag(cal2026, date(2026, 11, 26), friday, "accepted") == "overdue"
    assert deadline_flag(cal2026, date(2026, 11, 26), friday, "closed") == ""  # done is done
    # before 国庆: the next working day after 9-30 is 10-08
    assert deadline_flag(cal2026, date(2026, 10, 8), date(2026, 9, 30), "forwarded") == "due_soon"


def test_empty_database_uses_the_example_then_its_own_rows(store) -> None:
    with store.session() as s:
        assert not load_calendar(s).is_working_day(date(2026, 10, 1))
        assert "示例" in cal_mod.calendar_label(s)
    cal_mod.install_example_calendar(store)
    set_calendar_day(store, "2026-12-31", "holiday", "演示假日")
    with store.session() as s:
        cal = load_calendar(s)
        assert not cal.is_working_day(date(2026, 12, 31))
        assert not cal.is_working_day(date(2026, 10, 1))
        assert "调整日" in cal_mod.calendar_label(s)
    remove_calendar_day(store, date(2026, 12, 31))
    with store.session() as s:
        assert load_calendar(s).is_working_day(date(2026, 12, 31))


def test_same_date_is_one_row_on_every_node(store) -> None:
    set_calendar_day(store, "2027-01-01", "holiday", "元旦")
    set_calendar_day(store, "2027-01-01", "holiday", "元旦（改）")
    with store.session() as s:
        rows = cal_mod.calendar_rows(s, 2027)
    assert [(r.id, r.name) for r in rows] == [
        (cal_mod.calendar_day_id(date(2027, 1, 1)), "元旦（改）")
    ]


def test_csv_import_and_its_errors(store, tmp_path: Path) -> None:
    good = tmp_path / "2027.csv"
    good.write_text(
        "date,kind,name\n2027-02-06,workday,春节调休上班\n2027-02-08,节假日,春节\n",
        encoding="utf-8",
    )
    changes = import_calendar_csv(store, good)
    assert changes.inserted["calendar_day"] == 2
    with store.session() as s:
        cal = load_calendar(s)
    assert cal.is_working_day(date(2027, 2, 6)) and not cal.is_working_day(date(2027, 2, 8))

    with pytest.raises(ValidationError, match="第3行"):
        parse_calendar_csv("date,kind,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,坏日期\n")
    with pytest.raises(ValidationError, match="类型"):
        parse_calendar_csv("date,kind,name\n2027-01-01,vacation,元旦\n")
    with pytest.raises(ValidationError, match="列名"):
        parse_calendar_csv("日期,类型\n2027-01-01,holiday\n")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("date,kind,name\n2027-10-01,holiday,国庆节\n".encode("gb18030"))
    assert parse_calendar_csv(gbk.read_bytes().decode("gb18030"))[0].name == "国庆节"
    assert import_calendar_csv(store, gbk).inserted["calendar_day"] == 1


def test_only_the_centre_edits_the_calendar(store) -> None:
    store.node_role = "station"
    with pytest.raises(PermissionDenied, match="无权维护工作日历"):
        set_calendar_day(store, "2027-01-01", "holiday", "元旦")
