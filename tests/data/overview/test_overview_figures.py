"""工作概览: every figure against an independent count, on the demo and on a scaled database."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.overview.period import parse_period
from xhdesk.data.overview.place import Place
from xhdesk.data.overview.report import load_overview

PARTY = {"member", "probationary"}
PERIODS = ["2026-11", "2026Q4", "2026"]


SCALE = 5


@pytest.fixture(scope="module")
def scaled_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with every person (and their ledger entries) present five times: 3,000 persons.

    Cloned in SQL from the session's demo template — building a larger demo takes far longer.
    """
    path = tmp_path_factory.mktemp("scaled") / "scaled.sqlite3"
    shutil.copyfile(demo_template, path)
    con = sqlite3.connect(path)
    person = [r[1] for r in con.execute("PRAGMA table_info(person)")]
    ledger = [r[1] for r in con.execute("PRAGMA table_info(ledger_entry)")]

    def clone(table: str, columns: list[str], k: int, renamed: tuple[str, ...]) -> None:
        """Copy every original row with new ids ("z1" for the first two hex digits: no clash)."""
        picks = [f"'z{k}' || substr({c}, 3)" if c in renamed else c for c in columns]
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)})"
            f" SELECT {', '.join(picks)} FROM temp.{table}_original"
        )

    for table in ("person", "ledger_entry"):
        con.execute(f"CREATE TEMP TABLE {table}_original AS SELECT * FROM {table}")
    for k in range(1, SCALE):
        clone("person", person, k, ("id",))
        clone("ledger_entry", ledger, k, ("id", "person_id"))
    con.commit()
    con.close()
    return path


def expected_figures(path: Path, period: str, place: Place) -> dict[str, object]:
    """The figures recomputed in Python from plain rows (no aggregate SQL of the product)."""
    p = parse_period(period)
    con = sqlite3.connect(path)
    rows = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    persons = rows(
        "SELECT p.political_status, p.org_checked_on, p.industry_checked_on, p.branch_id,"
        " p.enterprise_id, p.station_id FROM person p WHERE p.deleted = 0"
    )
    branch_committee = dict(rows("SELECT id, committee_id FROM branch"))
    enterprise_committee = dict(rows("SELECT id, committee_id FROM enterprise"))

    def in_place(branch_id: str | None, enterprise_id: str | None, station_id: str | None) -> bool:
        if place.role == "committee":
            return place.unit_id in (
                branch_committee.get(branch_id),
                enterprise_committee.get(enterprise_id),
            )
        if place.role == "station":
            return station_id == place.unit_id
        return True

    mine = [r for r in persons if in_place(*r[3:6])]
    out: dict[str, object] = {
        "persons": len(mine),
        "members": sum(r[0] in PARTY for r in mine),
        "verified_members": sum(bool(r[0] in PARTY and r[1] and r[2]) for r in mine),
    }
    committee_filter = place.unit_id if place.role == "committee" else None
    for kind, n in Counter(
        k
        for k, c, d in rows("SELECT kind, committee_id, deleted FROM station")
        if not d and committee_filter in (None, c)
    ).items():
        out[f"stations.{kind}"] = n
    for kind, n in Counter(
        k
        for k, c, d in rows("SELECT kind, committee_id, deleted FROM branch")
        if not d and committee_filter in (None, c)
    ).items():
        out[f"branches.{kind}"] = n
    out["enterprises"] = sum(
        1
        for c, d in rows("SELECT committee_id, deleted FROM enterprise")
        if not d and committee_filter in (None, c)
    )
    out["instructors"] = sum(
        1
        for c, d in rows("SELECT committee_id, deleted FROM instructor")
        if not d and committee_filter in (None, c)
    )
    start, end = p.start.isoformat(), p.end.isoformat()
    decl_committee = rows("SELECT deed_date, committee_id FROM declaration")
    out["declarations"] = sum(
        1 for day, c in decl_committee if start <= day < end and committee_filter in (None, c)
    )
    person_ok = {
        pid
        for pid, b, e, s in rows("SELECT id, branch_id, enterprise_id, station_id FROM person")
        if in_place(b, e, s)
    }
    ledger = [
        pts
        for pid, day, pts in rows("SELECT person_id, effective_on, points FROM ledger_entry")
        if start <= day < end and pid in person_ok
    ]
    out["ledger_entries"] = len(ledger)
    out["confirmed_points"] = round(sum(ledger), 1)
    if place.role == "centre":
        out["requests_received"] = sum(
            1
            for at, d in rows("SELECT accepted_at, deleted FROM service_request")
            if not d and start <= at[:10] < end
        )
        visits = [
            s
            for at, s in rows(
                "SELECT at, satisfaction FROM request_event WHERE kind = 'return_visit'"
            )
            if start <= at[:10] < end
        ]
        out["satisfaction_rate"] = (
            sum(s in ("satisfied", "basic") for s in visits) / len(visits) if visits else None
        )
    con.close()
    return out


