"""Courseware and online training sessions, and who attended a session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import col, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text
from xhdesk.data.learning.vocab import COURSEWARE_KINDS
from xhdesk.data.models import Person
from xhdesk.data.models.learning import Courseware, Training, TrainingAttendance, Viewing


@dataclass(frozen=True)
class CoursewareRow:
    id: str
    title: str
    kind: str  # Chinese label
    minutes: int
    link: str
    viewings: int
    viewers: int


@dataclass(frozen=True)
class TrainingRow:
    id: str
    title: str
    held_on: date
    minutes: int
    host: str
    attendees: int


def add_courseware(
    store: Store,
    title: str,
    kind: str,
    minutes: int,
    *,
    link: str = "",
    published_on: date | None = None,
    author: str | None = None,
) -> Courseware:
    """A courseware item: its length in minutes and a web address or a file name."""
    title = require_text(title, field="title", label="课件名称", max_length=80)
    if kind not in COURSEWARE_KINDS:
        raise ValidationError("请选择课件类型。", field="kind")
    if not 0 < int(minutes) <= 600:
        raise ValidationError("课件时长应在1到600分钟之间。", field="minutes")
    with store.unit_of_work(author) as uow:
        same = uow.session.exec(
            select(Courseware).where(Courseware.title == title, Courseware.deleted == False)  # noqa: E712
        ).first()
        if same is not None:
            raise ValidationError(f"已有名为「{title}」的课件。", field="title")
        row = uow.add(
            Courseware(
                title=title,
                kind=kind,
                minutes=int(minutes),
                link=link.strip()[:300],
                published_on=published_on,
            )
        )
    return row


def add_training(
    store: Store,
    title: str,
    held_on: date,
    minutes: int,
    *,
    host: str = "",
    courseware_id: str | None = None,
    author: str | None = None,
) -> Training:
    """An online training session (线上培训)."""
    title = require_text(title, field="title", label="培训名称", max_length=80)
    if not 0 < int(minutes) <= 24 * 60:
        raise ValidationError("培训时长应大于0分钟。", field="minutes")
    with store.unit_of_work(author) as uow:
        if courseware_id:
            get_live(uow, Courseware, courseware_id, "课件")
        row = uow.add(
            Training(
                title=title,
                held_on=held_on,
                minutes=int(minutes),
                host=host.strip()[:60],
                courseware_id=courseware_id,
            )
        )
    return row


def record_attendance(
    store: Store,
    training_id: str,
    person_ids: Iterable[str],
    *,
    minutes: int | None = None,
    author: str | None = None,
) -> int:
    """Persons attended a session; those already recorded are skipped. Returns how many added."""
    added = 0
    with store.unit_of_work(author) as uow:
        training = get_live(uow, Training, training_id, "培训")
        present = set(
            uow.session.exec(
                select(TrainingAttendance.person_id).where(
                    TrainingAttendance.training_id == training_id
                )
            )
        )
        for person_id in dict.fromkeys(person_ids):
            if person_id in present:
                continue
            get_live(uow, Person, person_id, "人员")
            uow.add(
                TrainingAttendance(
                    training_id=training_id,
                    person_id=person_id,
                    minutes=minutes if minutes is not None else training.minutes,
                )
            )
            added += 1
    return added


def remove_courseware(store: Store, courseware_id: str, author: str | None = None) -> Changes:
    with store.unit_of_work(author) as uow:
        get_live(uow, Courseware, courseware_id, "课件").deleted = True
    return uow.changes


def list_courseware(store: Store) -> list[CoursewareRow]:
    stmt = (
        select(
            Courseware,
            sa.func.count(col(Viewing.id)),
            sa.func.count(sa.distinct(col(Viewing.person_id))),
        )
        .outerjoin(Viewing, col(Viewing.courseware_id) == col(Courseware.id))
        .where(Courseware.deleted == False)  # noqa: E712
        .group_by(col(Courseware.id))
        .order_by(col(Courseware.published_on), col(Courseware.title))
    )
    with store.session() as session:
        return [
            CoursewareRow(
                c.id, c.title, COURSEWARE_KINDS.get(c.kind, c.kind), c.minutes, c.link, n, v
            )
            for c, n, v in session.exec(stmt)
        ]


def list_trainings(store: Store) -> list[TrainingRow]:
    stmt = (
        select(Training, sa.func.count(col(TrainingAttendance.id)))
        .outerjoin(TrainingAttendance, col(TrainingAttendance.training_id) == col(Training.id))
        .where(Training.deleted == False)  # noqa: E712
        .group_by(col(Training.id))
        .order_by(col(Training.held_on).desc())
    )
    with store.session() as session:
        return [
            TrainingRow(t.id, t.title, t.held_on, t.minutes, t.host, n)
            for t, n in session.exec(stmt)
        ]


def training_attendees(store: Store, training_id: str) -> list[tuple[str, int]]:
    """(name, minutes) of a session's attendees, by name."""
    stmt = (
        select(Person.name, TrainingAttendance.minutes)
        .join(TrainingAttendance, col(TrainingAttendance.person_id) == col(Person.id))
        .where(TrainingAttendance.training_id == training_id)
        .order_by(col(Person.name_pinyin))
    )
    with store.session() as session:
        return [(name, minutes) for name, minutes in session.exec(stmt)]
