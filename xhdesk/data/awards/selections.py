"""The year's selections (评选项目): created once per (year, kind), on any node, as the same row."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import select

from xhdesk.data.awards.vocab import AWARD_KINDS, award_kind
from xhdesk.data.core import authority
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import apply_fields, get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.awards import SELECT_ROLES, Award

_NAMESPACE = uuid.UUID("6f1d5c1e-1c0e-4e8e-9d5c-a3b1f0a2c6e6")
EDITABLE = ("issuer", "issued_on", "quota", "note", "title")


def award_id(year: int, kind: str) -> str:
    """The same selection gets the same id on every node, so sync merges rather than duplicates."""
    return str(uuid.uuid5(_NAMESPACE, f"award:{year}:{kind}"))


def _check_year(year: int) -> None:
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(f"年度不正确：{year}")


def open_selections(
    store: Store,
    year: int,
    kinds: list[str] | None = None,
    issuer: str = "",
    issued_on: date | None = None,
    author: str | None = None,
) -> Changes:
    """Create the year's selections that do not exist yet (all six unless ``kinds`` is given)."""
    authority.require_role(store.node_role, SELECT_ROLES, "设立评选项目")
    _check_year(year)
    with store.unit_of_work(author) as uow:
        for code in kinds or list(AWARD_KINDS):
            kind = award_kind(code)
            existing = uow.session.get(Award, award_id(year, code))
            if existing is not None:
                if existing.deleted:
                    existing.deleted = False
                continue
            uow.add(
                Award(
                    id=award_id(year, code),
                    year=year,
                    kind=code,
                    title=f"{year}年度{kind.name}",
                    issuer=issuer or store.node_name,
                    issued_on=issued_on,
                )
            )
    return uow.changes


def update_award(
    store: Store, award: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    """Change the issuer, certificate date, quota, note or title of a selection."""
    authority.require_role(store.node_role, SELECT_ROLES, "修改评选项目")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    with store.unit_of_work(author) as uow:
        apply_fields(get_live(uow, Award, award, "评选项目"), values)
    return uow.changes


def list_awards(store: Store, year: int | None = None) -> list[Award]:
    """Selections (of one year, or all), newest year first, in the fixed order of the kinds."""
    order = list(AWARD_KINDS)
    with store.session() as session:
        stmt = select(Award).where(Award.deleted == False)  # noqa: E712
        if year is not None:
            stmt = stmt.where(Award.year == year)
        rows = list(session.exec(stmt).all())
    return sorted(rows, key=lambda a: (-a.year, order.index(a.kind) if a.kind in order else 99))


def get_award(store: Store, award: str) -> Award:
    with store.session() as session:
        return get_live(session, Award, award, "评选项目")


def award_years(store: Store) -> list[int]:
    with store.session() as session:
        years = session.exec(select(Award.year).where(Award.deleted == False).distinct()).all()  # noqa: E712
    return sorted(years, reverse=True)
