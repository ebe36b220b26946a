"""Row identity and the sync kind of every table.

Every table carries a random UUID string key. A table declares how it syncs:

* ``SYNC = "mutable"`` — master data; each field is a last-writer-wins register and a delete is the
  ``deleted`` tombstone field (rows are never removed).
* ``SYNC = "append"`` — workflow history (reviews, status events, ledger entries); rows are inserted
  once and never updated or deleted.
* ``SYNC = "local"`` — this installation's own bookkeeping (change log, clock, peers); not synced.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


def table_of(model: type[SQLModel]) -> sa.Table:
    """The table behind a model class (SQLModel sets ``__table__`` without declaring it)."""
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return table


class Entity(SQLModel):
    SYNC: ClassVar[str] = "mutable"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)


class MutableEntity(Entity):
    """Master data: editable, soft-deleted."""

    deleted: bool = Field(default=False, index=True)


class Event(Entity):
    """Append-only workflow history."""

    SYNC: ClassVar[str] = "append"
