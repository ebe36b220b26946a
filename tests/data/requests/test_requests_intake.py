"""Intake (点单): numbers unique across nodes, requesters, receipts, and the catalogue."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from requests_helpers import new_request, seed_catalogue
from sqlmodel import func, select

from xhdesk.data.core import authority
from xhdesk.data.core.errors import NotFoundError, PermissionDenied, ValidationError
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Node, Person
from xhdesk.data.models.requests import ServiceRequest
from xhdesk.data.requests import catalogue, intake, receipt_fields

DAY = datetime(2026, 11, 28, 9, 30)


@pytest.fixture
def seed(store):
    return seed_catalogue(store)


def test_numbers_unique_when_two_nodes_take_requests_the_same_day(store, seed) -> None:
    """The centre numbers under ZX, a node bound to station S07 under S07 (units.py)."""
    ours = [new_request(store, seed, at=DAY).number for _ in range(3)]
    with store.unit_of_work() as uow:
        uow.session.get(Node, store.node_id).station_id = seed["station_id"]
    theirs = [new_request(store, seed, at=DAY).number for _ in range(3)]
    assert ours == [f"XH-20261128-ZX-00{i}" for i in (1, 2, 3)]
    assert theirs == [f"XH-20261128-S07-00{i}" for i in (1, 2, 3)]


def test_a_station_node_numbers_with_its_station_code(store, seed) -> None:
    with store.unit_of_work() as uow:
        uow.session.get(Node, store.node_id).station_id = seed["station_id"]
    assert new_request(store, seed, at=DAY).number == "XH-20261128-S07-001"
    assert new_request(store, seed, at=DAY).number == "XH-20261128-S07-002"
    assert new_request(store, seed, at=datetime(2026, 11, 29, 9)).number == "XH-20261129-S07-001"
    store.set_local_state(request_code="ZX1")
    assert new_request(store, seed, at=DAY).number == "XH-20261128-ZX1-001"


def test_intake_sets_due_date_department_and_accepted_event(store, seed) -> None:
    req = new_request(
        store,
        seed,
        kind="法律援助",
        at=datetime(2026, 9, 30, 15, 0),
        urgency="urgent",
        channel="phone",
    )
    assert req.due_on == date(2026, 10, 20)  # 10 working days across 国庆 and its make-up day
    assert req.department_id == seed["depts"]["司法局"].id
    fields = receipt_fields(store, req.number)
    assert set(fields) == {
        "number",
        "requester_name",
        "requester_phone",
        "kind",
        "station",
        "channel",
        "urgency",
        "accepted_at",
        "due_on",
        "description",
        "department",
        "hotline",
    }
    assert fields["requester_phone"] == "138****5678"
    assert (fields["kind"], fields["station"], fields["channel"], fields["urgency"]) == (
        "法律援助",
        "城东暖蜂驿站",
        "电话",
        "紧急",
    )
    assert fields["due_on"] == date(2026, 10, 20)
    assert fields["accepted_at"] == datetime(2026, 9, 30, 15, 0)
    assert fields["department"] == "司法局" and fields["hotline"] == "0523-83000007"
    with pytest.raises(NotFoundError):
        receipt_fields(store, "XH-20260101-S01-999")


def test_walk_in_needs_name_and_valid_phone_and_nothing_is_written(store, seed) -> None:
    with pytest.raises(ValidationError, match="手机号码"):
        new_request(store, seed, requester_phone="12345")
    with pytest.raises(ValidationError, match="姓名"):
        new_request(store, seed, requester_name=" ")
    with pytest.raises(ValidationError, match="服务事项"):
        intake.take_request(store, {"requester_name": "甲", "requester_phone": "13812345678"})
    with store.session() as s:
        assert s.exec(select(func.count()).select_from(ServiceRequest)).one() == 0


def _person(store) -> Person:
    first17 = "32128119900101123"
    person = Person(
        name="曾小兵",
        name_pinyin="zengxiaobing",
        name_initials="zxb",
        id_number=first17 + id_check_char(first17),
        phone="13912345678",
        occupation="rider",
    )
    with store.unit_of_work() as uow:
        uow.add(person)
    return person


def test_registry_requester_is_found_by_name_pinyin_initials_or_phone(store, seed) -> None:
    person = _person(store)
    with store.session() as s:
        for text in ("曾小", "zengx", "ZXB", "1391234"):
            assert [p.id for p in intake.search_requesters(s, text)] == [person.id], text
        assert intake.search_requesters(s, "") == []
    req = new_request(store, seed, person_id=person.id, requester_name="", requester_phone="")
    assert (req.requester_name, req.requester_phone, req.person_id) == (
        "曾小兵",
        "13912345678",
        person.id,
    )


def test_catalogue_is_edited_by_the_centre_only(store, seed) -> None:
    kind = seed["kinds"]["车辆维修"]
    catalogue.save_kind(
        store, {"time_limit_days": 4, "department_id": seed["depts"]["交通运输局"].id}, kind.id
    )
    with store.session() as s:
        edited = {k.name: k for k in catalogue.list_kinds(s)}["车辆维修"]
        assert (edited.time_limit_days, edited.department_id) == (4, seed["depts"]["交通运输局"].id)
        assert len(catalogue.list_kinds(s)) == 14 and len(catalogue.list_departments(s)) == 15
    with pytest.raises(ValidationError, match="1至60"):
        catalogue.save_kind(store, {"time_limit_days": 0}, kind.id)
    catalogue.set_offerings(store, seed["station_id"], {kind.id})
    with store.session() as s:
        assert catalogue.offered_kind_ids(s, seed["station_id"]) == {kind.id}
    store.node_role = "station"
    with pytest.raises(PermissionDenied, match="无权维护服务事项"):
        catalogue.save_kind(store, {"name": "新事项", "time_limit_days": 3})
    assert authority.refusal("station", "service_kind", "update", {}) is not None
    assert authority.refusal("centre", "service_kind", "update", {}) is None
