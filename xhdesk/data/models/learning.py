"""Learning (学习培训): courseware, online training sessions and their attendance, viewings.

Courseware and training sessions are master data; attendance and viewing records are append-only
facts (a viewing imported twice is recognised by its ``source_key`` and skipped).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from xhdesk.data.models.base import Event, MutableEntity


class Courseware(MutableEntity, table=True):
    """课件: a cloud party lesson, a 班前班后五分钟 clip, a special lecture."""

    title: str = Field(max_length=80, index=True)
    kind: str = Field(max_length=20)  # cloud_lesson / five_minutes / lecture / video
    minutes: int = 0  # length
    link: str = Field(default="", max_length=300)  # a web address or a file name
    published_on: date | None = None
    note: str = Field(default="", max_length=200)


class Training(MutableEntity, table=True):
    """线上培训: one online training session."""

    title: str = Field(max_length=80)
    held_on: date = Field(index=True)
    minutes: int = 60
    host: str = Field(default="", max_length=60)
    courseware_id: str | None = Field(default=None, foreign_key="courseware.id")
    note: str = Field(default="", max_length=200)


class TrainingAttendance(Event, table=True):
    """A person attended a training session (for so many minutes)."""

    __tablename__ = "training_attendance"
    __table_args__ = (Index("ix_training_attendance_tp", "training_id", "person_id"),)

    training_id: str = Field(foreign_key="training.id")
    person_id: str = Field(foreign_key="person.id", index=True)
    minutes: int = 0


class Viewing(Event, table=True):
    """观看记录: a person watched a courseware item on a day for so many minutes."""

    __table_args__ = (Index("ix_viewing_person_day", "person_id", "viewed_on", "minutes"),)

    person_id: str = Field(foreign_key="person.id")
    courseware_id: str = Field(foreign_key="courseware.id", index=True)
    viewed_on: date = Field(index=True)
    minutes: int = 0
    source: str = Field(default="manual", max_length=10)  # manual / import / demo
    source_key: str = Field(default="", max_length=64, index=True)  # dedupes re-imports
