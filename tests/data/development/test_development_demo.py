"""The demo's pipeline keeps the rules, fills every stage, and gives the 待办 list red and amber."""

from __future__ import annotations

from xhdesk.data.demo import DEMO_TODAY
from xhdesk.data.development.queries import development_figures, pipelines, todo_list
from xhdesk.data.development.quota import quota_usage, quota_warnings
from xhdesk.data.development.rules import _fold, ordered


def test_every_demo_step_was_allowed_when_it_was_taken(demo_store):
    with demo_store.session() as s:
        items = pipelines(s)
    assert items
    for item in items:
        events = ordered(item.events)
        for i, ev in enumerate(events):
            window = _fold(events[:i], item.person.birth_date).window(ev.step)
            assert window is not None, (item.person.name, ev.step)
            assert window.earliest is None or ev.happened_on >= window.earliest, (ev.step,)
            assert ev.happened_on <= DEMO_TODAY


def test_demo_pipeline_has_every_stage_and_flags(demo_store):
    with demo_store.session() as s:
        figures = development_figures(s, DEMO_TODAY)["development"]
    assert all(figures[k] > 0 for k in ("applicants", "activists", "candidates", "probationary"))
    flags = {r.flag for r in todo_list(demo_store, DEMO_TODAY)}
    assert {"overdue", "due_soon", ""} <= flags
    from xhdesk.data.overview.stats import headline_figures

    assert set(headline_figures(demo_store)["development"]) == {
        "applicants",
        "activists",
        "candidates",
        "probationary",
        "converted_this_year",
        "overdue",
    }
    year = DEMO_TODAY.year
    assert any(r.total is not None for r in quota_usage(demo_store, year))
    assert len(quota_warnings(demo_store, year)) >= 1
