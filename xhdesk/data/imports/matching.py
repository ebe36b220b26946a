"""Matching checked rows to what is registered, and to each other.

A row matches a registered record by the kind's first complete match key (persons: the ID number,
else name + phone). A row with the same key as an earlier row of the file is a duplicate inside the
file and is not imported. What a match changes depends on the mode the user picked for it: skip,
fill (only the fields still empty), or overwrite (every field the row fills). A blank cell never
erases anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.imports.checking import Line
from xhdesk.data.imports.columns import Kind

MODES = {"skip": "跳过", "fill": "补全空白字段", "overwrite": "覆盖"}
DERIVED = {"name": ("name_pinyin", "name_initials"), "id_number": ("birth_date", "gender")}
CHUNK = 500


def _key(kind_key: tuple[str, ...], values: dict[str, Any]) -> tuple | None:
    if len(kind_key) == 1:
        value = values.get(kind_key[0])
        return None if value is None or value == "" else (value,)
    parts = tuple([values.get(k) for k in kind_key])
    return parts if all(p not in (None, "") for p in parts) else None


def _index(conn: sa.Connection, kind: Kind) -> list[dict[tuple, str]]:
    """For each match key: key values → id of the live registered row."""
    table = kind.model.__table__  # type: ignore[attr-defined]
    names = sorted({k for key in kind.match_keys for k in key})
    indexes: list[dict[tuple, str]] = [{} for _ in kind.match_keys]
    stmt = sa.select(table.c.id, *[table.c[n] for n in names]).where(table.c.deleted == sa.false())
    for row in conn.execute(stmt):
        values = dict(zip(names, row[1:], strict=True))
        for index, key in zip(indexes, kind.match_keys, strict=True):
            k = _key(key, values)
            if k is not None:
                index.setdefault(k, row[0])
    return indexes


def match_lines(conn: sa.Connection, kind: Kind, lines: list[Line]) -> None:
    """Set each line's outcome: error, duplicate, match (with ``existing_id``) or new.

    A row repeats an earlier one when its first complete key is the same, or when it matches the
    registered record an earlier row already matched.
    """
    indexes = _index(conn, kind)
    seen: dict[tuple, int] = {}
    claimed: dict[str, int] = {}
    for line in lines:
        line.existing_id = line.duplicate_of = None
        if line.errors:
            line.outcome = "error"
            continue
        keys = [_key(key, line.values) for key in kind.match_keys]
        first = next(((i, k) for i, k in enumerate(keys) if k is not None), None)
        found = next((ix[k] for ix, k in zip(indexes, keys, strict=True) if k in ix), None)
        earlier = seen.get(first) if first else None
        if earlier is None and found is not None:
            earlier = claimed.get(found)
        if earlier is not None:
            line.outcome, line.duplicate_of = "duplicate", earlier
            continue
        if first is not None:
            seen[first] = line.number
        if found is not None:
            claimed[found] = line.number
        line.outcome, line.existing_id = ("match", found) if found else ("new", None)


def load_existing(conn: sa.Connection, kind: Kind, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The current field values of the matched rows."""
    table = kind.model.__table__  # type: ignore[attr-defined]
    ids = list(ids)
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for row in conn.execute(sa.select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = dict(row)
    return out


def _empty(value: Any) -> bool:
    return value is None or value == ""


def changes_for(kind: Kind, line: Line, existing: dict[str, Any], mode: str) -> dict[str, Any]:
    """The fields a match would change under ``mode`` (derived fields follow their source)."""
    if mode == "skip":
        return {}
    if mode not in MODES:
        raise ValidationError(f"匹配处理方式应为 {'、'.join(MODES)} 之一。")
    sources = {f.key for f in kind.fields}
    out: dict[str, Any] = {}
    for key, value in line.values.items():
        if key not in sources or _empty(value) or existing.get(key) == value:
            continue
        if mode == "fill" and not _empty(existing.get(key)):
            continue
        out[key] = value
        for derived in DERIVED.get(key, ()) if kind.name == "persons" else ():
            if derived in line.values and existing.get(derived) != line.values[derived]:
                out[derived] = line.values[derived]
    return out
