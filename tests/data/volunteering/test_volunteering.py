"""Volunteer teams: members, service records and person-times; 五员 roles with dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.models import Person
from xhdesk.data.volunteering.roles import assign_role, end_role, role_holders, roles_of
from xhdesk.data.volunteering.teams import (
    add_members,
    create_team,
    list_teams,
    record_service,
    team_members,
    team_records,
)


def _persons(store, n):
    with store.session() as s:
        return [p.id for p in s.exec(select(Person).order_by(Person.id).limit(n))]


def test_a_service_record_counts_one_person_time_per_participant(demo_store):
    people = _persons(demo_store, 6)
    team = create_team(demo_store, "测试志愿队", description="测试")
    add_members(demo_store, team.id, people[:1], role="leader", joined_on=date(2025, 1, 1))
    add_members(demo_store, team.id, people, joined_on=date(2025, 1, 1))  # the leader stays once
    assert len(team_members(demo_store, team.id)) == 6
    record_service(demo_store, team.id, date(2025, 6, 1), "publicity", people[:4], hours=2)
    record_service(demo_store, team.id, date(2025, 7, 1), "hazard_check", people[:3], hours=1.5)
    row = next(t for t in list_teams(demo_store) if t.id == team.id)
    assert (row.records, row.person_times, row.hours) == (2, 7, 12.5)
    assert row.members == 6 and row.leaders
    assert [r.kind for r in team_records(demo_store, team.id)] == ["隐患排查", "政策宣传"]
    with pytest.raises(ValidationError, match="同名|已有名为"):
        create_team(demo_store, "测试志愿队")
    with pytest.raises(ValidationError, match="服务类别"):
        record_service(demo_store, team.id, date(2025, 7, 1), "party", people[:1])


def test_duty_roles_have_dates_and_one_open_role_per_kind(demo_store):
    person = _persons(demo_store, 1)[0]
    held = assign_role(demo_store, person, "grid", date(2025, 3, 1))
    with pytest.raises(WorkflowError, match="已担任网格治理信息员"):
        assign_role(demo_store, person, "grid", date(2025, 4, 1))
    assign_role(demo_store, person, "security", date(2025, 5, 1))
    end_role(demo_store, held.id, date(2025, 12, 31))
    texts = [r.text for r in roles_of(demo_store, person)]
    assert texts[0].startswith("平安建设治安员（2025-05-01 — 至今")
    assert any(t == "网格治理信息员（2025-03-01 — 2025-12-31）" for t in texts)
    on = role_holders(demo_store, "grid", on=date(2025, 6, 1))
    assert person in {pid for pid, _, _ in on}
    assert person not in {
        pid for pid, _, _ in role_holders(demo_store, "grid", on=date(2026, 1, 2))
    }
