"""四亮, 责任区 and 示范岗 with dates; the station's 四亮 roll PDF."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlmodel import select

from xhdesk.data.core.vocab import PARTY_STATUSES
from xhdesk.data.models import Person, Station
from xhdesk.data.showcase.marks import history_of, marks_of, set_mark
from xhdesk.data.showcase.roll import station_roll
from xhdesk.documents.showcase import showcase_roll_pdf


def _station_with_members(store):
    with store.session() as s:
        for station in s.exec(select(Station).order_by(Station.code)):
            members = s.exec(
                select(Person).where(
                    Person.station_id == station.id,
                    Person.political_status.in_(PARTY_STATUSES),
                    Person.deleted == False,  # noqa: E712
                )
            ).all()
            if len(members) >= 2:
                return station, members
    raise AssertionError("no station with two members in the demo")


def test_latest_mark_is_in_force_and_the_person_fields_follow(demo_store):
    station, members = _station_with_members(demo_store)
    person = members[0]
    set_mark(demo_store, "person", person.id, "post", "城东快递分拣先锋岗", date(2025, 3, 1))
    set_mark(demo_store, "person", person.id, "post", "英武路配送示范岗", date(2026, 2, 1))
    set_mark(demo_store, "person", person.id, "area", "英武路—五里路段", date(2026, 2, 1))
    marks = marks_of(demo_store, person.id)
    assert marks["post"].text == "英武路配送示范岗" and marks["post"].set_on == date(2026, 2, 1)
    assert [m.text for m in history_of(demo_store, person.id) if m.kind == "post"] == [
        "英武路配送示范岗",
        "城东快递分拣先锋岗",
    ]
    with demo_store.session() as s:
        fresh = s.get(Person, person.id)
        assert fresh.pioneer_post == "英武路配送示范岗"
        assert fresh.responsibility_area == "英武路—五里路段"
    set_mark(demo_store, "person", person.id, "area", "", date(2026, 3, 1))  # withdrawn
    assert "area" not in marks_of(demo_store, person.id)


def test_showcase_roll_pdf_lists_the_station_flag_and_members_with_dates(demo_store, tmp_path):
    station, members = _station_with_members(demo_store)
    set_mark(
        demo_store,
        "station",
        station.id,
        "flag",
        "驿站门口悬挂党旗、党员先锋标识",
        date(2024, 7, 1),
    )
    a, b = members[:2]
    set_mark(demo_store, "person", a.id, "identity", "佩戴党徽上岗", date(2025, 5, 4))
    set_mark(demo_store, "person", a.id, "vehicle", "电动车党员车标", date(2025, 5, 4))
    set_mark(demo_store, "person", b.id, "pledge", "雨天优先配送老人订单", date(2025, 9, 1))
    roll = station_roll(demo_store, station.id, as_of=date(2026, 11, 28))
    assert roll.station_marks["flag"].set_on == date(2024, 7, 1)
    assert roll.shown >= 2

    pdf = showcase_roll_pdf(demo_store, station.id, as_of=date(2026, 11, 28))
    (tmp_path / "roll.pdf").write_bytes(pdf)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = text.replace("\n", "")
    assert "四亮" in flat and station.name in flat
    assert "驿站门口悬挂党旗" in flat and "2024年7月1日" in flat
    assert a.name in flat and b.name in flat
    assert "佩戴党徽上岗" in flat and "2025年5月4日" in flat
    assert "雨天优先配送老人订单" in flat
    assert "更新日期：2026年11月28日" in flat
