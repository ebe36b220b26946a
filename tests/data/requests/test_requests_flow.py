"""The request flow: every valid transition, the refused ones, reopening, merging, escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from requests_helpers import new_request, seed_catalogue
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.core.unit_of_work import WriteRuleViolation
from xhdesk.data.models.requests import RequestEvent, ServiceRequest
from xhdesk.data.requests import deadlines, flow
from xhdesk.data.requests.flow import ALLOWED
from xhdesk.data.requests.queries import due_expr, state_expr

T0 = datetime(2026, 11, 2, 9, 0)  # a Monday


@pytest.fixture
def seed(store):
    return seed_catalogue(store)


def _dept(seed) -> str:
    return seed["depts"]["司法局"].id


def _do(store, seed, ref: str, kind: str, at: datetime | None = None, target: str = "") -> None:
    """Apply event ``kind`` through its service, with valid inputs."""
    actions = {
        "forwarded": lambda: flow.forward(store, ref, _dept(seed), "王律师", at=at),
        "in_progress": lambda: flow.start_work(store, ref, at=at),
        "resolved": lambda: flow.resolve(store, ref, "已答复", at=at),
        "return_visit": lambda: flow.return_visit(store, ref, "satisfied", "满意", at=at),
        "closed": lambda: flow.close(store, ref, at=at),
        "reopened": lambda: flow.reopen(store, ref, "群众再次反映", at=at),
        "merged": lambda: flow.merge(store, ref, target, at=at),
        "withdrawn": lambda: flow.withdraw(store, ref, at=at),
        "escalated": lambda: _escalate(store, ref, at),
    }
    actions[kind]()


def _escalate(store, ref: str, at: datetime | None) -> None:
    with store.unit_of_work("系统督办") as uow:
        flow.append_event(uow, flow.find_request(uow.session, ref), "escalated", at)


# the shortest way to bring a fresh request into each state
PATHS = {
    "accepted": [],
    "forwarded": ["forwarded"],
    "in_progress": ["forwarded", "in_progress"],
    "resolved": ["forwarded", "in_progress", "resolved"],
    "visited": ["forwarded", "resolved", "return_visit"],
    "closed": ["forwarded", "resolved", "closed"],
    "reopened": ["forwarded", "resolved", "reopened"],
    "merged": ["merged"],
    "withdrawn": ["withdrawn"],
}
EVENTS = [
    "forwarded",
    "in_progress",
    "resolved",
    "return_visit",
    "closed",
    "reopened",
    "merged",
    "withdrawn",
    "escalated",
]


def _state(store, request_id: str) -> str | None:
    with store.session() as s:
        return flow.current_state(s, request_id)


@pytest.mark.parametrize("state", list(PATHS))
def test_each_transition_is_allowed_or_refused(store, seed, state: str) -> None:
    """From each state, try every event: allowed ones move the state, others write nothing."""
    other = new_request(store, seed, at=T0)
    for n, kind in enumerate(EVENTS):
        req = new_request(store, seed, at=T0 + timedelta(minutes=5 + n))
        at = T0 + timedelta(hours=1)
        for step in PATHS[state]:
            _do(store, seed, req.number, step, at, target=other.number)
            at += timedelta(hours=1)
        assert _state(store, req.id) == state
        with store.session() as s:
            before = len(flow.request_events(s, req.id))
        if kind in ALLOWED[state]:
            _do(store, seed, req.number, kind, at, target=other.number)
            expected = {"return_visit": "visited", "escalated": state}.get(kind, kind)
            assert _state(store, req.id) == expected, kind
        else:
            with pytest.raises(WorkflowError) as info:
                _do(store, seed, req.number, kind, at, target=other.number)
            assert req.number in info.value.message
            with store.session() as s:
                assert len(flow.request_events(s, req.id)) == before, kind  # nothing written


def test_the_transition_table(store) -> None:
    """The flow as the issue describes it, written out once."""
    assert set(ALLOWED["accepted"]) == {"forwarded", "resolved", "merged", "withdrawn", "escalated"}
    assert "closed" not in ALLOWED["accepted"] + ALLOWED["forwarded"] + ALLOWED["in_progress"]
    assert "return_visit" in ALLOWED["resolved"] and "return_visit" not in ALLOWED["in_progress"]
    assert ALLOWED["merged"] == ALLOWED["withdrawn"] == ()
    assert ALLOWED["closed"] == ("reopened",)


def test_refusals_say_why(store, seed) -> None:
    req = new_request(store, seed, at=T0)
    with pytest.raises(WorkflowError, match="尚未办结，不能关闭"):
        flow.close(store, req.number)
    with pytest.raises(WorkflowError, match="尚未办结，不能回访"):
        flow.return_visit(store, req.number, "satisfied")
    with pytest.raises(WorkflowError, match="请先转办"):
        flow.start_work(store, req.number)
    flow.withdraw(store, req.number, "已自行解决")
    with pytest.raises(WorkflowError, match="已撤回，不能再转办"):
        flow.forward(store, req.number, _dept(seed))


def test_full_flow_and_reopen_after_unsatisfied(store, seed) -> None:
    req = new_request(store, seed, kind="法律援助", at=T0)  # 10 working days
    assert req.due_on == date(2026, 11, 16)
    flow.forward(store, req.number, _dept(seed), "王律师", at=T0 + timedelta(hours=1))
    flow.start_work(store, req.number, at=T0 + timedelta(days=1))
    flow.resolve(store, req.number, "已调解", at=T0 + timedelta(days=3))
    with pytest.raises(ValidationError, match="不满意的原因"):
        flow.return_visit(store, req.number, "unsatisfied", "")
    visit = datetime(2026, 11, 6, 10, 0)  # a Friday
    flow.return_visit(store, req.number, "unsatisfied", "对方仍未付款", at=visit)
    assert _state(store, req.id) == "reopened"
    with store.session() as s:
        due = s.exec(select(due_expr()).where(ServiceRequest.id == req.id)).one()
    assert due == date(2026, 11, 20)  # 10 working days from the visit
    flow.resolve(store, req.number, "已全额支付", at=visit + timedelta(days=3))
    flow.return_visit(store, req.number, "basic", "基本满意", at=visit + timedelta(days=4))
    flow.close(store, req.number, at=visit + timedelta(days=5))
    with store.session() as s:
        kinds = [e.kind for e in flow.request_events(s, req.id)]
    assert kinds == [
        "accepted",
        "forwarded",
        "in_progress",
        "resolved",
        "return_visit",
        "resolved",
        "return_visit",
        "closed",
    ]
    assert _state(store, req.id) == "closed"


def test_merge_rules(store, seed) -> None:
    a = new_request(store, seed, at=T0)
    b = new_request(store, seed, at=T0 + timedelta(minutes=1))
    c = new_request(store, seed, at=T0 + timedelta(minutes=2))
    with pytest.raises(WorkflowError, match="合并到它自己"):
        flow.merge(store, a.number, a.number)
    flow.withdraw(store, c.number)
    with pytest.raises(WorkflowError, match="已撤回"):
        flow.merge(store, a.number, c.number)
    flow.merge(store, b.number, a.number)
    with store.session() as s:
        event = flow.request_events(s, b.id)[-1]
    assert event.merged_into_id == a.id and a.number in event.text


def test_input_checks(store, seed) -> None:
    req = new_request(store, seed, at=T0)
    with pytest.raises(ValidationError, match="职能部门"):
        flow.forward(store, req.number, "")
    flow.forward(store, req.number, _dept(seed))
    with pytest.raises(ValidationError, match="办理结果"):
        flow.resolve(store, req.number, "  ")
    with pytest.raises(ValidationError, match="回访结果"):
        flow.return_visit(store, req.number, "great")


def test_events_are_append_only(store, seed) -> None:
    req = new_request(store, seed, at=T0)
    with pytest.raises(WriteRuleViolation), store.unit_of_work() as uow:
        event = uow.session.exec(
            select(RequestEvent).where(RequestEvent.request_id == req.id)
        ).one()
        event.kind = "closed"


def test_sql_and_python_derive_the_same_state(store, seed) -> None:
    reqs = [new_request(store, seed, at=T0 + timedelta(minutes=i)) for i in range(len(PATHS))]
    at = T0 + timedelta(hours=1)
    for req, path in zip(reqs, PATHS.values(), strict=True):
        for step in path:
            _do(store, seed, req.number, step, at, target=reqs[0].number)
            at += timedelta(minutes=1)
    with store.session() as s:
        for req, state in zip(reqs, PATHS, strict=True):
            sql = s.exec(select(state_expr()).where(ServiceRequest.id == req.id)).one()
            assert sql == flow.current_state(s, req.id) == state


def test_escalation_once_per_due_date(store, seed) -> None:
    req = new_request(store, seed, kind="政策咨询", at=T0)  # due 11-05
    done = new_request(store, seed, kind="政策咨询", at=T0)
    flow.forward(store, done.number, _dept(seed), at=T0 + timedelta(hours=1))
    flow.resolve(store, done.number, "已答复", at=T0 + timedelta(hours=2))
    assert not deadlines.check_escalations(store, date(2026, 11, 5))  # not yet past due
    changes = deadlines.check_escalations(store, date(2026, 11, 6), at=datetime(2026, 11, 6, 8))
    assert changes.inserted["request_event"] == 1  # the resolved one is not escalated
    assert not deadlines.check_escalations(store, date(2026, 11, 9))
    with store.session() as s:
        groups = deadlines.overdue_by_department(s, date(2026, 11, 9))
        assert [r.number for r in groups["人社局"]] == [req.number]
        assert groups["人社局"][0].days_late == 4  # due Thursday 11-05, today Monday 11-09
    assert _state(store, req.id) == "accepted"  # escalation does not change the state


def test_the_table_listing_shows_each_request_with_its_own_department(store, seed) -> None:
    from xhdesk.data.core.listing import Criteria
    from xhdesk.data.requests.listing import requests_listing

    legal = new_request(store, seed, kind="法律援助", at=T0)
    policy = new_request(store, seed, kind="政策咨询", at=T0 + timedelta(minutes=1))
    flow.forward(store, policy.number, seed["depts"]["总工会"].id, at=T0 + timedelta(hours=1))
    listing = requests_listing()
    keys = [c.key for c in listing.columns]
    rows = {r[1]: r for r in listing.page(store, Criteria(sort_key="number"), 0, 10)}
    dept, state = keys.index("department") + 1, keys.index("state") + 1
    assert (rows[legal.number][dept], rows[legal.number][state]) == ("司法局", "accepted")
    assert (rows[policy.number][dept], rows[policy.number][state]) == ("总工会", "forwarded")
    only = Criteria(filters={"department": seed["depts"]["总工会"].id, "queue": "open"})
    assert [r[1] for r in listing.page(store, only, 0, 10)] == [policy.number]
