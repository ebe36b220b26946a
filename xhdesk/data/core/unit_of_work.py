"""The one way to write.

Every write happens inside :meth:`Store.unit_of_work`. The unit of work opens a ``BEGIN IMMEDIATE``
transaction, and a flush hook records every inserted or updated row of a synced table in the change
log — in the same transaction — with an HLC stamp, the node and the author. A flush of a synced table
from a session that is not a unit of work, a hard delete, or an update to an append-only row is a
bug and raises :class:`WriteRuleViolation`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
import sqlmodel
from pydantic_core import PydanticUndefined
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from xhdesk.data.core.causality import heads
from xhdesk.data.core.clock import HybridClock
from xhdesk.data.core.encoding import dumps
from xhdesk.data.models import Change
from xhdesk.data.models.base import MutableEntity, table_of


class Writer(Protocol):
    """What a unit of work needs of the store that opened it (``Store`` is the one writer).

    Declared here rather than imported, so that the store and the unit of work do not import
    each other.
    """

    node_id: str
    node_name: str
    node_role: str
    clock: HybridClock
    seq: int
    write_guard: Any  # Callable[[str], None] | None: raises if the signed-in user may not write
    place: Any  # xhdesk.data.core.places.Place: the unit this node serves (writes stay inside it)

    @property
    def origin(self) -> str: ...

    def save_counters(self, conn: sa.Connection) -> None: ...


ModelT = TypeVar("ModelT", bound=SQLModel)

ROW_VERSION = "_row"  # key in ``prev`` of a delete/restore: the row version it replaced


class WriteRuleViolation(RuntimeError):
    """A write that bypasses the change log (a programming error, never a user error)."""


@dataclass
class Changes:
    """What a unit of work changed: the value write services return and the UI refreshes from."""

    inserted: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    row_ids: set[str] = field(default_factory=set)

    @property
    def tables(self) -> set[str]:
        return set(self.inserted) | set(self.updated)

    def touches(self, *tables: str) -> bool:
        return bool(self.tables & set(tables))

    def __bool__(self) -> bool:
        return bool(self.inserted or self.updated)


@dataclass(slots=True)
class _Logged:
    origin: str
    seq: int
    hlc: int
    data: dict[str, Any]
    prev: dict[str, Any]


def _field_defaults(model: type[SQLModel]) -> dict[str, Any]:
    """Column name → zero-argument callable giving the field's default (id factory included)."""
    columns = {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in columns:
            continue
        if info.default_factory is not None:
            out[name] = info.default_factory
        elif info.default is not PydanticUndefined:  # a required field stays required
            out[name] = lambda value=info.default: value
    return out


def _column_values(obj: SQLModel) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in inspect(type(obj)).column_attrs}


