"""Table listings over SQL: filter, search, sort and page in the database.

A ``Listing`` names its columns and builds one SELECT; the UI's table model asks it for a count and
for one page of light row tuples at a time, never for every row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Protocol

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_id_number, mask_phone
from xhdesk.data.core.vocab import label


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    expr: Any  # SQL expression
    kind: str = "text"  # text / int / date / id_number / phone / label
    sort_expr: Any = None  # e.g. pinyin for a Chinese name; a tuple sorts by several columns
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


class KeyIndex(Protocol):
    """Rowids of a listing held in memory, valid until the file changes."""

    def row_keys(
        self, store: Store, criteria: Criteria, limit: int | None, listing: Listing
    ) -> list[int] | None:
        """The rowids for ``criteria`` in display order, or None where SQL must answer."""

    def is_current(self, store: Store) -> bool:
        """Whether what is held still describes the file."""

    def refresh(self, store: Store, listing: Listing, columns: list[str]) -> None:
        """Read again what changed, and the orders of ``columns`` (slow: in the background)."""


SMALL_RESULT = 3000


@dataclass
class Listing:
    name: str
    table: Any  # the main table (with id and deleted columns)
    columns: list[Column]
    from_clause: Any
    search: Callable[[str], Any] | None = None
    filters: dict[str, FilterFn] = field(default_factory=dict)
    default_sort: str | None = None
    # Counting and picking a page's rows need the joins only when a filter, the search or the sort
    # looks at a joined table; SQLite does not drop unused LEFT JOINs from these queries itself.
    join_filters: frozenset[str] = frozenset()
    search_joins: bool = False
    # Rowids held in memory for some criteria (the persons: xhdesk/data/registry/search_index.py);
    # None where SQL must answer.
    key_index: KeyIndex | None = None

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

    def _active_filters(self, criteria: Criteria) -> set[str]:
        return {k for k, v in criteria.filters.items() if v not in (None, "", "all")}

    def _needs_join(self, criteria: Criteria, sort_expr: Any = None) -> bool:
        if self._active_filters(criteria) & self.join_filters:
            return True
        if self.search_joins and criteria.search.strip():
            return True
        return sort_expr is not None and getattr(sort_expr, "table", None) is not self.table

    def count(self, store: Store, criteria: Criteria) -> int:
        source = self.from_clause if self._needs_join(criteria) else self.table
        stmt = sa.select(sa.func.count()).select_from(source).where(*self._where(criteria))
        with store.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def total(self, store: Store) -> int:
        """All live rows, whatever the filters (for "共 N 人")."""
        return self.count(store, Criteria())

    def _order(self, criteria: Criteria, matched: int | None) -> tuple[Any, list[Any]]:
        """(the main sort expression, the ORDER BY list); rowid breaks ties so pages never overlap.

        A column's ``sort_expr`` may be a tuple (the columns of an index, in order), so that the
        whole ORDER BY is the index order and SQLite needs no sort at all.
        """
        key = criteria.sort_key or self.default_sort
        rowid: sa.ColumnElement[Any] = sa.literal_column(f"{self.table.name}.rowid")
        if not key:
            return None, [rowid]
        col = self.column(key)
        exprs = col.sort_expr if col.sort_expr is not None else col.expr
        exprs = tuple(exprs) if isinstance(exprs, tuple | list) else (exprs,)
        if matched is not None and matched <= SMALL_RESULT and self._active_filters(criteria):
            # not indexable: the planner picks the filter's own index and sorts the few rows
            exprs = (exprs[0].op("||")(""), *exprs[1:])
        order = [e.desc() if criteria.descending else e.asc() for e in exprs]
        return exprs[0], [*order, rowid.desc() if criteria.descending else rowid.asc()]

    def _picker(self, criteria: Criteria, matched: int | None) -> tuple[Any, list[Any]]:
        """SELECT of the ordered rowids matching ``criteria`` (from the main table alone if it can)."""
        sort_expr, order = self._order(criteria, matched)
        rowid: sa.ColumnElement[Any] = sa.literal_column(f"{self.table.name}.rowid")
        source = self.from_clause if self._needs_join(criteria, sort_expr) else self.table
        return sa.select(rowid).select_from(source).where(*self._where(criteria)), order

    def row_keys(
        self, store: Store, criteria: Criteria, limit: int | None = None, matched: int | None = None
    ) -> list[int]:
        """The rowids of the (first ``limit``) matching rows, in display order.

        A listing with a ``key_index`` answers from memory where it can; otherwise, for the
        persons, they are read straight from the covering index ``ix_person_live_order``. A table
        model that holds these keys reads any page later by key (:meth:`rows_for`).
        """
        if self.key_index is not None and matched is None:
            keys = self.key_index.row_keys(store, criteria, limit, self)
            if keys is not None:
                return keys
        return self.sql_row_keys(store, criteria, limit, matched)

    def sql_row_keys(
        self, store: Store, criteria: Criteria, limit: int | None = None, matched: int | None = None
    ) -> list[int]:
        """:meth:`row_keys` from SQL alone, read by the driver's own cursor (100,000 rowids
        through SQLAlchemy's row objects take seconds)."""
        picker, order = self._picker(criteria, matched)
        stmt = picker.order_by(*order)
        if limit is not None:
            stmt = stmt.limit(limit)
        with store.engine.connect() as conn:
            compiled = stmt.compile(conn, compile_kwargs={"render_postcompile": True})
            params = tuple(compiled.params[name] for name in compiled.positiontup or ())
            cursor = conn.connection.dbapi_connection.execute(str(compiled), params)  # type: ignore[union-attr]
            return [row[0] for row in cursor]

    @cached_property
    def _rows_by_rowid(self) -> sa.Select:
        """The rows of a list of rowids (``keys``): built once, since a table asks on every
        keystroke and building a statement of fifty literals costs more than running it."""
        rowid: sa.ColumnElement[Any] = sa.literal_column(f"{self.table.name}.rowid")
        return (
            sa.select(rowid, self.table.c.id, *[c.expr for c in self.columns])
            .select_from(self.from_clause)
            .where(rowid.in_(sa.bindparam("keys", expanding=True)))
        )

    def rows_for(self, store: Store, keys: list[int]) -> list[tuple]:
        """(id, value per column…) of the rows with these rowids, in the order of ``keys``."""
        if not keys:
            return []
        with store.engine.connect() as conn:
            found = {r[0]: tuple(r[1:]) for r in conn.execute(self._rows_by_rowid, {"keys": keys})}
        return [found[k] for k in keys if k in found]

    def page(
        self,
        store: Store,
        criteria: Criteria,
        offset: int,
        limit: int,
        matched: int | None = None,
    ) -> list[tuple]:
        """Rows ``offset``..``offset+limit``: (id, value per column…).

        Two steps: the rowids of the page are picked from the main table alone (for the persons,
        straight from the covering index), then only those rows are joined and read. ``matched``
        is the count of the same criteria, if known: a small result picked out by a filter is
        found through that filter's own index and sorted instead of walking the order index.
        """
        picker, order = self._picker(criteria, matched)
        rowid: sa.ColumnElement[Any] = sa.literal_column(f"{self.table.name}.rowid")
        stmt = (
            sa.select(self.table.c.id, *[c.expr for c in self.columns])
            .select_from(self.from_clause)
            .where(rowid.in_(picker.order_by(*order).offset(offset).limit(limit)))
            .order_by(*order)
        )
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt).all()]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def like_escape(text: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", text)


def display_value(column: Column, value: Any) -> str:
    """How a value looks in a table and in an export: dates 2026-11-28, masked IDs and phones."""
    if value is None:
        return ""
    if column.kind == "id_number":
        return mask_id_number(value)
    if column.kind == "phone":
        return mask_phone(value)
    if column.kind == "label" and column.vocabulary is not None:
        return label(column.vocabulary, value)
    if column.kind == "int":
        return f"{int(value):,}"
    if column.kind == "number":
        return f"{float(value):,.1f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind == "date" and isinstance(value, str):
        return value[:10]
    return str(value)


def is_numeric(column: Column) -> bool:
    return column.kind in ("int", "number")


def display_rows(
    store: Store, listing: Listing, criteria: Criteria, limit: int, page_size: int = 1000
) -> list[list[str]]:
    """The first ``limit`` rows as the table shows them (for a printed roster)."""
    total = min(listing.count(store, criteria), limit)
    rows: list[list[str]] = []
    while len(rows) < total:
        page = listing.page(store, criteria, len(rows), min(page_size, total - len(rows)), total)
        if not page:
            break
        rows += [
            [display_value(c, v) for c, v in zip(listing.columns, r[1:], strict=True)] for r in page
        ]
    return rows
