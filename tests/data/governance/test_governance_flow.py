"""A 随手拍 goes station → department → resolved and yields one 基层治理 declaration."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.governance import flow
from xhdesk.data.governance.listing import list_reports
from xhdesk.data.governance.reports import photos_of, take_report
from xhdesk.data.models import Person
from xhdesk.data.models.points import Declaration, PointRule
from xhdesk.data.models.requests import Department
from xhdesk.data.points.queries import DeclarationFilter, list_declarations

AT = datetime(2026, 11, 20, 9, 30)


def _reporter(store):
    with store.session() as s:
        person = s.exec(
            select(Person).where(Person.branch_id.is_not(None), Person.deleted == False)  # noqa: E712
        ).first()
        dept = s.exec(select(Department)).first()
        return person, dept.id


def test_report_goes_station_department_resolved_and_earns_one_declaration(demo_store):
    person, dept = _reporter(demo_store)
    report = take_report(
        demo_store,
        person.id,
        "hazard",
        "昭阳街道英武路与长安路交叉口",
        "路口井盖松动，电动车经过有翻车危险",
        photos=[("井盖.jpg", b"\xff\xd8jpeg-bytes")],
        at=AT,
    )
    assert report.number.startswith("SP-20261120-")
    assert [name for _, name, _ in photos_of(demo_store, report.id)] == ["井盖.jpg"]

    flow.forward(demo_store, report.number, dept, "请于三个工作日内答复", at=AT.replace(hour=10))
    row = next(r for r in list_reports(demo_store) if r.id == report.id)
    assert row.state_label == "已转办" and row.due_on is not None and row.due_on > AT.date()

    outcome = flow.accept(demo_store, report.number, "已安排维修", at=AT.replace(hour=15))
    assert outcome.note == ""
    flow.resolve(demo_store, report.number, "井盖已更换", at=datetime(2026, 11, 23, 11))
    assert flow.current_state(demo_store, report.id) == "resolved"
    labels = [step.label for step in flow.timeline(demo_store, report.id)]
    assert labels == ["报送", "转办", "采纳", "办结"]

    with demo_store.session() as s:
        decls = s.exec(select(Declaration).where(Declaration.batch_id == report.id)).all()
        assert len(decls) == 1
        rule = s.get(PointRule, decls[0].rule_id)
        assert rule.category == "governance"
        assert decls[0].branch_id == person.branch_id
    queue = list_declarations(
        demo_store, DeclarationFilter(states=("submitted",), branch_id=person.branch_id)
    )
    assert decls[0].id in {r.id for r in queue}


def test_a_second_acceptance_is_refused_and_yields_no_second_declaration(demo_store):
    person, dept = _reporter(demo_store)
    report = take_report(demo_store, person.id, "traffic", "戴南镇", "红绿灯故障", at=AT)
    flow.forward(demo_store, report.id, dept, at=AT.replace(hour=10))
    flow.accept(demo_store, report.id, at=AT.replace(hour=11))
    with pytest.raises(WorkflowError, match="已采纳"):
        flow.accept(demo_store, report.id, at=AT.replace(hour=12))
    with demo_store.session() as s:
        assert len(s.exec(select(Declaration).where(Declaration.batch_id == report.id)).all()) == 1


def test_a_declined_report_earns_nothing(demo_store):
    person, dept = _reporter(demo_store)
    report = take_report(demo_store, person.id, "opinion", "临城街道", "建议增设充电桩", at=AT)
    with pytest.raises(WorkflowError):
        flow.resolve(demo_store, report.id, "已办", at=AT.replace(hour=10))
    flow.decline(demo_store, report.id, "不属于本部门职责", at=AT.replace(hour=10))
    assert flow.current_state(demo_store, report.id) == "declined"
    with demo_store.session() as s:
        assert s.exec(select(Declaration).where(Declaration.batch_id == report.id)).first() is None


def test_photos_are_checked_and_nothing_is_written_on_a_bad_one(demo_store):
    person, _ = _reporter(demo_store)
    before = len(list_reports(demo_store))
    with pytest.raises(ValidationError, match="超过2MB"):
        take_report(
            demo_store,
            person.id,
            "hazard",
            "沙沟镇",
            "护栏断裂",
            photos=[("a.jpg", b"x" * (2 * 1024 * 1024 + 1))],
            at=AT,
        )
    with pytest.raises(ValidationError, match="不是照片"):
        take_report(
            demo_store, person.id, "hazard", "沙沟镇", "护栏断裂", photos=[("a.exe", b"MZ")], at=AT
        )
    assert len(list_reports(demo_store)) == before