def check(path: Path, period: str, place: Place) -> None:
    with Store.open(path) as store:
        overview = load_overview(store, place, parse_period(period))
    got = {f.key: f.value for f in overview.figures}
    want = expected_figures(path, period, place)
    for key, value in want.items():
        assert got.get(key, 0) == pytest.approx(value), key
    # every figure the tab shows was checked, except the on-time pair (tested below)
    unchecked = set(got) - set(want) - {"committees", "requests_resolved", "on_time_rate"}
    if place.role == "centre":
        assert not {k for k in unchecked if not k.startswith(("stations.", "branches."))}


@pytest.mark.parametrize("period", PERIODS)
def test_city_figures_match_independent_counts_on_the_demo(demo_store, period):
    check(demo_store.path, period, Place())


@pytest.mark.parametrize("period", PERIODS)
def test_city_figures_match_independent_counts_on_a_scaled_database(scaled_db, period):
    check(scaled_db, period, Place())
    assert expected_figures(scaled_db, period, Place())["persons"] == 600 * SCALE


def test_committee_figures_count_only_the_committee(demo_store):
    con = sqlite3.connect(demo_store.path)
    committees = con.execute("SELECT id, name FROM committee ORDER BY code").fetchall()
    con.close()
    totals = Counter()
    for cid, name in committees:
        place = Place("committee", cid, name)
        check(demo_store.path, "2026", place)
        with Store.open(demo_store.path) as store:
            overview = load_overview(store, place, parse_period("2026"))
        totals.update({f.key: f.value for f in overview.figures if f.key == "enterprises"})
    assert totals["enterprises"] == 39  # the three committees share the city's enterprises


def test_the_demo_reproduces_the_published_figures(demo_store):
    overview = load_overview(demo_store, Place(), parse_period("2026-11"))
    figure = {f.key: f.value for f in overview.figures}
    assert figure["stations.warm_bee"] == 56 and figure["stations.rideshare_demo"] == 7
    assert figure["stations.driver"] == 14 and figure["stations.venue"] == 3
    assert figure["committees"] == 3 and figure["instructors"] == 23
    assert figure["branches.mobile"] == 10 and figure["members"] == 239
    assert figure["branches.functional"] + figure["branches.entity"] == 10


def test_on_time_rate_agrees_with_the_requests_tab_rule(demo_store):
    from xhdesk.data.requests.figures import _on_time, month_bounds

    for month in (date(2026, 10, 1), date(2026, 11, 1)):
        overview = load_overview(demo_store, Place(), parse_period(f"{month:%Y-%m}"))
        with demo_store.session() as session:
            resolved, on_time = _on_time(session, *month_bounds(month))
        assert overview.figure("requests_resolved").value == resolved
        rate = overview.figure("on_time_rate").value
        assert rate == pytest.approx(on_time / resolved if resolved else None)


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026-11", "2026年11月", date(2026, 11, 1), date(2026, 12, 1)),
        ("2026q4", "2026年第四季度", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026", "2026年", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-12", "2026年12月", date(2026, 12, 1), date(2027, 1, 1)),
    ],
)
def test_periods(text, label, start, end):
    p = parse_period(text)
    assert (p.label, p.start, p.end) == (label, start, end)
    assert parse_period(p.code) == p
    assert len(p.trend_months()) == 12 and p.trend_months()[-1] < p.end


@pytest.mark.parametrize("text", ["2026-13", "26Q4", "2026Q5", "十一月", ""])
def test_a_bad_period_is_one_chinese_sentence(text):
    with pytest.raises(ValidationError, match="统计期间"):
        parse_period(text)


def test_figures_write_nothing(demo_store):
    def changes() -> int:
        con = sqlite3.connect(demo_store.path)
        try:
            return con.execute("SELECT COUNT(*) FROM change").fetchone()[0]
        finally:
            con.close()

    before = changes()
    load_overview(demo_store, Place(), parse_period("2026"))
    assert changes() == before


def test_a_station_node_sees_its_station(demo_store):
    con = sqlite3.connect(demo_store.path)
    station_id, name = con.execute(
        "SELECT s.id, s.name FROM station s JOIN person p ON p.station_id = s.id"
        " GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    place = Place("station", station_id, name)
    with Store.open(demo_store.path) as store:
        overview = load_overview(store, place, parse_period("2026"))
    got = {f.key: f.value for f in overview.figures}
    want = expected_figures(demo_store.path, "2026", place)
    for key in ("persons", "members", "verified_members", "ledger_entries", "confirmed_points"):
        assert got[key] == pytest.approx(want[key]), key
    assert 0 < got["persons"] < 600
    assert sum(v for k, v in got.items() if k.startswith("stations.")) == 1


def test_a_committee_node_reports_on_its_committee(demo_store):
    from xhdesk.data.overview.place import node_place

    assert node_place(demo_store) == Place()  # the centre: the whole city
    con = sqlite3.connect(demo_store.path)
    cid, name = con.execute("SELECT id, name FROM committee WHERE code = 'express'").fetchone()
    con.execute("UPDATE node SET committee_id = ? WHERE id = ?", (cid, demo_store.node_id))
    con.commit()
    con.close()
    demo_store.node_role = "committee"
    place = node_place(demo_store)
    assert place == Place("committee", cid, name)
    overview = load_overview(demo_store, place, parse_period("2026"))
    assert 0 < overview.figure("members").value < 239
    assert overview.figure("enterprises").value == 11  # 8 courier + 3 delivery enterprises
