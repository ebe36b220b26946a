"""Everything the detail panes show about one station or one person, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import select

from xhdesk.data.errors import NotFoundError
from xhdesk.data.history import HistoryEntry, row_history
from xhdesk.data.models import (
    Branch,
    Committee,
    Enterprise,
    Instructor,
    Person,
    Station,
    Verification,
)
from xhdesk.data.store import Store
from xhdesk.data.vocab import PARTY_STATUSES


@dataclass
class StationDetail:
    station: Station
    committee: str
    persons_total: int
    members_total: int
    persons: list[Person]  # the first few attached persons
    history: list[HistoryEntry] = field(default_factory=list)


@dataclass
class PersonDetail:
    person: Person
    enterprise: Enterprise | None
    branch: Branch | None
    committee: str
    station: Station | None
    instructor: str
    verifications: list[Verification]
    history: list[HistoryEntry]


def station_detail(store: Store, station_id: str, persons_shown: int = 30) -> StationDetail:
    with store.session() as s:
        station = s.get(Station, station_id)
        if station is None:
            raise NotFoundError("驿站不存在。")
        committee = s.get(Committee, station.committee_id) if station.committee_id else None
        live = (Person.station_id == station_id, Person.deleted == False)  # noqa: E712
        total = s.exec(select(func.count()).select_from(Person).where(*live)).one()
        members = s.exec(
            select(func.count())
            .select_from(Person)
            .where(*live, Person.political_status.in_(PARTY_STATUSES))
        ).one()
        persons = s.exec(
            select(Person)
            .where(*live)
            .order_by(Person.political_status.in_(PARTY_STATUSES).desc(), Person.name_pinyin)
            .limit(persons_shown)
        ).all()
    return StationDetail(
        station,
        committee.name if committee else "",
        total,
        members,
        list(persons),
        row_history(store, "station", station_id, 20),
    )


def person_detail(store: Store, person_id: str) -> PersonDetail:
    with store.session() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("人员不存在。")
        enterprise = s.get(Enterprise, person.enterprise_id) if person.enterprise_id else None
        branch = s.get(Branch, person.branch_id) if person.branch_id else None
        committee = s.get(Committee, branch.committee_id) if branch else None
        station = s.get(Station, person.station_id) if person.station_id else None
        instructor = (
            s.get(Instructor, enterprise.instructor_id)
            if enterprise and enterprise.instructor_id
            else None
        )
        checks = s.exec(
            select(Verification)
            .where(Verification.person_id == person_id)
            .order_by(Verification.checked_on)
        ).all()
    return PersonDetail(
        person,
        enterprise,
        branch,
        committee.name if committee else "",
        station,
        instructor.name if instructor else "",
        list(checks),
        row_history(store, "person", person_id),
    )


def options(store: Store, model: type, order_by: str = "name") -> list[tuple[str, str]]:
    """(id, name) of live rows, for filter drop-downs and pickers."""
    with store.session() as s:
        rows = s.exec(
            select(model.id, model.name)
            .where(model.deleted == False)
            .order_by(getattr(model, order_by))
        ).all()  # noqa: E712
    return [(i, n) for i, n in rows]
