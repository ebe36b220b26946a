"""Installations (nodes), users, and the change log that is both sync feed and audit trail."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from xhdesk.data.models.base import MutableEntity


class Node(MutableEntity, table=True):
    """One installation, as known to the node registry."""

    name: str = Field(max_length=60)
    role: str = Field(max_length=20)  # centre / committee / branch / station
    public_key: str = Field(default="", max_length=100)  # Ed25519, base64
    committee_id: str | None = Field(default=None, foreign_key="committee.id")
    branch_id: str | None = Field(default=None, foreign_key="branch.id")
    station_id: str | None = Field(default=None, foreign_key="station.id")


class User(MutableEntity, table=True):
    """A person who works at an installation's keyboard."""

    __tablename__ = "app_user"

    name: str = Field(max_length=30)
    node_id: str = Field(foreign_key="node.id", index=True)
    title: str = Field(default="", max_length=30)


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
        Index("ix_change_row", "tbl", "row_id"),
        Index("ix_change_hlc", "hlc"),
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
