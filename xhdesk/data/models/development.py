"""党员发展: the development pipeline's step events, their attachments, and the yearly quotas.

A person's development is a set of append-only ``DevelopmentEvent`` rows (one per step, with its
date, decision and recorder); the stage, the probation end and every deadline are derived from
them by ``xhdesk.data.development.rules`` and never stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, LargeBinary
from sqlmodel import Field

from xhdesk.data.core import authority
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.development.vocab import COMMITTEE_ROLES, STEP_ROLES, STEPS
from xhdesk.data.models.base import Event, MutableEntity


class DevelopmentEvent(Event, table=True):
    """One step of one person's development (application, talk, …, conversion approved)."""

    __tablename__ = "development_event"
    __table_args__ = (Index("ix_development_event_person", "person_id", "happened_on"),)

    person_id: str = Field(foreign_key="person.id")
    branch_id: str | None = Field(default=None, foreign_key="branch.id", index=True)
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)
    step: str = Field(max_length=24, index=True)
    happened_on: date
    decision: str = Field(default="agreed", max_length=12)
    months: int | None = None  # conversion_meeting / probation_extended: the extension
    period_end: date | None = None  # notice: the last day of the 公示
    contacts: str = Field(default="", max_length=60)  # contacts_assigned: 培养联系人, 、-separated
    note: str = Field(default="", max_length=500)
    recorder: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    node_role: str = Field(default="", max_length=20)
    at: datetime = Field(sa_type=DateTime)  # naive UTC
    hlc: int = 0


class DevelopmentAttachment(Event, table=True):
    """A document of one step (a scan of the application, the meeting minutes), synced with it."""

    __tablename__ = "development_attachment"

    event_id: str = Field(foreign_key="development_event.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    filename: str = Field(max_length=120)
    mime: str = Field(default="application/octet-stream", max_length=60)
    size: int = 0
    sha256: str = Field(default="", max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class DevelopmentQuota(MutableEntity, table=True):
    """发展党员计划: a year's quota for a committee (``branch_id`` empty) or one of its branches."""

    __tablename__ = "development_quota"
    __table_args__ = (Index("ix_development_quota_year", "year", "committee_id", "branch_id"),)

    year: int
    committee_id: str = Field(foreign_key="committee.id")
    branch_id: str | None = Field(default=None, foreign_key="branch.id")
    total: int = 0
    new_employment: int = 0  # of which reserved for the new employment groups
    note: str = Field(default="", max_length=200)


# -- authority: checked before a local write and for every change on sync import -----------------
def _event_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    step = data.get("step")
    if op != "insert" or step is None:
        return None
    allowed = STEP_ROLES.get(step)
    if allowed is None:
        return f"未知的党员发展步骤：{step}"
    if role not in allowed:
        return f"{label(ROLES, role)}节点无权办理党员发展步骤「{STEPS[step].label}」"
    return None


def _attachment_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    if role in ("branch", "committee", "centre"):
        return None
    return f"{label(ROLES, role)}节点无权上传党员发展材料"


def _quota_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    if role in COMMITTEE_ROLES:
        return None
    return f"{label(ROLES, role)}节点无权下达发展党员计划"


authority.register("development_event", _event_rule)
authority.register("development_attachment", _attachment_rule)
authority.register("development_quota", _quota_rule)
