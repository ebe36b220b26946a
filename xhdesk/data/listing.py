"""Table listings over SQL: filter, search, sort and page in the database.

A ``Listing`` names its columns and builds one SELECT; the UI's table model asks it for a count and
for one page of light row tuples at a time, never for every row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from xhdesk.data.store import Store


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    expr: Any  # SQL expression
    kind: str = "text"  # text / int / date / id_number / phone / label
    sort_expr: Any = None  # e.g. pinyin for a Chinese name
    width: int = 100
    vocabulary: dict[str, str] | None = None


@dataclass
class Criteria:
    """What the person asked for: search text, filters (key → value), sort, recycle bin."""

    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False
    deleted: bool = False  # True lists the recycle bin


FilterFn = Callable[[Any], Any]  # value → WHERE clause


@dataclass
class Listing:
    name: str
    table: Any  # the main table (with id and deleted columns)
    columns: list[Column]
    from_clause: Any
    search: Callable[[str], Any] | None = None
    filters: dict[str, FilterFn] = field(default_factory=dict)
    default_sort: str | None = None

    def _where(self, criteria: Criteria) -> list[Any]:
        clauses: list[Any] = [self.table.c.deleted == criteria.deleted]
        text = criteria.search.strip()
        if text and self.search is not None:
            clauses.append(self.search(text))
        for key, value in criteria.filters.items():
            if value in (None, "", "all"):
                continue
            clauses.append(self.filters[key](value))
        return clauses

    def count(self, store: Store, criteria: Criteria) -> int:
        stmt = (
            sa.select(sa.func.count()).select_from(self.from_clause).where(*self._where(criteria))
        )
        with store.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def total(self, store: Store) -> int:
        """All live rows, whatever the filters (for "共 N 人")."""
        return self.count(store, Criteria())

    def page(self, store: Store, criteria: Criteria, offset: int, limit: int) -> list[tuple]:
        """Rows ``offset``..``offset+limit``: (id, value per column…)."""
        key = criteria.sort_key or self.default_sort
        order: list[Any] = []
        if key:
            col = next(c for c in self.columns if c.key == key)
            expr = col.sort_expr if col.sort_expr is not None else col.expr
            order.append(expr.desc() if criteria.descending else expr.asc())
        order.append(self.table.c.id)
        stmt = (
            sa.select(self.table.c.id, *[c.expr for c in self.columns])
            .select_from(self.from_clause)
            .where(*self._where(criteria))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt).all()]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def like_escape(text: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", text)
