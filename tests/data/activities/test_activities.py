"""Activities: sign-in by search, card and sheet; one declaration per attendee, never two."""

from __future__ import annotations

import pytest
from activity_seed import members_of_one_branch, new_activity

from xhdesk.data.activities import (
    attendees,
    close_activity,
    generate_declarations,
    list_activities,
    member_code,
    person_of_code,
    sign_in,
    sign_in_code,
    sign_in_many,
    sign_up,
)
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.points.queries import DeclarationFilter, list_declarations


def queue(store, branch_id):
    return list_declarations(store, DeclarationFilter(states=("submitted",), branch_id=branch_id))


def test_thirty_attendees_give_thirty_declarations_once(demo_store):
    branch_id, ids = members_of_one_branch(demo_store, 30)
    before = {r.id for r in queue(demo_store, branch_id)}
    aid = new_activity(demo_store, branch_id)
    for pid in ids[:10]:
        assert not sign_in(demo_store, aid, pid).already
    for pid in ids[10:20]:
        assert not sign_in_code(demo_store, aid, member_code(demo_store, pid)).already
    sign_in_many(demo_store, aid, ids[20:])
    again = sign_in(demo_store, aid, ids[0])
    assert again.already and "已签到过" in again.message()
    assert len(attendees(demo_store, aid)) == 30

    result = close_activity(demo_store, aid)
    assert result.created == 30 and result.closed, result.summary()
    new = [r for r in queue(demo_store, branch_id) if r.id not in before]
    assert len(new) == 30
    assert {r.rule_title for r in new} == {result.rule_title}

    again = generate_declarations(demo_store, aid)
    assert again.created == 0 and again.existing == 30
    with pytest.raises(ValidationError, match="活动已关闭"):
        sign_in(demo_store, aid, ids[0])
    row = next(r for r in list_activities(demo_store) if r.id == aid)
    assert (row.attendees, row.state) == (30, "closed")
    figures = headline_figures(demo_store)
    assert figures["attendances"] >= 30 and figures["activities"] >= 1


def test_a_forged_or_foreign_card_is_refused(demo_store):
    branch_id, ids = members_of_one_branch(demo_store, 2)
    code = member_code(demo_store, ids[0])
    assert person_of_code(demo_store, code) == ids[0]
    other = member_code(demo_store, ids[1])
    forged = ".".join(other.split(".")[:2] + code.split(".")[2:])  # person swapped
    with pytest.raises(ValidationError, match="核验未通过"):
        person_of_code(demo_store, forged)
    with pytest.raises(ValidationError, match="不是党员服务卡"):
        person_of_code(demo_store, "JF2026-S01-00001")


def test_capacity_limits_sign_ups(demo_store):
    branch_id, ids = members_of_one_branch(demo_store, 3)
    aid = new_activity(demo_store, branch_id, capacity=2)
    assert sign_up(demo_store, aid, ids[0]) and sign_up(demo_store, aid, ids[1])
    assert not sign_up(demo_store, aid, ids[1])
    with pytest.raises(ValidationError, match="报名人数已满"):
        sign_up(demo_store, aid, ids[2])


def test_the_demo_has_a_year_of_activities_that_close_into_declarations(demo_store):
    from xhdesk.data.activities import ActivityFilter
    from xhdesk.data.demo.activities import count_for

    figures = headline_figures(demo_store)
    assert figures["activities"] == count_for(600)
    assert figures["attendances"] > 10 * figures["activities"]
    ended = list_activities(demo_store, ActivityFilter(state="ended"))
    assert ended and any(r.signups for r in list_activities(demo_store))
    busiest = max(ended, key=lambda r: r.attendees)
    result = close_activity(demo_store, busiest.id)
    assert result.created + len(result.skipped) == busiest.attendees, result.summary()


def test_sign_in_opens_on_the_activitys_day(demo_store):
    from datetime import datetime, timedelta

    branch_id, ids = members_of_one_branch(demo_store, 1)
    start = datetime.now().replace(second=0, microsecond=0) + timedelta(days=2)
    aid = new_activity(demo_store, branch_id, starts_at=start, ends_at=start + timedelta(hours=2))
    with pytest.raises(ValidationError, match="当天方可签到"):
        sign_in(demo_store, aid, ids[0])
    assert sign_up(demo_store, aid, ids[0])
