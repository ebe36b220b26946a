"""Merging changes into rows: per-field last writer wins by (HLC, origin), union for events.

A row's content is a pure function of the set of changes to it: fold them in (HLC, origin) order,
each change overwriting the fields it wrote. A row is materialised once its insert is known (an
update may arrive first; it waits in the change log). Append-only rows have only their insert, so
the same fold is their union. The result does not depend on the order packages arrive in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from xhdesk.data.core.encoding import decode_value
from xhdesk.data.models import synced_models
from xhdesk.data.sync.conflicts import find_conflicts, store_conflicts
from xhdesk.data.sync.writes import TOUCHED, Write, driver, fill_touched, logged_writes


@dataclass
class MergeResult:
    inserted: int = 0
    updated: int = 0
    new_conflicts: int = 0
    pending: int = 0  # rows whose insert has not arrived yet
    touched: dict[str, set[str]] = field(default_factory=dict)


class TableCodec:
    """Turns folded change data into the values SQLite stores for one table."""

    def __init__(self, model: type[SQLModel], dialect: sa.Dialect) -> None:
        table = model.__table__  # type: ignore[attr-defined]
        self.name: str = table.name
        self.columns = [c.name for c in table.columns]
        self.defaults = {
            name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items()
            if name in self.columns and not info.is_required()
        }
        self.converters = [(c.name, _converter(c.type, dialect)) for c in table.columns]
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        sets = ", ".join(f'"{c}" = ?' for c in self.columns if c != "id")
        self.insert_sql = f'INSERT INTO "{self.name}" ({cols}) VALUES ({marks})'
        self.update_sql = f'UPDATE "{self.name}" SET {sets} WHERE id = ?'
        self.select_sql = (
            f'SELECT {cols} FROM "{self.name}" WHERE id IN (SELECT row_id FROM {TOUCHED})'
        )

    def values(self, state: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        get, defaults = state.get, self.defaults
        for name, convert in self.converters:
            value = get(name, defaults.get(name))
            if convert is not None and value is not None:
                value = convert(value)
            out.append(value)
        return tuple(out)

    def update_params(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        pairs = [v for c, v in zip(self.columns, values, strict=True) if c != "id"]
        return (*pairs, values[self.columns.index("id")])


def _converter(col_type: sa.types.TypeEngine, dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    """Encoded change value → the value SQLite stores (None: stored as it is, e.g. text)."""
    proc = col_type.bind_processor(dialect)
    base = getattr(col_type, "impl", col_type)  # sqlmodel's AutoString decorates String
    if proc is None and isinstance(base, sa.String | sa.Integer | sa.Float):
        return None

    def convert(value: Any) -> Any:
        value = decode_value(col_type, value)
        return proc(value) if proc is not None else value

    return convert


def fold(writes: list[Write]) -> dict[str, Any] | None:
    """The row's fields after every write, last writer wins; None until its insert is known."""
    if not any(w.op == "insert" for w in writes):
        return None
    state: dict[str, Any] = {}
    for w in writes:
        state.update(w.data)
    return state


def _several_origins(writes: list[Write]) -> bool:
    """Whether the writes come from more than one origin (:func:`find_conflicts` pairs writes of
    two origins only)."""
    first = writes[0].origin
    return any(w.origin != first for w in writes)


def merge(conn: sa.Connection, new: dict[str, dict[str, list[Write]]]) -> MergeResult:
    """Apply new writes (not yet in the change log) to the rows; call before logging them."""
    result = MergeResult()
    models = synced_models()
    dialect = conn.dialect
    for tbl, rows in new.items():
        result.touched[tbl] = set(rows)
        model = models.get(tbl)
        if model is None:
            continue  # a table from a newer version: the changes wait in the log
        codec = TableCodec(model, dialect)
        append = getattr(model, "SYNC", "") == "append"
        fill_touched(conn, rows)
        old = logged_writes(conn, tbl)
        current = {r[0]: r for r in driver(conn).execute(codec.select_sql)}
        inserts, updates, found = [], [], []
        for row_id, fresh in rows.items():
            writes = sorted(old.get(row_id, []) + fresh, key=Write.order)
            state = fold(writes)
            if state is None:
                result.pending += 1
                continue
            state["id"] = row_id
            values = codec.values(state)
            before = current.get(row_id)
            if before is None:
                inserts.append(values)
            elif before != values:
                updates.append(codec.update_params(values))
            if len(writes) > 1 and not append and _several_origins(writes):
                found.extend(find_conflicts(tbl, row_id, writes))
        if inserts:
            conn.exec_driver_sql(codec.insert_sql, inserts)
        if updates:
            conn.exec_driver_sql(codec.update_sql, updates)
        result.inserted += len(inserts)
        result.updated += len(updates)
        result.new_conflicts += store_conflicts(conn, tbl, rows, found)
    return result
