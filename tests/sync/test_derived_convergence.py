"""Property test: derived tables equal their recomputation on every node after every step.

2–5 nodes write persons, declarations and their events, ledger entries, requests, request events
and edits of a request's due date and department. Changes travel one row-change at a time
(``rowkit``), in random order: a request's events before the request, an edit before the insert
it edits, a declaration's confirmation before its submission, another node's changes relayed
before the origin's own. After every step every node's derived tables equal their recomputation
from its synced rows; at the end, after everything reached everyone, the derived tables of all
nodes are equal.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from rowkit import deliver, deliver_each, keys, known
from synckit import add_person, scratch_dir, seeded_nodes

from xhdesk.data.core import derived
from xhdesk.data.models import Person
from xhdesk.data.models.points import Declaration, DeclarationEvent, LedgerEntry, PointRule
from xhdesk.data.models.requests import Department, RequestEvent, ServiceKind, ServiceRequest

pytestmark = pytest.mark.slow

node_index = st.integers(0, 4)
any_index = st.integers(0, 10_000)
DECLARATION_EVENTS = [
    "branch_approved",
    "branch_returned",
    "resubmitted",
    "committee_confirmed",
    "committee_rejected",
    "notice_started",
    "objection_raised",
    "effective",
]
REQUEST_EVENTS = ["forwarded", "started", "resolved", "return_visit", "reopened", "escalated"]
CATEGORIES = ["party_life", "study", "volunteer"]
POINTS = [0.5, 1.0, 2.0, 0.1, 0.2]
T0 = datetime(2026, 11, 1, 9, 0)


class DerivedMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = scratch_dir("xhdesk-derived-prop-")
        self.nodes: list = []
        self.persons: list[str] = []
        self.declarations: list[str] = []
        self.requests: list[str] = []
        self.departments: list[str] = []
        self.kind_id = ""
        self.rule_id = ""
        self.n = 0
        self.touched = None  # the node the last step wrote to

    @initialize(count=st.integers(2, 5))
    def start(self, count: int) -> None:
        """The centre's person, departments, service kind and rule, delivered to every node
        (done once per session, copied per example)."""
        self.nodes, info = seeded_nodes(self.folder, count, "derived", _seed)
        persons, departments, self.kind_id, self.rule_id = info
        self.persons, self.departments = list(persons), list(departments)

    # -- helpers ---------------------------------------------------------------------------------
    def _node(self, i: int):
        self.touched = self.nodes[i % len(self.nodes)]
        return self.touched

    def _pick(self, items: list[str], k: int) -> str:
        return items[k % len(items)]

    def _has(self, store, model, row_id: str) -> bool:
        with store.session() as s:
            return s.get(model, row_id) is not None

    def _at(self) -> datetime:
        self.n += 1
        return T0 + timedelta(minutes=self.n)

    # -- local work ------------------------------------------------------------------------------
    @rule(i=node_index)
    def add(self, i: int) -> None:
        self.persons.append(add_person(self._node(i), "王五", len(self.persons) + 7))

    @rule(i=node_index, p=any_index)
    def declare(self, i: int, p: int) -> None:
        store, pid = self._node(i), self._pick(self.persons, p)
        if not self._has(store, Person, pid):
            return
        with store.unit_of_work("测试") as uow:
            decl = Declaration(
                number=f"JF-{self.n}",
                person_id=pid,
                rule_id=self.rule_id,
                deed_date=date(2026, 11, 1),
                created_at=self._at(),
            )
            uow.add(decl)
            uow.flush()
            uow.add(DeclarationEvent(declaration_id=decl.id, kind="submitted", at=self._at()))
        self.declarations.append(decl.id)

    @precondition(lambda self: self.declarations)
    @rule(i=node_index, d=any_index, kind=st.sampled_from(DECLARATION_EVENTS))
    def step_declaration(self, i: int, d: int, kind: str) -> None:
        store, did = self._node(i), self._pick(self.declarations, d)
        if not self._has(store, Declaration, did):
            return
        points = 2.0 if kind == "committee_confirmed" else None
        with store.unit_of_work("测试") as uow:
            uow.add(DeclarationEvent(declaration_id=did, kind=kind, points=points, at=self._at()))

    @rule(
        i=node_index,
        p=any_index,
        category=st.sampled_from(CATEGORIES),
        points=st.sampled_from(POINTS),
        year=st.sampled_from([2025, 2026]),
    )
    def ledger(self, i: int, p: int, category: str, points: float, year: int) -> None:
        store, pid = self._node(i), self._pick(self.persons, p)
        if not self._has(store, Person, pid):
            return
        with store.unit_of_work("测试") as uow:
            uow.add(
                LedgerEntry(
                    person_id=pid,
                    category=category,
                    kind="base",
                    points=points,
                    year=year,
                    deed_date=date(year, 5, 1),
                    effective_on=date(year, 6, 1),
                )
            )

    @rule(i=node_index)
    def take_request(self, i: int) -> None:
        store = self._node(i)
        at = self._at()
        with store.unit_of_work("测试") as uow:
            request = ServiceRequest(
                number=f"XH-{self.n}",
                requester_name="张小兵",
                kind_id=self.kind_id,
                department_id=self.departments[0],
                accepted_at=at,
                due_on=date(2026, 12, 8),
            )
            uow.add(request)
            uow.flush()
            uow.add(RequestEvent(request_id=request.id, kind="accepted", at=at))
        self.requests.append(request.id)

    @precondition(lambda self: self.requests)
    @rule(
        i=node_index,
        r=any_index,
        kind=st.sampled_from(REQUEST_EVENTS),
        dept=st.integers(0, 1),
        unsatisfied=st.booleans(),
    )
    def step_request(self, i: int, r: int, kind: str, dept: int, unsatisfied: bool) -> None:
        store, rid = self._node(i), self._pick(self.requests, r)
        if not self._has(store, ServiceRequest, rid):
            return
        event = RequestEvent(request_id=rid, kind=kind, at=self._at())
        if kind == "forwarded":
            event.department_id = self.departments[dept]
        if kind == "reopened":
            event.due_on = date(2026, 12, 20)
        if kind == "return_visit":
            event.satisfaction = "unsatisfied" if unsatisfied else "satisfied"
        with store.unit_of_work("测试") as uow:
            uow.add(event)

    @precondition(lambda self: self.requests)
    @rule(i=node_index, r=any_index, dept=st.integers(0, 1), day=st.integers(1, 28))
    def edit_request(self, i: int, r: int, dept: int, day: int) -> None:
        store, rid = self._node(i), self._pick(self.requests, r)
        if not self._has(store, ServiceRequest, rid):
            return
        with store.unit_of_work("测试") as uow:
            row = uow.session.get(ServiceRequest, rid)
            row.due_on = date(2026, 12, day)
            row.department_id = self.departments[dept]

    # -- exchange, one row-change at a time -------------------------------------------------------
    def _missing(self, store) -> list:
        have = keys(store)
        seen: dict[tuple, tuple] = {}
        for node in self.nodes:
            for c in known(node):
                if (c[0], c[1]) not in have:
                    seen.setdefault((c[0], c[1]), c)
        return list(seen.values())

    @rule(j=node_index, seed=st.integers(0, 2**32), share=st.sampled_from([0.3, 0.6, 1.0]))
    def deliver_some(self, j: int, seed: int, share: float) -> None:
        """Some of what others know, in random order, each change on its own or in a small batch."""
        store = self._node(j)
        missing = self._missing(store)
        rng = random.Random(seed)
        rng.shuffle(missing)
        todo = missing[: max(1, int(len(missing) * share))] if missing else []
        while todo:
            size = rng.choice([1, 1, 2, 3])
            batch, todo = todo[:size], todo[size:]
            deliver(store, batch)
            self._assert_derived(store)
        self.touched = None

    # -- invariants ------------------------------------------------------------------------------
    def _assert_derived(self, store) -> None:
        with store.engine.connect() as conn:
            for d in derived.DERIVED:
                assert derived.differences(conn, d) == [], (d.table, store.node_name)

    @invariant()
    def derived_tables_equal_their_recomputation(self) -> None:
        """Checked on the node each step wrote to (the others did not change)."""
        if self.touched is not None:
            self._assert_derived(self.touched)
            self.touched = None

    def teardown(self) -> None:
        try:
            if self.nodes:
                rng = random.Random(len(self.persons) + self.n)
                for node in self.nodes:
                    missing = self._missing(node)
                    rng.shuffle(missing)
                    deliver_each(node, missing)
                    self._assert_derived(node)
                tables = [_derived_rows(node) for node in self.nodes]
                assert all(t == tables[0] for t in tables), "derived tables differ between nodes"
        finally:
            for node in self.nodes:
                node.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def _seed(nodes: list) -> tuple[list[str], list[str], str, str]:
    centre = nodes[0]
    persons = [add_person(centre, "张三", 1)]
    with centre.unit_of_work("测试") as uow:
        depts = [Department(name=n) for n in ("司法局", "人社局")]
        uow.add_all(depts)
        uow.flush()
        kind = ServiceKind(name="法律援助", department_id=depts[0].id)
        rule_row = PointRule(
            code="DS-01",
            category="party_life",
            kind="base",
            title="参加三会一课",
            points=2.0,
            unit="time",
        )
        uow.add_all([kind, rule_row])
    departments = [d.id for d in depts]
    for node in nodes[1:]:
        deliver(node, known(centre))
    return persons, departments, kind.id, rule_row.id


def _derived_rows(store) -> dict[str, list[tuple]]:
    with store.engine.connect() as conn:
        return {
            d.table: sorted(
                tuple(r) for r in conn.exec_driver_sql(f"SELECT {d.compared()} FROM {d.table}")
            )
            for d in derived.DERIVED
        }


DerivedMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("XHDESK_SYNC_EXAMPLES", "200")),
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_derived_tables_follow_every_arrival_order = DerivedMachine.TestCase
