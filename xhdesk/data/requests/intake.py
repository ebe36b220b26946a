"""Intake (点单): take a request at the counter, number it, and find the requester.

A request number reads ``XH-<date>-<node code>-<serial>``, e.g. ``XH-20261128-S07-003``. The node
code makes it unique across installations: the code of the node's place (S07 for a station, B03
for a branch, KD for a committee, ZX for the centre; see xhdesk/data/registry/units.py), unless a
``request_code`` was set for the node. The serial counts this code's requests of the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import require_text, validate_phone
from xhdesk.data.models import Node, Person, Station
from xhdesk.data.models.requests import ServiceKind, ServiceRequest
from xhdesk.data.registry.units import node_unit_code
from xhdesk.data.requests.calendar import load_calendar
from xhdesk.data.requests.flow import append_event
from xhdesk.data.requests.vocab import CHANNELS, URGENCIES

ROLE_LETTERS = {"centre": "C", "committee": "W", "branch": "B", "station": "S"}
PREFIX = "XH"


def node_code(store: Store) -> str:
    """The part of a request number that names the node that took it."""
    state = store.local_state()
    if state.get("request_code"):
        return state["request_code"].upper()
    with store.session() as session:
        return node_unit_code(session, store)


def next_number(session: Session, day: date, code: str) -> str:
    """The next free number of ``code`` on ``day``."""
    stem = f"{PREFIX}-{day:%Y%m%d}-{code}-"
    numbers = session.exec(
        select(ServiceRequest.number).where(ServiceRequest.number.like(f"{stem}%"))  # type: ignore[attr-defined]
    ).all()
    serials = [int(n[len(stem) :]) for n in numbers if n[len(stem) :].isdigit()]
    return f"{stem}{max(serials, default=0) + 1:03d}"


def _requester(session: Session, values: dict[str, Any]) -> tuple[str | None, str, str]:
    """(person id, name, phone) from a registry person or a walk-in's name and phone."""
    person_id = values.get("person_id") or None
    if person_id:
        person = get_live(session, Person, person_id, "从业人员")
        return person.id, person.name, person.phone
    name = require_text(
        values.get("requester_name"), field="requester_name", label="诉求人姓名", max_length=30
    )
    phone = validate_phone(values.get("requester_phone", ""), required=True)
    return None, name, phone


def take_request(store: Store, values: dict[str, Any], author: str | None = None) -> ServiceRequest:
    """Accept a request: validate, compute the due date, number it, record the accepted event.

    ``values``: kind_id; station_id (optional for phone/online requests at the centre);
    person_id, or requester_name + requester_phone for a walk-in; description; urgency; channel;
    accepted_at (defaults to now).
    """
    urgency = values.get("urgency") or "normal"
    channel = values.get("channel") or "onsite"
    if urgency not in URGENCIES:
        raise ValidationError("紧急程度无效。", field="urgency")
    if channel not in CHANNELS:
        raise ValidationError("受理渠道无效。", field="channel")
    if not values.get("kind_id"):
        raise ValidationError("请选择服务事项。", field="kind_id")
    description = (values.get("description") or "").strip()
    if len(description) > 1000:
        raise ValidationError("诉求内容不能超过1000个字。", field="description")
    accepted_at = values.get("accepted_at") or datetime.now()
    code = node_code(store)
    with store.unit_of_work(author) as uow:
        session = uow.session
        kind = get_live(session, ServiceKind, values["kind_id"], "服务事项")
        station_id = values.get("station_id") or None
        if station_id:
            get_live(session, Station, station_id, "驿站")
        person_id, name, phone = _requester(session, values)
        due = load_calendar(session).add_working_days(accepted_at.date(), kind.time_limit_days)
        request = ServiceRequest(
            number=next_number(session, accepted_at.date(), code),
            person_id=person_id,
            requester_name=name,
            requester_phone=phone,
            kind_id=kind.id,
            station_id=station_id,
            department_id=kind.department_id,
            description=description or kind.name,
            urgency=urgency,
            channel=channel,
            accepted_at=accepted_at,
            due_on=due,
            node_id=store.node_id,
            accepted_by=uow.author[:30],
        )
        uow.add(request)
        uow.flush()
        append_event(uow, request, "accepted", accepted_at)
    return request


def search_requesters(session: Session, text: str, limit: int = 20) -> list[Person]:
    """Registry persons matching ``text`` (the registry's one search: name, pinyin, phone …)."""
    from xhdesk.data.registry.listings import person_search

    if not (text or "").strip():
        return []
    stmt = (
        select(Person)
        .where(Person.deleted == sa.false(), person_search(text))
        .order_by(Person.name_pinyin)
        .limit(limit)
    )
    return list(session.exec(stmt).all())


def find_requesters(
    store: Store, text: str, limit: int = 20
) -> tuple[list[tuple[str, str, str, str]], int]:
    """((id, name, phone, occupation) of the first ``limit`` matches, how many match in all)."""
    from xhdesk.data.registry.search import match_persons

    if not (text or "").strip():
        return [], 0
    found = match_persons(store, text, limit=limit)
    return [(m.id, m.name, m.phone, m.occupation) for m in found.persons], found.total


@dataclass(frozen=True)
class KindChoice:
    id: str
    name: str
    icon: str
    time_limit_days: int
    department: str
    description: str


@dataclass
class IntakeChoices:
    """What the intake screen offers: the kinds, the stations, and which station offers what."""

    kinds: list[KindChoice]
    stations: list[tuple[str, str]]  # (id, name), open stations
    default_station_id: str | None
    offered: dict[str, set[str]] = field(default_factory=dict)  # station id → kind ids


def intake_choices(store: Store) -> IntakeChoices:
    from xhdesk.data.models.requests import Department, StationOffering
    from xhdesk.data.requests.catalogue import list_kinds

    with store.session() as session:
        depts = {d.id: d.name for d in session.exec(select(Department)).all()}
        kinds = [
            KindChoice(
                k.id,
                k.name,
                k.icon,
                k.time_limit_days,
                depts.get(k.department_id or "", ""),
                k.description,
            )
            for k in list_kinds(session)
        ]
        stations = session.exec(
            select(Station.id, Station.name)
            .where(Station.deleted == sa.false(), Station.status == "open")
            .order_by(Station.code)
        ).all()
        offered: dict[str, set[str]] = {}
        for station_id, kind_id in session.exec(
            select(StationOffering.station_id, StationOffering.kind_id).where(
                StationOffering.deleted == sa.false()
            )
        ).all():
            offered.setdefault(station_id, set()).add(kind_id)
        node = session.get(Node, store.node_id)
    default = node.station_id if node is not None and node.station_id else None
    return IntakeChoices(kinds, [(s[0], s[1]) for s in stations], default, offered)


def expected_due(store: Store, kind_id: str, on: date) -> date:
    """The due date a request of ``kind_id`` accepted on ``on`` would get."""
    with store.session() as session:
        kind = get_live(session, ServiceKind, kind_id, "服务事项")
        return load_calendar(session).add_working_days(on, kind.time_limit_days)
