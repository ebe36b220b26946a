"""The demo points: a default catalogue, a year of declarations in every state, benefits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.demo import DemoContext, points, registry
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.points import balance, public_notice, yearly_totals
from xhdesk.data.points.vocab import BENEFIT_CATEGORIES, CATEGORIES, KINDS, STATES


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("points-demo") / "demo.sqlite3"
    store = Store.open(path)
    ctx = DemoContext(rng=random.Random(1), seed=1, persons_total=300)
    registry.build(store, ctx)
    points.build(store, ctx)
    yield store, ctx
    store.close()


def scalar(store: Store, sql: str) -> float:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


def test_catalogue_covers_every_category_and_kind(demo) -> None:
    store, _ctx = demo
    with store.engine.connect() as conn:
        pairs = set(conn.execute(sa.text("SELECT category, kind FROM point_rule")).all())
        benefits = {r[0] for r in conn.execute(sa.text("SELECT category FROM benefit"))}
    assert {c for c, _k in pairs} == set(CATEGORIES)
    assert {k for _c, k in pairs} == set(KINDS)
    assert benefits == set(BENEFIT_CATEGORIES)
    assert scalar(store, "SELECT COUNT(*) FROM point_rule WHERE points < 0") >= 1  # a deduction


def test_declarations_in_every_state_for_members(demo) -> None:
    store, ctx = demo
    by_state = headline_figures(store)["declarations"]
    assert all(by_state[state] > 0 for state in STATES), by_state
    outsiders = scalar(
        store,
        "SELECT COUNT(*) FROM declaration d JOIN person p ON p.id = d.person_id"
        " WHERE p.political_status NOT IN ('member', 'probationary')",
    )
    assert outsiders == 0
    assert len(ctx.members) == 239


def test_ledger_matches_effective_declarations_and_caps(demo) -> None:
    store, ctx = demo
    effective = scalar(store, "SELECT COUNT(*) FROM declaration_status WHERE state = 'effective'")
    assert effective == scalar(store, "SELECT COUNT(*) FROM ledger_entry")
    over_cap = scalar(
        store,
        "SELECT COUNT(*) FROM (SELECT l.person_id, l.rule_id, SUM(l.points) AS total,"
        " r.yearly_cap FROM ledger_entry l JOIN point_rule r ON r.id = l.rule_id"
        " GROUP BY l.person_id, l.rule_id, l.year HAVING r.yearly_cap IS NOT NULL"
        " AND total > r.yearly_cap)",
    )
    assert over_cap == 0
    totals = yearly_totals(store, ctx.today.year)
    assert len(totals) > 200
    assert public_notice(store, as_of=ctx.today)["rows"]  # a notice runs on the demo's today


def test_redemptions_never_overdraw(demo) -> None:
    store, _ctx = demo
    with store.engine.connect() as conn:
        people = list(conn.execute(sa.text("SELECT DISTINCT person_id FROM redemption")).scalars())
    assert people
    assert all(balance(store, pid) >= 0 for pid in people)
