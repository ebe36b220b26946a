"""Viewing records and learning hours per person and year (viewings + training attendance)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.models import Person
from xhdesk.data.models.base import table_of
from xhdesk.data.models.learning import Courseware, Training, TrainingAttendance, Viewing


@dataclass(frozen=True)
class LearningHours:
    person_id: str
    name: str
    viewing_minutes: int
    training_minutes: int

    @property
    def hours(self) -> float:
        return round((self.viewing_minutes + self.training_minutes) / 60, 1)


def viewing_key(person_id: str, courseware_id: str, viewed_on: date, minutes: int) -> str:
    """The same viewing imported twice has the same key (and is skipped the second time)."""
    text = f"{person_id}|{courseware_id}|{viewed_on:%Y-%m-%d}|{minutes}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def record_viewing(
    store: Store,
    person_id: str,
    courseware_id: str,
    viewed_on: date,
    minutes: int,
    *,
    author: str | None = None,
) -> Viewing:
    """One viewing typed by hand."""
    if not 0 < minutes <= 600:
        raise ValidationError("观看时长应在1到600分钟之间。", field="minutes")
    with store.unit_of_work(author) as uow:
        get_live(uow, Person, person_id, "人员")
        get_live(uow, Courseware, courseware_id, "课件")
        row = uow.add(
            Viewing(
                person_id=person_id,
                courseware_id=courseware_id,
                viewed_on=viewed_on,
                minutes=minutes,
                source="manual",
                source_key=viewing_key(person_id, courseware_id, viewed_on, minutes),
            )
        )
    return row


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def learning_hours(store: Store, year: int, person_id: str | None = None) -> list[LearningHours]:
    """Each person's minutes of viewing and of training in ``year``, most hours first."""
    start, end = _year_bounds(year)
    v, a, t, p = (table_of(m) for m in (Viewing, TrainingAttendance, Training, Person))
    views = sa.select(
        v.c.person_id.label("pid"), v.c.minutes.label("vm"), sa.literal(0).label("tm")
    ).where(v.c.viewed_on >= start, v.c.viewed_on < end)
    trains = (
        sa.select(a.c.person_id.label("pid"), sa.literal(0).label("vm"), a.c.minutes.label("tm"))
        .join(t, t.c.id == a.c.training_id)
        .where(t.c.held_on >= start, t.c.held_on < end)
    )
    if person_id is not None:
        views = views.where(v.c.person_id == person_id)
        trains = trains.where(a.c.person_id == person_id)
    both = sa.union_all(views, trains).subquery()
    vm, tm = sa.func.sum(both.c.vm), sa.func.sum(both.c.tm)
    stmt = (
        sa.select(both.c.pid, p.c.name, vm, tm)
        .join(p, p.c.id == both.c.pid)
        .group_by(both.c.pid, p.c.name)
        .order_by(sa.desc(vm + tm), p.c.name)
    )
    with store.session() as session:
        return [
            LearningHours(pid, name, int(vs or 0), int(ts or 0))
            for pid, name, vs, ts in session.execute(stmt)
        ]


def person_learning_hours(store: Store, person_id: str, year: int) -> float:
    rows = learning_hours(store, year, person_id)
    return rows[0].hours if rows else 0.0


def learning_figures(session: Session) -> dict[str, int]:
    """The stats section: courseware, trainings, viewings."""

    def count(stmt: sa.Select[Any]) -> int:
        return int(session.execute(stmt).scalar() or 0)

    return {
        "courseware": count(
            sa.select(sa.func.count())
            .select_from(Courseware)
            .where(col(Courseware.deleted) == False)  # noqa: E712
        ),
        "trainings": count(
            sa.select(sa.func.count()).select_from(Training).where(col(Training.deleted) == False)  # noqa: E712
        ),
        "viewings": count(sa.select(sa.func.count()).select_from(Viewing)),
    }
