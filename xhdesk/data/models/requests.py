"""Service requests (诉求): the catalogue, the working-day calendar, requests and their events.

The catalogue (service kinds, departments, station offerings) and the calendar are mutable master
data the centre maintains. A request is written once at intake; everything that happens to it
afterwards is an append-only :class:`RequestEvent`, and its state is derived from those events
(see ``xhdesk.data.requests.flow``).

Times are naive local wall-clock times (the programme runs in one time zone, and due dates,
months and the counter's clock are all local).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from xhdesk.data.models.base import Event, MutableEntity


class Department(MutableEntity, table=True):
    """职能部门 — one of the departments behind the service kinds."""

    name: str = Field(max_length=40)
    contact: str = Field(default="", max_length=30)
    phone: str = Field(default="", max_length=20)
    sort_order: int = 0


class ServiceKind(MutableEntity, table=True):
    """服务事项 — one of the kinds a requester can pick at the counter."""

    __tablename__ = "service_kind"

    name: str = Field(max_length=40)
    department_id: str | None = Field(default=None, foreign_key="department.id", index=True)
    time_limit_days: int = 5  # working days
    description: str = Field(default="", max_length=300)
    icon: str = Field(default="", max_length=40)  # qtawesome name for the intake grid
    sort_order: int = 0


class StationOffering(MutableEntity, table=True):
    """A station offers a service kind (deleted = no longer offered)."""

    __tablename__ = "station_offering"

    station_id: str = Field(foreign_key="station.id", index=True)
    kind_id: str = Field(foreign_key="service_kind.id", index=True)


class CalendarDay(MutableEntity, table=True):
    """A holiday on a weekday or a make-up working day (调休) on a weekend.

    The id is derived from the date, so the same date edited on two nodes is one row.
    """

    __tablename__ = "calendar_day"

    day: date = Field(index=True)
    kind: str = Field(max_length=10)  # holiday / workday
    name: str = Field(default="", max_length=30)
    source: str = Field(default="manual", max_length=10)  # example / import / manual


class ServiceRequest(MutableEntity, table=True):
    """诉求 — what the requester asked for, as taken at intake."""

    __tablename__ = "service_request"
    __table_args__ = (Index("ix_service_request_accepted_at", "accepted_at"),)

    number: str = Field(max_length=32, index=True)  # XH-20261128-S07-003
    person_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    requester_name: str = Field(max_length=30)
    requester_phone: str = Field(default="", max_length=20)
    kind_id: str = Field(foreign_key="service_kind.id", index=True)
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    department_id: str | None = Field(default=None, foreign_key="department.id", index=True)
    description: str = Field(default="", max_length=1000)
    urgency: str = Field(default="normal", max_length=10, index=True)
    channel: str = Field(default="onsite", max_length=10)
    accepted_at: NaiveDatetime
    due_on: date = Field(index=True)
    node_id: str = Field(default="", max_length=36)  # the node that took the request
    accepted_by: str = Field(default="", max_length=30)


class RequestEvent(Event, table=True):
    """One step in a request's life (append-only)."""

    __tablename__ = "request_event"
    # covering the state rule: a request's events newest first, with what the rule reads
    __table_args__ = (
        Index(
            "ix_request_event_request_at",
            "request_id",
            "at",
            "id",
            "kind",
            "satisfaction",
            "due_on",
            "department_id",
        ),
        Index("ix_request_event_kind_at", "kind", "at"),  # this month's resolutions and visits
    )

    request_id: str = Field(foreign_key="service_request.id")
    kind: str = Field(max_length=16)
    at: NaiveDatetime
    author: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    department_id: str | None = Field(default=None, foreign_key="department.id")
    contact: str = Field(default="", max_length=30)
    satisfaction: str = Field(default="", max_length=10)  # satisfied / basic / unsatisfied
    text: str = Field(default="", max_length=1000)  # answer, note, reason
    merged_into_id: str | None = Field(default=None, foreign_key="service_request.id")
    due_on: date | None = None  # a reopened request's new due date


class RequestState(SQLModel, table=True):
    """Each request's derived state, due date in force and department — a local cache.

    Kept by SQLite triggers on ``request_event`` (and on ``service_request``), written in the same
    transaction as the event, whether it came from a service or a sync import; never synced. The
    rule is the one in ``xhdesk.data.requests.flow.derive_state``; its SQL recomputation, which
    the triggers and ``xhdesk check`` share, is declared in ``xhdesk.data.core.derived``.
    """

    __tablename__ = "request_state"
    __table_args__ = (Index("ix_request_state_state_due", "state", "due_on"),)
    SYNC: ClassVar[str] = "local"

    request_id: str = Field(primary_key=True, foreign_key="service_request.id", max_length=36)
    state: str | None = Field(default=None, max_length=16)
    due_on: date | None = None
    department_id: str | None = Field(default=None, max_length=36)
