"""This month's figures against hand-computed values; stats; the demo data obeys the flow."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from requests_helpers import new_request, seed_catalogue
from sqlmodel import select

from xhdesk.data.models.requests import RequestEvent, RequestState
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.requests import figures, flow

TODAY = date(2026, 11, 28)


def d(day: int, month: int = 11, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour)


@pytest.fixture
def month(store):
    """Six requests (政策咨询, 3 working days) with a known November."""
    seed = seed_catalogue(store)
    dept = seed["depts"]["人社局"].id
    a = new_request(store, seed, at=d(2, hour=9))  # due 11-05
    flow.forward(store, a.number, dept, at=d(2))
    flow.resolve(store, a.number, "已答复", at=d(4))  # on time
    flow.return_visit(store, a.number, "satisfied", at=d(5))
    b = new_request(store, seed, at=d(2, hour=9))  # due 11-05
    flow.forward(store, b.number, dept, at=d(2))
    flow.resolve(store, b.number, "已答复", at=d(9))  # late …
    flow.return_visit(store, b.number, "unsatisfied", "未解决", at=d(10))  # new due 11-13
    flow.resolve(store, b.number, "再次答复", at=d(12))  # … but its last resolution is on time
    flow.return_visit(store, b.number, "basic", at=d(13))
    c = new_request(store, seed, at=d(28, 10))  # October; due 11-02
    flow.forward(store, c.number, dept, at=d(29, 10))
    flow.resolve(store, c.number, "已答复", at=d(3))  # late
    flow.return_visit(store, c.number, "unsatisfied", "仍有问题", at=d(4))  # reopened, due 11-09
    dd = new_request(store, seed, at=d(20, hour=9))  # due 11-25: overdue
    flow.forward(store, dd.number, dept, at=d(20))
    new_request(store, seed, at=d(26, hour=9))  # due 12-01: open, not overdue
    f = new_request(store, seed, at=d(3, hour=9))
    flow.withdraw(store, f.number, at=d(3))
    return store


def test_month_figures_against_hand_computed_values(month) -> None:
    with month.session() as s:
        fig = figures.month_figures(s, TODAY)
    assert fig.received == 5  # a, b, dd, the 11-26 one, f (c came in October)
    assert fig.open == 3  # c (reopened), dd, the 11-26 one
    assert fig.overdue == 2  # c and dd
    assert (fig.resolved, fig.resolved_on_time) == (3, 2)  # a, b on time; c late
    assert fig.on_time_rate == pytest.approx(2 / 3)
    assert (fig.visits, fig.satisfied) == (4, 2)  # a 满意, b 基本满意; b and c 不满意
    assert fig.satisfaction_rate == pytest.approx(0.5)
    assert figures.format_rate(fig.on_time_rate) == "66.7%"
    with month.session() as s:
        october = figures.month_figures(s, date(2026, 10, 31))
    assert (october.received, october.resolved, october.visits) == (1, 0, 0)
    assert october.on_time_rate is None and figures.format_rate(None) == "—"


def test_stats_json_has_requests_by_state_and_overdue(month) -> None:
    out = headline_figures(month)
    assert out["requests"]["reopened"] == 1 and out["requests"]["withdrawn"] == 1
    assert out["requests"]["visited"] == 2 and out["requests"]["accepted"] == 1
    assert sum(out["requests"].values()) == 6
    assert out["requests_overdue"] >= 2  # c and dd (and the 11-26 one after 12-01)


def test_demo_requests_follow_the_flow_and_cover_every_state(demo_store) -> None:
    with demo_store.session() as s:
        events = s.exec(select(RequestEvent)).all()
        by_request: dict[str, list[RequestEvent]] = {}
        for event in events:
            by_request.setdefault(event.request_id, []).append(event)
        cached = dict(s.exec(select(RequestState.request_id, RequestState.state)).all())
        for request_id, evs in by_request.items():
            state = None
            for event in sorted(evs, key=lambda e: (e.at, e.id)):
                assert flow.refusal(state, event.kind) is None, (state, event.kind)
                state = flow.state_after(state, event)
            assert cached[request_id] == state  # the trigger-kept state follows the same rule
        counts = figures.counts_by_state(s)
        fig = figures.month_figures(s, date(2026, 11, 28))
    assert all(counts[state] > 0 for state in counts), counts
    assert 200 <= sum(counts.values()) <= 500
    assert fig.overdue > 0 and fig.received > 0 and fig.on_time_rate is not None
