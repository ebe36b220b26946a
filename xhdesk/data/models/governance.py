"""Governance reports (随手拍 / 隐患排查): a 五员 member's report and its append-only life.

A report is written once at the station; everything after — forwarded to a department, accepted,
resolved, declined — is a :class:`ReportEvent`, and the state is derived from them
(``xhdesk.data.governance.flow``). Photos are stored in the database so that they travel with sync.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, LargeBinary
from sqlmodel import Field

from xhdesk.data.core import authority
from xhdesk.data.models.base import Event


class GovernanceReport(Event, table=True):
    """随手拍 — what the reporter saw, as taken at the station."""

    __tablename__ = "governance_report"

    number: str = Field(max_length=32, index=True)  # SP-20261128-S07-003
    person_id: str = Field(foreign_key="person.id", index=True)
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    kind: str = Field(max_length=20, index=True)  # hazard / traffic / environment / …
    place: str = Field(max_length=120)
    description: str = Field(max_length=1000)
    reported_at: datetime = Field(sa_type=DateTime, index=True)  # local wall-clock time
    taken_by: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)


class ReportPhoto(Event, table=True):
    """A photo of a report (or any evidence file), with its hash for the package check."""

    __tablename__ = "report_photo"

    report_id: str = Field(foreign_key="governance_report.id", index=True)
    filename: str = Field(max_length=120)
    mime: str = Field(default="application/octet-stream", max_length=60)
    size: int = 0
    sha256: str = Field(default="", max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_by: str = Field(default="", max_length=30)


class ReportEvent(Event, table=True):
    """One step of a report (forwarded, accepted, resolved, declined)."""

    __tablename__ = "report_event"
    __table_args__ = (Index("ix_report_event_report_at", "report_id", "at"),)

    report_id: str = Field(foreign_key="governance_report.id")
    kind: str = Field(max_length=16, index=True)
    at: datetime = Field(sa_type=DateTime)  # local wall-clock time
    author: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    department_id: str | None = Field(default=None, foreign_key="department.id")
    due_on: date | None = None  # forwarded: the department's working-day deadline
    text: str = Field(default="", max_length=1000)
    declaration_id: str | None = Field(default=None, max_length=36)  # accepted: the points


# -- checks on sync import: a photo must be what its hash says, and within the size cap ---------
MAX_PHOTO_BYTES = 2 * 1024 * 1024  # the same cap as xhdesk.data.governance.vocab


def _photo_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    if op != "insert":
        return None
    raw = data.get("data")
    if isinstance(raw, dict):
        try:
            raw = base64.b64decode(str(raw.get("b64", "")), validate=True)
        except (ValueError, binascii.Error):
            return "随手拍照片的内容无法解码"
    if not isinstance(raw, bytes | bytearray):
        return "随手拍照片缺少内容"
    if len(raw) > MAX_PHOTO_BYTES:
        return f"随手拍照片超过{MAX_PHOTO_BYTES // (1024 * 1024)}MB"
    if hashlib.sha256(raw).hexdigest() != data.get("sha256"):
        return "随手拍照片与其校验值不符（传输中损坏或被改动）"
    return None


authority.register("report_photo", _photo_rule)
