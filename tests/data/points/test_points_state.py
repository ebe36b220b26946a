"""The derived state: the trigger-kept table agrees with the Python rule, whatever the order."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from points_seed import declare_one, seed

from xhdesk.data.core.store import Store
from xhdesk.data.models.points import Declaration, DeclarationEvent
from xhdesk.data.points.state import derive_state
from xhdesk.data.points.vocab import EVENT_STATE

KINDS = sorted(EVENT_STATE)


def sql_status(store: Store, declaration_id: str) -> tuple[str, float | None]:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT state, points FROM declaration_status WHERE declaration_id = :d"),
            {"d": declaration_id},
        ).one()
    return row[0], row[1]


def insert_events(store: Store, declaration_id: str, events: list[DeclarationEvent]) -> None:
    """As a sync import would: rows arrive in any order, straight into the table."""
    with store.unit_of_work("同步") as uow:
        for ev in events:
            uow.add(ev)
            uow.flush()


def make_events(declaration_id: str, spec: list[tuple[str, int, float]]) -> list[DeclarationEvent]:
    return [
        DeclarationEvent(
            declaration_id=declaration_id,
            kind=kind,
            hlc=hlc,
            points=points if kind == "committee_confirmed" else None,
            at=datetime(2026, 1, 1),
        )
        for kind, hlc, points in spec
    ]


@pytest.fixture
def seeded(store: Store):
    return store, seed(store)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    spec=st.lists(
        st.tuples(st.sampled_from(KINDS), st.integers(1, 40), st.sampled_from([1.0, 2.0, 3.5])),
        min_size=1,
        max_size=8,
    ),
    order_seed=st.integers(0, 1000),
)
def test_trigger_state_equals_python_rule_in_any_order(seeded, spec, order_seed) -> None:
    store, s = seeded  # every example works on a declaration of its own
    with store.unit_of_work("同步") as uow:
        decl = Declaration(
            number=f"JF2026-T-{order_seed}",
            person_id=s.persons["zhang"],
            rule_id=s.rules["study"],
            deed_date=date(2026, 3, 1),
            created_at=datetime(2026, 3, 1),
        )
        uow.add(decl)
    d = decl.id
    events = make_events(d, spec)
    random.Random(order_seed).shuffle(events)
    insert_events(store, d, events)
    with store.session() as session:
        every = list(
            session.exec(
                sa.select(DeclarationEvent).where(DeclarationEvent.declaration_id == d)
            ).scalars()
        )
    state, points = sql_status(store, d)
    assert state == derive_state(every)
    confirmations = sorted(
        (ev for ev in every if ev.kind == "committee_confirmed"), key=lambda ev: (ev.hlc, ev.id)
    )
    assert points == (confirmations[-1].points if confirmations else None)


def test_services_and_trigger_agree(store: Store) -> None:
    from xhdesk.data.points import approve, confirm, return_to_declarant
    from xhdesk.data.points.queries import declaration_detail

    s = seed(store)
    a = declare_one(store, s.persons["zhang"], s.rules["study"], date(2026, 3, 1))
    b = declare_one(store, s.persons["li"], s.rules["study"], date(2026, 3, 1))
    approve(store, [a])
    confirm(store, [a])
    return_to_declarant(store, [b], "补充材料")
    for d in (a, b):
        assert sql_status(store, d)[0] == declaration_detail(store, d).state
