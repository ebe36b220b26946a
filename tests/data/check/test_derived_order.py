"""A request's events arriving before the request: its derived state is still the centre's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sync"))

from requests_helpers import new_request, seed_catalogue  # noqa: E402
from rowkit import deliver, deliver_each, known  # noqa: E402
from synckit import open_nodes  # noqa: E402

from xhdesk.data.check import check  # noqa: E402
from xhdesk.data.core import derived  # noqa: E402
from xhdesk.data.requests import flow  # noqa: E402


def _state(store, request_id):
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT state, due_on, department_id FROM request_state WHERE request_id = ?",
            (request_id,),
        ).one()


def _clean(store):
    with store.engine.connect() as conn:
        return {d.table: derived.differences(conn, d) for d in derived.DERIVED}


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 2)
    yield stores
    for s in stores:
        s.close()


def test_events_before_their_request_give_the_centres_state(nodes):
    centre, branch = nodes
    seed = seed_catalogue(centre)
    deliver(branch, known(centre))  # the catalogue, in order
    before = {(c[0], c[1]) for c in known(centre)}
    request = new_request(centre, seed, "法律援助")
    dept = seed["depts"]["司法局"].id
    flow.forward(centre, request.id, dept, author="值班员")
    new = [c for c in known(centre) if (c[0], c[1]) not in before]
    events = [c for c in new if c[3] == "request_event"]
    rest = [c for c in new if c[3] != "request_event"]
    assert events and rest
    deliver_each(branch, events + rest)  # every event first, the request row last
    assert _state(branch, request.id) == _state(centre, request.id)
    state, due, department = _state(branch, request.id)
    assert state == "forwarded" and due is not None and department == dept
    assert _clean(branch) == {d.table: [] for d in derived.DERIVED}


def test_an_event_whose_request_never_arrived_is_a_broken_link_not_a_wrong_cache(nodes):
    centre, branch = nodes
    seed = seed_catalogue(centre)
    deliver(branch, known(centre))
    before = {(c[0], c[1]) for c in known(centre)}
    request = new_request(centre, seed)
    events = [c for c in known(centre) if (c[0], c[1]) not in before and c[3] == "request_event"]
    deliver(branch, events)
    result = check(branch)
    kinds = {f.kind for f in result.findings}
    assert kinds == {"foreign_key"}, result.lines()
    assert any("request_event" in f.message and "外键" in f.message for f in result.findings)
    assert _state(branch, request.id)[0] == "accepted"
