"""Installations (nodes), users, and the change log that is both sync feed and audit trail."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from xhdesk.data.models.base import Event, MutableEntity


class Node(MutableEntity, table=True):
    """One installation, as known to the node registry."""

    name: str = Field(max_length=60)
    role: str = Field(max_length=20)  # centre / committee / branch / station
    public_key: str = Field(default="", max_length=100)  # Ed25519, base64
    committee_id: str | None = Field(default=None, foreign_key="committee.id")
    branch_id: str | None = Field(default=None, foreign_key="branch.id")
    station_id: str | None = Field(default=None, foreign_key="station.id")


class User(MutableEntity, table=True):
    """A person who works at an installation's keyboard (an account of that node).

    The account syncs, so that every node can say who made a change; its password does not (see
    :class:`Credential`).
    """

    __tablename__ = "app_user"

    name: str = Field(max_length=30)
    node_id: str = Field(foreign_key="node.id", index=True)
    title: str = Field(default="", max_length=30)
    login: str = Field(default="", max_length=30, index=True)
    role: str = Field(default="secretary", max_length=20)  # admin / secretary / viewer


class Credential(SQLModel, table=True):
    """A local account's password hash and lockout state: never synced, never leaves the PC."""

    SYNC: ClassVar[str] = "local"
    user_id: str = Field(primary_key=True, max_length=36)
    password_hash: str = Field(max_length=200)
    failed: int = Field(default=0)
    locked_until: str = Field(default="", max_length=32)  # ISO time in UTC, "" when not locked
    changed_at: str = Field(default="", max_length=32)


class AuditEvent(Event, table=True):
    """Something a user did that writes no record but belongs in the audit trail (an export of
    full ID numbers and phones, for instance). Recorded through the unit of work, so it syncs."""

    __tablename__ = "audit_event"

    kind: str = Field(max_length=30)
    what: str = Field(default="", max_length=200)
    count: int = Field(default=0)
    node_id: str = Field(default="", max_length=36)


class LocalState(SQLModel, table=True):
    """This installation's own settings and counters (never synced)."""

    __tablename__ = "local_state"
    SYNC: ClassVar[str] = "local"
    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(default="")


class Change(SQLModel, table=True):
    """One row write: which fields of which row took which values, when, where and by whom.

    ``origin``/``seq`` identify the change across all nodes; ``hlc`` orders it. ``data`` holds the
    written fields as canonical JSON; ``prev`` (updates only) maps each field to the HLC of the
    value it replaced here, so concurrent edits can be told from sequential ones.
    """

    __tablename__ = "change"
    __table_args__ = (
        # a row's changes (the fold, 操作日志 of one record newest first) and a table's (0020)
        Index("ix_change_row", "tbl", "row_id", "hlc"),
        Index("ix_change_hlc", "hlc"),
        Index("ix_change_author_hlc", "author", "hlc"),  # 操作日志 filtered by user
    )
    SYNC: ClassVar[str] = "local"
    origin: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    hlc: int
    tbl: str = Field(max_length=40)
    row_id: str = Field(max_length=36)
    op: str = Field(max_length=8)  # insert / update
    data: str
    prev: str | None = None
    author: str = Field(default="", max_length=30)
