"""Sync bookkeeping: peers, signed ranges, conflicts, quarantine, imported packages (all local)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class SyncPeer(SQLModel, table=True):
    """Another installation we exchanged packages with, and what it last said it has."""

    __tablename__ = "sync_peer"
    SYNC: ClassVar[str] = "local"
    node_id: str = Field(primary_key=True, max_length=36)
    name: str = Field(default="", max_length=60)
    role: str = Field(default="", max_length=20)
    vector: str = Field(default="{}")  # JSON origin → highest contiguous seq the peer reported
    vector_hlc: int = 0  # created HLC of the package that reported ``vector``
    last_exchange: datetime | None = None
    last_direction: str = Field(default="", max_length=10)  # import / export


class SyncRange(SQLModel, table=True):
    """A run of one origin's changes with the origin's signature, kept so they can be relayed."""

    __tablename__ = "sync_range"
    SYNC: ClassVar[str] = "local"
    origin: str = Field(primary_key=True, max_length=36)
    first: int = Field(primary_key=True)
    last: int = Field(primary_key=True)
    sha256: str = Field(max_length=64)
    signature: str = Field(max_length=100)


class SyncConflict(SQLModel, table=True):
    """A concurrent edit (or an edit concurrent with a delete) that a person should look at."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_row", "tbl", "row_id"),)
    SYNC: ClassVar[str] = "local"
    id: str = Field(primary_key=True, max_length=64)  # hash of (tbl, row, field, loser)
    tbl: str = Field(max_length=40)
    row_id: str = Field(max_length=36)
    field: str = Field(max_length=60)
    kind: str = Field(default="field", max_length=10)  # field / delete
    winner_origin: str = Field(max_length=36)
    winner_seq: int
    winner_hlc: int
    winner_value: str
    winner_author: str = Field(default="", max_length=30)
    loser_origin: str = Field(max_length=36)
    loser_seq: int
    loser_hlc: int
    loser_value: str
    loser_author: str = Field(default="", max_length=30)
    status: str = Field(default="open", max_length=10, index=True)  # open / resolved
    detected_at: datetime | None = None
    resolved_at: datetime | None = None


class SyncQuarantine(SQLModel, table=True):
    """A change refused on import because its origin's role may not make it; never applied."""

    __tablename__ = "sync_quarantine"
    SYNC: ClassVar[str] = "local"
    origin: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    tbl: str = Field(max_length=40)
    row_id: str = Field(max_length=36)
    line: str  # the change exactly as signed, so the range can still be relayed and verified
    reason: str = Field(default="", max_length=200)
    package_id: str = Field(default="", max_length=36)
    received_at: datetime | None = None


class SyncPackage(SQLModel, table=True):
    """A package imported here (re-importing one changes nothing)."""

    __tablename__ = "sync_package"
    SYNC: ClassVar[str] = "local"
    id: str = Field(primary_key=True, max_length=36)
    sender: str = Field(max_length=36)
    created_hlc: int
    imported_at: datetime
    received: int = 0
    inserted: int = 0
    updated: int = 0
    conflicts: int = 0
    refused: int = 0
    note: str = Field(default="")


class SyncRedacted(SQLModel, table=True):
    """A change held here only with a person's personal fields masked (data by place): it is
    never relayed, and is replaced by the full change when the person enters this node's place."""

    __tablename__ = "sync_redacted"
    SYNC: ClassVar[str] = "local"
    origin: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    row_id: str = Field(max_length=36, index=True)


class SyncPeerRedacted(SQLModel, table=True):
    """A person row whose personal fields were sent masked to a peer (outside its place): when
    the person enters the peer's place, the next package to it brings the full changes."""

    __tablename__ = "sync_peer_redacted"
    SYNC: ClassVar[str] = "local"
    peer_id: str = Field(primary_key=True, max_length=36)
    row_id: str = Field(primary_key=True, max_length=36)
