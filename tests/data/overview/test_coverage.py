"""The three 100% promises: the demo keeps them; the shortfall list names exactly who falls short."""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.models import Enterprise
from xhdesk.data.overview.coverage import enterprise_coverage
from xhdesk.data.overview.period import parse_period
from xhdesk.data.overview.place import Place
from xhdesk.data.registry.organisation import delete_instructors, update_enterprise


def enterprise_ids(store) -> dict[str, str]:
    with store.session() as session:
        return {
            e.name: e.id
            for e in session.exec(select(Enterprise).where(Enterprise.deleted == sa.false()))
        }


def rates(cov) -> dict[str, tuple[int, int]]:
    return {p.key: (p.covered, p.total) for p in cov.promises}


def test_the_demo_keeps_all_three_promises_every_month_of_the_year(demo_store):
    for month in (1, 6, 11):
        cov = enterprise_coverage(demo_store, Place(), parse_period(f"2026-{month:02d}"))
        assert rates(cov) == {k: (39, 39) for k in ("leader", "instructor", "staffing")}
        assert cov.shortfalls == []


def test_the_demo_records_when_each_role_was_taken_up(demo_store):
    con = sqlite3.connect(demo_store.path)
    missing = con.execute(
        "SELECT COUNT(*) FROM enterprise WHERE liaison_leader_since IS NULL"
        " OR section_staff_since IS NULL OR party_worker_since IS NULL"
    ).fetchone()[0]
    con.close()
    assert missing == 0


def test_a_removed_role_names_exactly_that_enterprise(demo_store):
    ids = enterprise_ids(demo_store)
    first, second = sorted(ids)[:2]
    update_enterprise(demo_store, ids[first], {"party_worker": "", "party_worker_since": None})
    update_enterprise(demo_store, ids[second], {"liaison_leader": ""})
    cov = enterprise_coverage(demo_store, Place(), parse_period("2026-11"))
    named = {s.enterprise: s.lacks_text for s in cov.shortfalls}
    assert named == {first: "专职党务工作者", second: "分管领导"}
    assert rates(cov) == {"leader": (38, 39), "instructor": (39, 39), "staffing": (38, 39)}
    assert (
        next(s for s in cov.shortfalls if s.enterprise == first).promises_text == "企业职工专责专岗"
    )


def test_an_enterprise_without_a_visit_in_the_period_falls_short_of_incubation(demo_store):
    ids = enterprise_ids(demo_store)
    name = sorted(ids)[-1]
    con = sqlite3.connect(demo_store.path)
    visited = {
        eid
        for (eid,) in con.execute(
            "SELECT enterprise_id FROM enterprise_visit WHERE deleted = 0"
            " AND visited_on >= '2026-12-01' AND visited_on < '2027-01-01'"
        )
    }
    con.close()
    cov = enterprise_coverage(demo_store, Place(), parse_period("2026-12"))
    assert {s.enterprise_id for s in cov.shortfalls} == set(ids.values()) - visited
    assert all(s.lacks == ("visit",) for s in cov.shortfalls)
    # a deleted instructor leaves the enterprises assigned to them without one
    with demo_store.session() as session:
        instructor_id = session.get(Enterprise, ids[name]).instructor_id
    delete_instructors(demo_store, [instructor_id])
    cov = enterprise_coverage(demo_store, Place(), parse_period("2026-11"))
    lacking = {s.enterprise_id for s in cov.shortfalls}
    with demo_store.session() as session:
        assigned = {
            e.id
            for e in session.exec(
                select(Enterprise).where(
                    Enterprise.instructor_id == instructor_id, Enterprise.deleted == sa.false()
                )
            )
        }
    assert lacking == assigned and ids[name] in lacking
    assert all(s.lacks_text == "党建指导员" for s in cov.shortfalls)


def test_role_dates_are_kept_and_checked(store):
    from datetime import date

    import pytest

    from xhdesk.data.core.errors import ValidationError
    from xhdesk.data.core.validation import uscc_check_char
    from xhdesk.data.registry.organisation import add_enterprise

    CODE = "91321281MA1PBCDE1"  # noqa: N806

    e = add_enterprise(
        store,
        {
            "name": "兴化市测试快递服务有限公司",
            "kind": "courier",
            "credit_code": CODE + uscc_check_char(CODE),
            "party_worker": "陈静",
            "party_worker_since": "2025-03-01",
        },
    )
    with store.session() as session:
        saved = session.get(Enterprise, e.id)
        assert saved.party_worker_since == date(2025, 3, 1) and saved.liaison_leader_since is None
    with pytest.raises(ValidationError, match="专职党务工作者任职日期"):
        update_enterprise(store, e.id, {"party_worker_since": "2025-13-01"})
    cov = enterprise_coverage(store, Place(), parse_period("2026"))
    assert [s.lacks_text for s in cov.shortfalls] == [
        "分管领导、党建指导员、本期上门走访、职能科室人员"
    ]
