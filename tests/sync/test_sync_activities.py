"""Sign-ins on two synced desks: one attendee, one declaration, nothing quarantined anywhere."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from synckit import open_nodes, quarantined

from xhdesk.data.activities import (
    ActivityInput,
    attendees,
    close_activity,
    create_activity,
    generate_declarations,
    get_activity,
    sign_in,
)
from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.models import Station
from xhdesk.data.models.activities import Activity
from xhdesk.data.models.points import PointRule
from xhdesk.data.sync import export_package, import_package


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 5)  # centre, committee, station, branch, station
    yield stores
    for s in stores:
        s.close()


def send(src, dst, tmp_path):
    path = tmp_path / f"{src.node_name}-{dst.node_name}-{datetime.now().timestamp()}.xhsync"
    export_package(src, path, dst.node_id)
    return import_package(dst, path)


def activity_declarations(store, activity_id):
    with store.engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT person_id, id FROM declaration WHERE batch_id = :a ORDER BY person_id"),
            {"a": activity_id},
        ).all()


def test_two_desks_sign_in_one_person_and_the_activity_yields_one_declaration(nodes, tmp_path):
    from development_seed import seed

    centre, _committee, desk_a, branch, desk_b = nodes
    ids = seed(centre)
    with centre.unit_of_work("测试") as uow:
        station = Station(code="S01", name="城东暖蜂驿站", kind="warm_bee", town="昭阳街道")
        uow.add(station)
        uow.add(
            PointRule(
                code="DS-02", category="party_life", kind="base", title="参加主题党日活动",
                points=2, unit="time", monthly_cap=2, yearly_cap=24,
            )
        )  # fmt: skip
    for node in (desk_a, desk_b, branch):
        send(centre, node, tmp_path)
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    aid = create_activity(
        desk_a,
        ActivityInput(
            title="主题党日", kind="theme_day", organiser_kind="branch",
            organiser_id=ids["branch"], starts_at=start, ends_at=start + timedelta(hours=2),
            station_id=station.id,
        ),
    )  # fmt: skip
    send(desk_a, desk_b, tmp_path)
    sign_in(desk_a, aid, ids["p1"])
    sign_in(desk_a, aid, ids["p1"])  # the same person twice at one desk
    sign_in(desk_b, aid, ids["p1"])  # and again at the second desk
    sign_in(desk_b, aid, ids["p2"])
    with pytest.raises(PermissionDenied, match="发起本活动的节点"):
        generate_declarations(desk_b, aid)

    send(desk_b, desk_a, tmp_path)
    assert {a.person_id for a in attendees(desk_a, aid)} == {ids["p1"], ids["p2"]}
    result = close_activity(desk_a, aid)
    assert result.created == 2, result.summary()
    assert generate_declarations(desk_a, aid).created == 0

    # everything everywhere, twice over, in both directions
    for _ in range(2):
        send(desk_a, desk_b, tmp_path)
        send(desk_b, desk_a, tmp_path)
        for node in (desk_a, desk_b):
            send(node, centre, tmp_path)
        send(centre, branch, tmp_path)
    # a desk that makes itself the organiser (past the service) is quarantined by the others
    with desk_b.unit_of_work("伪造") as uow:
        uow.session.get(Activity, aid).origin_node_id = desk_b.node_id
    send(desk_b, desk_a, tmp_path)
    assert [t for t, _r in quarantined(desk_a)] == ["activity"]
    assert get_activity(desk_a, aid).origin_node_id == desk_a.node_id
    expected = activity_declarations(desk_a, aid)
    assert [p for p, _ in expected] == sorted([ids["p1"], ids["p2"]])
    for node in (desk_b, centre, branch):
        assert activity_declarations(node, aid) == expected
    assert quarantined(branch) == []
