"""Shared write helpers for master data: update fields, soft delete and restore."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlmodel import SQLModel, select

from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import MutableEntity

M = TypeVar("M", bound=SQLModel)


def get_live(uow_or_session: Any, model: type[M], row_id: str, what: str = "记录") -> M:
    """The row, or NotFoundError if it does not exist or is in the recycle bin."""
    session = getattr(uow_or_session, "session", uow_or_session)
    obj = session.get(model, row_id)
    if obj is None or getattr(obj, "deleted", False):
        raise NotFoundError(f"{what}不存在或已删除。")
    return obj


def apply_fields(obj: SQLModel, values: dict[str, Any]) -> None:
    """Set only the fields whose value differs, so the change log records real edits only."""
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)


def set_deleted(
    store: Store,
    model: type[MutableEntity],
    ids: Iterable[str],
    deleted: bool,
    author: str | None = None,
) -> Changes:
    """Move rows to the recycle bin (``deleted=True``) or restore them. Nothing is ever removed."""
    ids = list(ids)
    with store.unit_of_work(author) as uow:
        rows = uow.session.exec(select(model).where(model.id.in_(ids))).all()  # type: ignore[attr-defined]
        if len(rows) != len(set(ids)):
            raise NotFoundError("要操作的记录不存在。")
        for row in rows:
            if row.deleted != deleted:
                row.deleted = deleted
    return uow.changes


def update_record(
    uow: UnitOfWork, model: type[M], row_id: str, values: dict[str, Any], what: str = "记录"
) -> M:
    obj = get_live(uow, model, row_id, what)
    apply_fields(obj, values)
    return obj