class UnitOfWork:
    """A write transaction that records every change. Use via ``store.unit_of_work()``."""

    def __init__(self, store: Writer, session: sqlmodel.Session, author: str) -> None:
        self.store = store
        self.session = session
        self.author = author
        self.changes = Changes()
        self._pending: list[dict[str, Any]] = []
        self._inserted: dict[tuple[str, str], dict[str, Any]] = {}  # rows of this write, for places
        session.info["uow"] = self

    # -- writing -------------------------------------------------------------------------------
    def add(self, obj: ModelT) -> ModelT:
        self.session.add(obj)
        return obj

    def add_all(self, objs: Iterable[SQLModel]) -> None:
        self.session.add_all(list(objs))

    def flush(self) -> None:
        self.session.flush()

    def insert_many(self, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
        """Bulk insert plain dicts (demo data, imports) through the same change log."""
        if self.store.write_guard is not None:
            self.store.write_guard(table_of(model).name)
        if not rows:
            return
        table = model.__table__  # type: ignore[attr-defined]
        defaults = _field_defaults(model)
        complete = []
        for row in rows:
            values = dict(row)
            for name, default in defaults.items():
                if name not in values:
                    values[name] = default()  # same defaults (and fresh ids) as the ORM path
            complete.append(values)
        self.session.flush()
        _executemany(self.session.connection(), table, complete)
        for values in complete:
            self._record(table.name, values["id"], "insert", values, None)
        self.write_log()

    # -- change capture ------------------------------------------------------------------------
    def _record(
        self, tbl: str, row_id: str, op: str, data: dict[str, Any], prev: dict | None
    ) -> None:
        store = self.store
        place = getattr(store, "place", None)
        if place is not None and not place.everything:
            self._check_place(place, tbl, row_id, op, data)
        stamp = store.clock.tick()
        store.seq += 1
        self._pending.append(
            {
                "origin": store.origin,
                "seq": store.seq,
                "hlc": stamp,
                "tbl": tbl,
                "row_id": row_id,
                "op": op,
                "data": dumps(data),
                "prev": json.dumps(prev, sort_keys=True) if prev else None,
                "author": self.author,
            }
        )
        (self.changes.inserted if op == "insert" else self.changes.updated)[tbl] += 1
        self.changes.row_ids.add(row_id)

    def _check_place(self, place: Any, tbl: str, row_id: str, op: str, data: dict) -> None:
        """Refuse a write outside this node's place (the importer applies the same rule)."""
        from xhdesk.data.core.errors import PermissionDenied
        from xhdesk.data.core.places import Lookup, refusal

        if op == "insert":
            self._inserted[(tbl, row_id)] = data
        lookup = Lookup(self.session.connection(), self._inserted)
        reason = refusal(place, lookup, tbl, row_id, op, data)
        if reason:
            raise PermissionDenied(reason + "。")

    def _field_versions(self, tbl: str, row_id: str, fields: Iterable[str]) -> dict[str, Any]:
        """What this node holds as each field's current writes (for causal conflict detection).

        Per field, the ids [[origin, seq], …] of the writes no other write here has replaced —
        one normally, both sides of an open conflict — so a write records what it had seen.
        """
        rows = self.session.connection().execute(
            sa.text(
                "SELECT origin, seq, hlc, op, data, prev FROM change WHERE tbl = :t AND row_id = :r"
            ),
            {"t": tbl, "r": row_id},
        )
        writes = [
            _Logged(o, s, h, json.loads(d), json.loads(p) if p else {})
            for o, s, h, _op, d, p in rows
        ]
        return {name: heads(writes, name) or None for name in fields}

    def capture(self, session: Session) -> None:
        """Called before each flush: turn pending ORM writes into change-log rows."""
        for obj in list(session.deleted):
            if getattr(type(obj), "SYNC", "local") != "local":
                raise WriteRuleViolation(
                    f"{type(obj).__name__} rows are never deleted; set deleted=True instead"
                )
        guard = self.store.write_guard
        if guard is not None:
            for obj in list(session.new) + list(session.dirty):
                if getattr(type(obj), "SYNC", "local") != "local":
                    guard(obj.__tablename__)
        for obj in list(session.new):
            kind = getattr(type(obj), "SYNC", "local")
            if kind != "local":
                self._record(obj.__tablename__, obj.id, "insert", _column_values(obj), None)
        for obj in list(session.dirty):
            kind = getattr(type(obj), "SYNC", "local")
            if kind == "local" or not session.is_modified(obj, include_collections=False):
                continue
            state = inspect(obj)
            changed = {}
            for attr in state.mapper.column_attrs:
                hist = state.attrs[attr.key].history
                if (
                    hist.has_changes()
                    and hist.added
                    and hist.added[0] != (hist.deleted or [None])[0]
                ):
                    changed[attr.key] = hist.added[0]
            if not changed:
                continue
            if kind == "append":
                raise WriteRuleViolation(f"{type(obj).__name__} is append-only; insert a new event")
            prev = self._field_versions(obj.__tablename__, obj.id, changed)
            if "deleted" in changed:
                prev[ROW_VERSION] = self._row_version(obj.__tablename__, obj.id)
            self._record(obj.__tablename__, obj.id, "update", changed, prev)

    def _row_version(self, tbl: str, row_id: str) -> int | None:
        """HLC of the latest change to any field of a row here (what a delete or restore saw)."""
        return (
            self.session.connection()
            .execute(
                sa.text("SELECT MAX(hlc) FROM change WHERE tbl = :t AND row_id = :r"),
                {"t": tbl, "r": row_id},
            )
            .scalar()
        )

    def record_rewrite(self, obj: MutableEntity, fields: Iterable[str]) -> None:
        """Record ``fields`` of ``obj`` as written again with their current values.

        A person resolving a sync conflict in favour of the value already shown writes nothing
        new, yet the resolution must travel as a change that has seen both values.
        """
        tbl, names = str(obj.__tablename__), list(fields)
        self.session.flush()
        prev = self._field_versions(tbl, obj.id, names)
        if "deleted" in names:
            prev[ROW_VERSION] = self._row_version(tbl, obj.id)
        self._record(tbl, obj.id, "update", {n: getattr(obj, n) for n in names}, prev)
        self.write_log()

    def write_log(self) -> None:
        """Insert the captured change-log rows (after the flush that wrote the data rows)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        conn = self.session.connection()
        _executemany(conn, table_of(Change), pending)
        self.store.save_counters(conn)


def _executemany(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many dict rows on the driver cursor, each value through its column's bind processor.

    Values are stored exactly as SQLAlchemy would store them; skipping its per-row parameter
    handling makes bulk inserts (demo data, benchmarks) several seconds faster per 100,000 rows.
    """
    dialect = conn.dialect
    columns = list(table.columns)
    processors = [c.type.bind_processor(dialect) for c in columns]
    names = [c.name for c in columns]
    sql = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(dialect.identifier_preparer.quote(n) for n in names)}) VALUES ({', '.join('?' * len(names))})"
    params = [
        tuple(
            value if proc is None or value is None else proc(value)
            for value, proc in zip((row.get(n) for n in names), processors, strict=True)
        )
        for row in rows
    ]
    conn.exec_driver_sql(sql, params)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    uow: UnitOfWork | None = session.info.get("uow")
    if uow is None:
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            if getattr(type(obj), "SYNC", "local") != "local" and (
                obj in session.new or obj in session.deleted or session.is_modified(obj)
            ):
                raise WriteRuleViolation(
                    "writes to synced tables must go through store.unit_of_work()"
                )
        return
    uow.capture(session)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: Any) -> None:
    uow: UnitOfWork | None = session.info.get("uow")
    if uow is not None:
        uow.write_log()
