"""The registry listings and services: search, filters, sorting, delete/restore, 双核, visits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from registry_seed import PEOPLE, id_number, seed

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.history import row_history
from xhdesk.data.core.listing import Criteria
from xhdesk.data.registry.details import enterprise_detail, instructor_detail, person_detail
from xhdesk.data.registry.enterprise_listings import enterprises_listing, instructors_listing
from xhdesk.data.registry.listings import persons_listing, stations_listing
from xhdesk.data.registry.organisation import (
    delete_stations,
    enterprises_not_visited,
    log_visit,
    restore_stations,
    update_instructor,
    visits,
)
from xhdesk.data.registry.persons import delete_persons, record_verification, restore_persons


@pytest.fixture
def reg(store):
    return seed(store)


def names(store, criteria: Criteria, listing=None) -> list[str]:
    listing = listing or persons_listing()
    name_at = 1 + [c.key for c in listing.columns].index("name")
    return [row[name_at] for row in listing.page(store, criteria, 0, 100)]


def search(store, text: str) -> set[str]:
    return set(names(store, Criteria(search=text)))


def test_search_matches_hanzi_pinyin_initials_phone_and_id_suffix(store, reg):
    assert search(store, "张") == {"张三"}
    assert search(store, "zs") == {"张三"}
    assert search(store, "ZhangSan") == {"张三"}
    assert search(store, "zxm") == {"曾小明"}  # 曾 as a surname reads zeng
    assert search(store, "oynn") == {"欧阳娜娜"}
    assert search(store, "z") == {"张三", "曾小明", "赵敏"}
    assert search(store, "385230") == {"张三", "赵敏"}  # a phone fragment
    assert search(store, "5678") == {"曾小明"}
    assert search(store, id_number(4)[-5:]) == {"欧阳娜娜"}  # the last digits of the ID number
    assert search(store, "不存在") == set()


def test_names_sort_in_pinyin_order_both_ways(store, reg):
    ascending = names(store, Criteria(sort_key="name"))
    assert ascending == ["李四", "欧阳娜娜", "王五", "曾小明", "张三", "赵敏"]
    assert names(store, Criteria(sort_key="name", descending=True)) == ascending[::-1]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("occupation", "rider", {"张三", "赵敏"}),
        ("political_status", "party", {"张三", "曾小明", "欧阳娜娜", "赵敏"}),
        ("political_status", "league", {"王五"}),
        ("verification", "both", {"张三"}),
        ("verification", "one", {"曾小明"}),
        ("verification", "none", {"欧阳娜娜", "赵敏"}),
        ("mobile", "yes", {"曾小明"}),
        ("unverified_claims", True, {"欧阳娜娜", "赵敏"}),
        ("unattached_members", True, {"欧阳娜娜"}),
    ],
)
def test_each_person_filter(store, reg, key, value, expected):
    criteria = Criteria(filters={key: value})
    assert set(names(store, criteria)) == expected
    assert persons_listing().count(store, criteria) == len(expected)


def test_filters_by_committee_branch_enterprise_and_station(store, reg):
    cases = {
        "committee": (reg.committees["influencer"], {"欧阳娜娜"}),
        "branch": (reg.branches["express"], {"张三", "曾小明", "赵敏"}),
        "enterprise": (reg.enterprises["meituan"], {"张三", "赵敏"}),
        "station": (reg.stations["east"], {"张三", "王五"}),
    }
    for key, (value, expected) in cases.items():
        criteria = Criteria(filters={key: value})
        assert set(names(store, criteria)) == expected, key
        assert persons_listing().count(store, criteria) == len(expected), key
    both = Criteria(search="zs", filters={"enterprise": reg.enterprises["meituan"]})
    assert names(store, both) == ["张三"]


@pytest.mark.parametrize(
    ("key", "value", "count"),
    [
        ("kind", "warm_bee", 2),
        ("town", "城东镇", 1),
        ("status", "paused", 1),
        ("host_type", "depot", 1),
    ],
)
def test_each_station_filter(store, reg, key, value, count):
    assert stations_listing().count(store, Criteria(filters={key: value})) == count


def test_row_keys_and_rows_for_agree_with_pages(store, reg):
    listing = persons_listing()
    for criteria in (Criteria(), Criteria(search="z"), Criteria(filters={"occupation": "rider"})):
        keys = listing.row_keys(store, criteria)
        assert listing.rows_for(store, keys) == listing.page(store, criteria, 0, 100)
        assert len(keys) == listing.count(store, criteria)


def test_delete_moves_to_the_recycle_bin_and_restore_brings_back(store, reg):
    ids = [reg.persons["zhang"], reg.persons["li"]]
    delete_persons(store, ids, author="测试")
    assert "张三" not in names(store, Criteria())
    assert set(names(store, Criteria(deleted=True))) == {"张三", "李四"}
    restore_persons(store, ids, author="测试")
    assert set(names(store, Criteria())) == {row[0] for row in PEOPLE.values()}
    summaries = [h.summary() for h in row_history(store, "person", reg.persons["zhang"])]
    assert summaries[:2] == ["从回收站恢复", "移入回收站"]
    delete_stations(store, [reg.stations["depot"]])
    assert stations_listing().count(store, Criteria()) == 2
    restore_stations(store, [reg.stations["depot"]])
    assert stations_listing().count(store, Criteria()) == 3


def test_a_verification_is_recorded_with_who_and_when(store, reg):
    pid = reg.persons["zhao"]
    record_verification(store, pid, "industry_check", "顾德明", "2026-11-20")
    detail = person_detail(store, pid)
    assert [(v.kind, v.checked_by, v.checked_on) for v in detail.verifications] == [
        ("industry_check", "顾德明", date(2026, 11, 20))
    ]
    assert detail.person.industry_checked_by == "顾德明"
    assert "赵敏" in names(store, Criteria(filters={"verification": "one"}))
    with pytest.raises(ValidationError, match="不是党员"):
        record_verification(store, reg.persons["li"], "org_check", "陆建国")


def test_enterprise_visits_and_the_not_visited_list(store, reg):
    today = date.today()
    meituan, sf = reg.enterprises["meituan"], reg.enterprises["sf"]
    log_visit(
        store, meituan, today - timedelta(days=10), "王建国", "休息点不足", "协调驿站延长开放"
    )
    log_visit(store, sf, today - timedelta(days=120), "李娟")
    assert [v.visitor for v in visits(store, meituan)] == ["王建国"]
    detail = enterprise_detail(store, meituan)
    assert detail.visits[0].findings == "休息点不足" and detail.instructor.name == "邓海军"
    assert detail.persons_total == 2 and detail.members_total == 2
    not_visited = {e.name for e, _last in enterprises_not_visited(store)}
    assert not_visited == {"兴化市顺丰速运有限公司", "兴化市滴滴汽车租赁有限公司"}
    listing = enterprises_listing()
    assert listing.count(store, Criteria(filters={"not_visited": "90"})) == 2
    last_at = 1 + [c.key for c in listing.columns].index("last_visit")
    rows = listing.page(store, Criteria(search="美团"), 0, 10)
    assert str(rows[0][last_at])[:10] == (today - timedelta(days=10)).isoformat()
    with pytest.raises(ValidationError, match="不能晚于今天"):
        log_visit(store, meituan, today + timedelta(days=1), "王建国")


def test_instructors_listing_and_edit(store, reg):
    deng = reg.instructors["deng"]
    listing = instructors_listing()
    row = listing.page(store, Criteria(search="邓"), 0, 10)[0]
    assert row[1 + [c.key for c in listing.columns].index("enterprises")] == 1
    update_instructor(store, deng, {"phone": "13905230002"})
    assert instructor_detail(store, deng).instructor.phone == "13905230002"
    with pytest.raises(ValidationError) as err:
        update_instructor(store, deng, {"phone": "123"})
    assert err.value.field == "phone"


def test_the_members_order_is_read_from_the_index(store, reg):
    """The default order and the search columns come from ix_person_live_order (no table sort)."""
    listing = persons_listing()
    picker, order = listing._picker(Criteria(search="138"), None)
    sql = str(picker.order_by(*order).compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        plan = " ".join(r[3] for r in conn.execute(sa.text("EXPLAIN QUERY PLAN " + sql)))
    assert "COVERING INDEX ix_person_live_order" in plan
    assert "TEMP B-TREE" not in plan
