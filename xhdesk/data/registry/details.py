"""Everything the detail panes show about one station or one person, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.history import HistoryEntry, row_history
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import PARTY_STATUSES
from xhdesk.data.models import (
    Branch,
    Committee,
    Enterprise,
    EnterpriseVisit,
    Instructor,
    Person,
    Station,
    Verification,
)


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


def _attached_counts(session: Session, live: tuple) -> tuple[int, int]:
    """(persons, party members) matching ``live``, in one query."""
    is_member = Person.political_status.in_(PARTY_STATUSES)  # type: ignore[attr-defined]
    total, members = session.exec(
        select(func.count(), func.coalesce(func.sum(case((is_member, 1), else_=0)), 0))
        .select_from(Person)
        .where(*live)
    ).one()
    return int(total), int(members)


def station_detail(store: Store, station_id: str, persons_shown: int = 30) -> StationDetail:
    with store.session() as s:
        station = s.get(Station, station_id)
        if station is None:
            raise NotFoundError("驿站不存在。")
        committee = s.get(Committee, station.committee_id) if station.committee_id else None
        live = (Person.station_id == station_id, Person.deleted == False)  # noqa: E712
        total, members = _attached_counts(s, live)
        persons = s.exec(
            select(Person)
            .where(*live)
            .order_by(
                col(Person.political_status).in_(PARTY_STATUSES).desc(), col(Person.name_pinyin)
            )
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
            .order_by(col(Verification.checked_on))
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


def options(store: Store, model: Any, order_by: str = "name") -> list[tuple[str, str]]:
    """(id, name) of live rows, for filter drop-downs and pickers."""
    with store.session() as s:
        rows = s.exec(
            select(model.id, model.name)
            .where(model.deleted == False)
            .order_by(getattr(model, order_by))
        ).all()  # noqa: E712
    return [(i, n) for i, n in rows]


def towns(store: Store) -> list[str]:
    """Towns and subdistricts already on file (stations and enterprises), for pickers."""
    with store.session() as s:
        found = set(s.exec(select(Station.town).where(Station.deleted == False)).all())  # noqa: E712
        found |= set(s.exec(select(Enterprise.town).where(Enterprise.deleted == False)).all())  # noqa: E712
    return sorted(t for t in found if t)


def get_record(store: Store, model: type, row_id: str):  # noqa: ANN201 — a row of ``model``
    """One row for an edit dialog (NotFoundError if it is gone)."""
    with store.session() as s:
        row = s.get(model, row_id)
    if row is None:
        raise NotFoundError("记录不存在。")
    return row


@dataclass
class EnterpriseDetail:
    enterprise: Enterprise
    instructor: Instructor | None
    committee: str
    persons_total: int
    members_total: int
    visits: list[EnterpriseVisit]
    history: list[HistoryEntry]


def enterprise_detail(store: Store, enterprise_id: str) -> EnterpriseDetail:
    """一企一档: the enterprise, its instructor, how many persons, and its visit log."""
    with store.session() as s:
        e = s.get(Enterprise, enterprise_id)
        if e is None:
            raise NotFoundError("企业不存在。")
        instructor = s.get(Instructor, e.instructor_id) if e.instructor_id else None
        committee = s.get(Committee, e.committee_id) if e.committee_id else None
        live = (Person.enterprise_id == enterprise_id, Person.deleted == False)  # noqa: E712
        total, members = _attached_counts(s, live)
        visits = s.exec(
            select(EnterpriseVisit)
            .where(EnterpriseVisit.enterprise_id == enterprise_id, EnterpriseVisit.deleted == False)  # noqa: E712
            .order_by(col(EnterpriseVisit.visited_on).desc())
        ).all()
    return EnterpriseDetail(
        e,
        instructor,
        committee.name if committee else "",
        total,
        members,
        list(visits),
        row_history(store, "enterprise", enterprise_id, 20),
    )


@dataclass
class InstructorDetail:
    instructor: Instructor
    committee: str
    enterprises: list[Enterprise]
    history: list[HistoryEntry]


def instructor_detail(store: Store, instructor_id: str) -> InstructorDetail:
    with store.session() as s:
        i = s.get(Instructor, instructor_id)
        if i is None:
            raise NotFoundError("党建指导员不存在。")
        committee = s.get(Committee, i.committee_id) if i.committee_id else None
        enterprises = s.exec(
            select(Enterprise)
            .where(Enterprise.instructor_id == instructor_id, Enterprise.deleted == False)  # noqa: E712
            .order_by(Enterprise.name)
        ).all()
    return InstructorDetail(
        i,
        committee.name if committee else "",
        list(enterprises),
        row_history(store, "instructor", instructor_id, 20),
    )


def station_kind_counts(store: Store) -> dict[str, int]:
    """Live stations per kind (the "1+N" matrix at a glance)."""
    with store.session() as s:
        rows = s.exec(
            select(Station.kind, func.count())
            .where(Station.deleted == False)  # noqa: E712
            .group_by(Station.kind)
        ).all()
    return dict(rows)
