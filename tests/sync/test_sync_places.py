"""Authority by place: every workflow step outside a node's place is refused there, and the
same step forged into a package is quarantined at the centre with the reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from placekit import network, open_network, send
from points_seed import declare_one

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.core.places import Place, may_act
from xhdesk.data.models.points import Declaration
from xhdesk.data.points import (
    approve,
    confirm,
    dismiss_objection,
    reject,
    return_to_declarant,
    start_notice,
    uphold_objection,
)
from xhdesk.data.points.scope import NodeScope
from xhdesk.data.registry.persons import update_person
from xhdesk.data.requests import intake
from xhdesk.data.sync.quarantine import quarantine_rows

OUTSIDE = "不在其范围内|不属于本"


@pytest.fixture
def net(tmp_path):
    stores = open_network(tmp_path)
    yield stores
    for store in stores.values():
        store.close()


def declared(net, tmp_path, *, approved: bool = False) -> dict[str, str]:
    """One declaration of 张三 (B01, S01, KD) and one of 王五 (B02, S02, JT), made at the
    centre (approved there if asked) and sent to every node."""
    seed = network()[1]
    centre = net["centre"]
    ids = {
        who: declare_one(centre, seed.persons[who], seed.rules["study"], date(2026, 5, 1))
        for who in ("zhang", "wang")
    }
    if approved:
        approve(centre, list(ids.values()))
    for stem in ("committee", "branch", "station"):
        send(centre, net[stem], tmp_path, f"to-{stem}.xhsync")
    return ids


def test_a_branch_reviews_only_its_own_branch(net, tmp_path):
    ids = declared(net, tmp_path)
    branch = net["branch"]
    with pytest.raises(PermissionDenied, match=OUTSIDE):
        approve(branch, [ids["wang"]])
    with pytest.raises(PermissionDenied, match=OUTSIDE):
        return_to_declarant(branch, [ids["wang"]], "材料不全")
    approve(branch, [ids["zhang"]])
    with branch.session() as s:
        assert may_act(branch, s.get(Declaration, ids["zhang"]))
        assert not may_act(branch, s.get(Declaration, ids["wang"]))


def test_a_committee_confirms_only_its_own_industry(net, tmp_path):
    ids = declared(net, tmp_path, approved=True)
    committee, wang = net["committee"], ids["wang"]
    for step in (
        lambda: confirm(committee, [wang]),
        lambda: reject(committee, [wang], "不符合细则"),
        lambda: start_notice(committee, [wang]),
        lambda: uphold_objection(committee, wang, "属实"),
        lambda: dismiss_objection(committee, wang, "不属实"),
    ):
        with pytest.raises(PermissionDenied, match=OUTSIDE):
            step()
    confirm(committee, [ids["zhang"]])


def test_a_station_declares_takes_requests_and_edits_only_at_itself(net, tmp_path):
    seed, stations = network()[1], network()[2]
    station = net["station"]
    with pytest.raises(PermissionDenied, match="驿站节点（S01）只能办理本驿站范围内的事务"):
        declare_one(station, seed.persons["wang"], seed.rules["study"], date(2026, 5, 2))
    declare_one(station, seed.persons["zhang"], seed.rules["study"], date(2026, 5, 2))
    with pytest.raises(PermissionDenied, match=OUTSIDE):
        update_person(station, seed.persons["wang"], {"phone": "13900000000"})
    update_person(station, seed.persons["zhang"], {"phone": "13900000001"})
    with station.session() as s:
        from sqlmodel import select

        from xhdesk.data.models.requests import ServiceKind

        kind_id = s.exec(select(ServiceKind.id)).first()
    request = {
        "kind_id": kind_id,
        "requester_name": "路过的骑手",
        "requester_phone": "13812345678",
        "accepted_at": datetime(2026, 5, 3, 9),
    }
    with pytest.raises(PermissionDenied, match=OUTSIDE):
        intake.take_request(station, {**request, "station_id": stations["S02"]})
    taken = intake.take_request(station, {**request, "station_id": stations["S01"]})
    assert taken.number == "XH-20260503-S01-001"


def forge(monkeypatch, store) -> None:
    """Let ``store`` write outside its place, as a hostile or buggy build would."""
    monkeypatch.setattr(store, "place", Place())
    monkeypatch.setattr("xhdesk.data.points.flow.node_scope", lambda s: NodeScope(s.node_role))


def test_steps_forged_outside_the_place_are_quarantined_at_the_centre(net, tmp_path, monkeypatch):
    ids = declared(net, tmp_path, approved=True)
    seed = network()[1]
    centre, committee, station = net["centre"], net["committee"], net["station"]
    forge(monkeypatch, committee)
    confirm(committee, [ids["wang"]])  # 王五's branch is under JT, not KD
    report = send(committee, centre, tmp_path, "forged-c.xhsync")
    assert report.refused >= 1
    forge(monkeypatch, station)
    declare_one(station, seed.persons["wang"], seed.rules["study"], date(2026, 5, 4))
    update_person(station, seed.persons["wang"], {"address": "伪造的地址"})
    report = send(station, centre, tmp_path, "forged-s.xhsync")
    assert report.refused >= 3  # the declaration, its submitted event, the edit
    reasons = [q.reason for q in quarantine_rows(centre)]
    assert any("行业党委节点（KD）只能办理本行业党委范围内的事务" in r for r in reasons)
    assert any("驿站节点（S01）只能办理本驿站范围内的事务，此积分申报" in r for r in reasons)
    assert any("此人员信息不在其范围内" in r for r in reasons)
    with centre.session() as s:
        from xhdesk.data.models import Person

        assert s.get(Person, seed.persons["wang"]).address != "伪造的地址"


def test_a_station_takes_request_steps_only_on_its_own_requests(net, tmp_path):
    from sqlmodel import select

    from xhdesk.data.models.requests import Department, ServiceKind
    from xhdesk.data.requests import flow

    stations = network()[2]
    centre, station = net["centre"], net["station"]
    with centre.session() as s:
        kind_id = s.exec(select(ServiceKind.id)).first()
        dept_id = s.exec(select(Department.id)).first()
    taken = {
        code: intake.take_request(
            centre,
            {
                "kind_id": kind_id,
                "station_id": stations[code],
                "requester_name": "骑手",
                "requester_phone": "13812345678",
            },
        ).number
        for code in ("S01", "S02")
    }
    send(centre, station, tmp_path)
    for step in (
        lambda: flow.forward(station, taken["S02"], dept_id),
        lambda: flow.start_work(station, taken["S02"]),
        lambda: flow.resolve(station, taken["S02"], "已答复"),
    ):
        with pytest.raises(
            PermissionDenied, match="驿站节点（S01）只能办理本驿站范围内的事务，此诉求不在其范围内"
        ):
            step()
    flow.forward(station, taken["S01"], dept_id)


def test_a_forged_review_and_a_forged_request_step_are_quarantined(net, tmp_path, monkeypatch):
    from sqlmodel import select

    from xhdesk.data.models.requests import Department, ServiceKind
    from xhdesk.data.requests import flow

    ids = declared(net, tmp_path)
    centre, branch, station = net["centre"], net["branch"], net["station"]
    with centre.session() as s:
        kind_id = s.exec(select(ServiceKind.id)).first()
        dept_id = s.exec(select(Department.id)).first()
    other = intake.take_request(
        centre,
        {
            "kind_id": kind_id,
            "station_id": network()[2]["S02"],
            "requester_name": "骑手",
            "requester_phone": "13812345678",
        },
    ).number
    send(centre, station, tmp_path, "req.xhsync")
    forge(monkeypatch, branch)
    approve(branch, [ids["wang"]])
    forge(monkeypatch, station)
    flow.forward(station, other, dept_id)
    assert send(branch, centre, tmp_path, "b.xhsync").refused == 1
    assert send(station, centre, tmp_path, "s.xhsync").refused == 1
    reasons = [q.reason for q in quarantine_rows(centre)]
    assert any(
        "党支部节点（B01）只能办理本党支部范围内的事务，此积分审核步骤" in r for r in reasons
    )
    assert any("驿站节点（S01）只能办理本驿站范围内的事务，此诉求办理步骤" in r for r in reasons)
