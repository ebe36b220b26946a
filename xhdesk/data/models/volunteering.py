"""Volunteer teams (志愿服务队), their members and service records, and the 五员 roles.

A team and its membership are master data (mutable, soft-deleted). A service record — one outing
of a team on one day — is written once with its participants, each an append-only row, so the
person-times (人次) are the number of participant rows. A 五员 role is held by a person from one
date to another (an open end while it lasts).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index
from sqlmodel import Field

from xhdesk.data.models.base import Event, MutableEntity


class VolunteerTeam(MutableEntity, table=True):
    """志愿服务队, e.g. 水乡红骑手 or 货运“兴”锋队."""

    __tablename__ = "volunteer_team"

    name: str = Field(max_length=40, index=True)
    occupation: str = Field(default="", max_length=20)  # the group it draws on
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)
    founded_on: date | None = None
    description: str = Field(default="", max_length=300)


class TeamMember(MutableEntity, table=True):
    """A person in a team, as a leader (队长) or a member (队员)."""

    __tablename__ = "team_member"
    __table_args__ = (Index("ix_team_member_team_person", "team_id", "person_id"),)

    team_id: str = Field(foreign_key="volunteer_team.id")
    person_id: str = Field(foreign_key="person.id", index=True)
    role: str = Field(default="member", max_length=10)  # leader / member
    joined_on: date | None = None


class ServiceRecord(Event, table=True):
    """One service outing of a team (服务记录): date, kind, place, what was done."""

    __tablename__ = "service_record"

    team_id: str = Field(foreign_key="volunteer_team.id", index=True)
    served_on: date = Field(index=True)
    kind: str = Field(max_length=20, index=True)  # epidemic / civilisation / …
    place: str = Field(default="", max_length=80)
    description: str = Field(default="", max_length=300)
    hours: float = 1.0  # per participant
    recorded_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class ServiceParticipant(Event, table=True):
    """One person in one service record: one person-time (人次)."""

    __tablename__ = "service_participant"
    __table_args__ = (Index("ix_service_participant_record", "record_id", "person_id"),)

    record_id: str = Field(foreign_key="service_record.id")
    person_id: str = Field(foreign_key="person.id", index=True)
    hours: float = 1.0


class DutyRole(MutableEntity, table=True):
    """五员: a role held by a person from ``from_on`` to ``to_on`` (None while it lasts)."""

    __tablename__ = "duty_role"

    person_id: str = Field(foreign_key="person.id", index=True)
    role: str = Field(
        max_length=20, index=True
    )  # security / civility / grid / epidemic / neighbour
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    from_on: date
    to_on: date | None = None
    note: str = Field(default="", max_length=200)
