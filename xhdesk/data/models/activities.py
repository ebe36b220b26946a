"""Activities (活动): organisational life, study, volunteering, governance; sign-ups and sign-ins.

An ``Activity`` is master data (edited field by field, closed by a field). Sign-ups and sign-ins
are append-only: a desk only ever inserts them, two desks may both sign one person in, and the
attendance of an activity is the set of distinct persons in its sign-ins on any node.

Declarations for the attendees are made only by the node that created the activity (its
``origin_node_id``), with an id derived from (activity, person): see
``xhdesk.data.activities.declarations`` for why that never yields a duplicate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index
from sqlmodel import Field

from xhdesk.data.core import authority
from xhdesk.data.models.base import Event, MutableEntity


class Activity(MutableEntity, table=True):
    """One activity: kind, organiser (a kind + id pair), place, time, capacity."""

    __tablename__ = "activity"
    # the list's order (latest first) read straight from an index, stopping at its page
    __table_args__ = (Index("ix_activity_live_order", "deleted", "starts_at", "number"),)

    number: str = Field(max_length=24, index=True)  # human-facing, e.g. HD2026-S07-0012
    title: str = Field(max_length=80)
    kind: str = Field(max_length=20, index=True)  # see activities.vocab.KINDS
    organiser_kind: str = Field(max_length=12)  # branch / committee / station / team
    organiser_id: str = Field(max_length=36, index=True)
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    address: str = Field(default="", max_length=120)
    starts_at: datetime = Field(sa_type=DateTime)  # local wall time of the activity
    ends_at: datetime = Field(sa_type=DateTime)
    capacity: int | None = None
    description: str = Field(default="", max_length=500)
    rule_id: str | None = Field(default=None, foreign_key="point_rule.id")  # None: by kind
    origin_node_id: str = Field(default="", max_length=36)
    closed: bool = False
    created_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class ActivitySignup(Event, table=True):
    """报名: one person signed up for an activity (before it takes place)."""

    __tablename__ = "activity_signup"
    __table_args__ = (Index("ix_activity_signup_pair", "activity_id", "person_id"),)

    activity_id: str = Field(foreign_key="activity.id")
    person_id: str = Field(foreign_key="person.id", index=True)
    author: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    at: datetime = Field(sa_type=DateTime)  # naive UTC


class ActivitySignin(Event, table=True):
    """签到: one person present at an activity, recorded at one desk (search, QR or sheet)."""

    __tablename__ = "activity_signin"
    __table_args__ = (Index("ix_activity_signin_pair", "activity_id", "person_id"),)

    activity_id: str = Field(foreign_key="activity.id")
    person_id: str = Field(foreign_key="person.id", index=True)
    method: str = Field(default="search", max_length=10)  # search / qr / sheet
    author: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    at: datetime = Field(sa_type=DateTime)  # naive UTC


def _origin_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    """The node that generates an activity's declarations is fixed when the activity is created:
    a second node taking it over could generate a second declaration for an attendee."""
    if op == "update" and "origin_node_id" in data:
        return "活动的发起节点不能更改"
    return None


authority.register("activity", _origin_rule)
