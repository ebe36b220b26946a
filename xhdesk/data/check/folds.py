"""Every synced row against the fold of its change-log entries (last writer wins by HLC, node).

The fold is the merge's own (``xhdesk.data.sync.merge.fold``). A row with one change (an insert:
every append-only row, and master data never edited) is written in SQL as the change log writes it
(canonical JSON) and compared with the logged text, in one pass over the table (or a slice of its
rowids, so that slices can be checked side by side); a row that differs, or has several changes,
is folded in Python and compared. Re-folding a row writes the fold over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import SQLModel

from xhdesk.data.check.findings import FOLD, MISSING_ROW, NO_CHANGES, Finding
from xhdesk.data.core.places import local_place
from xhdesk.data.models import synced_models
from xhdesk.data.sync.merge import TableCodec, fold
from xhdesk.data.sync.slices import masked, persons_inside
from xhdesk.data.sync.writes import TOUCHED, Write, driver, fill_touched, logged_writes


def _logged_form(column: sa.Column) -> str | None:
    """SQL: column ``t.<name>`` as the change log's JSON holds it (None: not expressible)."""
    v = f't."{column.name}"'
    base = getattr(column.type, "impl", column.type)
    if isinstance(base, sa.LargeBinary):
        return None
    if isinstance(base, sa.Boolean):
        return f"json(CASE WHEN {v} IS NULL THEN 'null' WHEN {v} THEN 'true' ELSE 'false' END)"
    if isinstance(base, sa.DateTime):  # 2026-02-22 03:13:00[.ffffff] → 2026-02-22T03:13:00.ffffffZ
        return (
            f"CASE WHEN {v} IS NULL THEN NULL ELSE replace(substr({v}, 1, 19), ' ', 'T') || '.' "
            f"|| substr(substr({v}, 21) || '000000', 1, 6) || 'Z' END"
        )
    return v


def _row_json(model: type[SQLModel]) -> str | None:
    """SQL: the row as canonical change-log JSON (sorted keys), or None if not expressible."""
    columns = sorted(model.__table__.columns, key=lambda c: c.name)  # type: ignore[attr-defined]
    parts = []
    for column in columns:
        form = _logged_form(column)
        if form is None:
            return None
        parts.append(f"'{column.name}', {form}")
    return f"json_object({', '.join(parts)})"


def _finding(kind: str, tbl: str, row_id: str) -> Finding:
    text = {
        FOLD: "的当前内容与其变更记录合并结果不一致",
        NO_CHANGES: "没有任何变更记录（未经统一写入途径写入）",
        MISSING_ROW: "在变更记录中有新增，但表中缺少该行",
    }[kind]
    return Finding(kind, tbl, row_id, f"数据表 {tbl} 的记录 {row_id} {text}。")


def _ids(conn: sa.Connection, sql: str, params: tuple = ()) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(sql, params)]


def _candidates(
    conn: sa.Connection, tbl: str, rows: tuple[int, int] | None
) -> tuple[list[str], list[str]]:
    """(rows with no change at all, rows to fold in Python) among the table's rows in ``rows``.

    One pass over the table (in rowid order, so each row's insert is read nearly in the order
    the change log wrote it), each row looking up its changes by ``ix_change_row``: a row whose
    only change is its insert and whose content, written as the change log writes it, equals the
    logged text is done; a row with later changes, or whose insert differs, is a candidate.
    """
    q = f'"{tbl}"'
    row_json = _row_json(synced_models()[tbl])
    differs = "1" if row_json is None else f"c.data IS NOT {row_json}"
    where = "" if rows is None else f"t.rowid BETWEEN {int(rows[0])} AND {int(rows[1])} AND "
    none: list[str] = []
    fold_ids: dict[str, None] = {}
    for row_id, logged in conn.exec_driver_sql(
        f"SELECT t.id, c.row_id IS NOT NULL FROM {q} t "
        "LEFT JOIN change c ON c.tbl = ? AND c.row_id = t.id "
        f"WHERE {where}(c.row_id IS NULL OR c.op != 'insert' OR {differs})",
        (tbl,),
    ):
        if logged:
            fold_ids[row_id] = None
        else:
            none.append(row_id)
    return none, list(fold_ids)


def missing_rows(conn: sa.Connection, tbl: str, limit: int) -> list[Finding]:
    """Rows whose insert is in the change log but not in the table (index-only probes)."""
    ids = _ids(
        conn,
        f"SELECT DISTINCT c.row_id FROM change c WHERE c.tbl = ? AND NOT EXISTS "
        f'(SELECT 1 FROM "{tbl}" t WHERE t.id = c.row_id) AND EXISTS (SELECT 1 FROM change i '
        f"WHERE i.tbl = c.tbl AND i.row_id = c.row_id AND i.op = 'insert') LIMIT {int(limit)}",
        (tbl,),
    )
    return [_finding(MISSING_ROW, tbl, row_id) for row_id in ids]


def row_findings(
    conn: sa.Connection, tbl: str, limit: int, rows: tuple[int, int] | None = None
) -> list[Finding]:
    """The rows of ``tbl`` (those with rowid in ``rows``, or all) against their change log."""
    none, fold_ids = _candidates(conn, tbl, rows)
    out = [_finding(NO_CHANGES, tbl, row_id) for row_id in none[:limit]]
    return out + list(folded_findings(conn, tbl, fold_ids, limit))


def table_findings(conn: sa.Connection, tbl: str, limit: int) -> Iterator[Finding]:
    """Every finding of one synced table (at most ``limit`` of each kind).

    Candidates come from SQL (see :func:`_candidates`); each is then folded in Python, so an odd
    encoding can only cost time.
    """
    found = row_findings(conn, tbl, limit)
    yield from [f for f in found if f.kind == NO_CHANGES]
    yield from missing_rows(conn, tbl, limit)
    yield from [f for f in found if f.kind != NO_CHANGES]


def touched_candidates(conn: sa.Connection, tbl: str, row_ids: Iterable[str]) -> list[str]:
    """Of the given rows, those the SQL pass cannot clear: the full check's test, on these rows.

    A row is cleared when its only changes are inserts whose logged text equals the row written
    as the change log writes it; every other row (edited, missing, differing) is a candidate.
    """
    ids = list(row_ids)
    row_json = _row_json(synced_models()[tbl])
    if row_json is None or not ids:
        return ids
    fill_touched(conn, ids)
    return _ids(
        conn,
        f"SELECT DISTINCT c.row_id FROM {TOUCHED} r CROSS JOIN change c ON c.tbl = ? "
        f'AND c.row_id = r.row_id LEFT JOIN "{tbl}" t ON t.id = c.row_id '
        "WHERE c.op != 'insert' OR t.id IS NULL OR (NOT EXISTS (SELECT 1 FROM change u "
        "WHERE u.tbl = c.tbl AND u.row_id = c.row_id AND u.op != 'insert') "
        f"AND c.data IS NOT {row_json})",
        (tbl,),
    )


def _as_stored(values: tuple) -> tuple:
    """Values as SQLite hands them back (the driver stores dates and times as ISO text)."""
    return tuple(
        v.isoformat(" ") if isinstance(v, datetime) else v.isoformat() if isinstance(v, date) else v
        for v in values
    )


def _folds(
    conn: sa.Connection, tbl: str, row_ids: Iterable[str]
) -> Iterator[tuple[str, tuple | None, tuple | None, TableCodec]]:
    """(row id, folded values or None while pending, current values or None) per row."""
    codec = TableCodec(synced_models()[tbl], conn.dialect)
    ids = list(row_ids)
    # A person outside this node's place is held masked, though this node's own changes to him
    # stay whole (they must be sent as signed): his row is the masked fold.
    inside = persons_inside(conn, local_place(conn)) if tbl == "person" and ids else None
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        fill_touched(conn, chunk)
        logged = logged_writes(conn, tbl)
        current = {r[0]: r for r in driver(conn).execute(codec.select_sql)}
        for row_id in chunk:
            writes: list[Write] = sorted(logged.get(row_id, []), key=Write.order)
            state = fold(writes)
            if state is not None:
                state["id"] = row_id
                if inside is not None and row_id not in inside:
                    state = masked(state)
            folded = None if state is None else _as_stored(codec.values(state))
            yield row_id, folded, current.get(row_id), codec


def folded_findings(
    conn: sa.Connection, tbl: str, row_ids: Iterable[str], limit: int
) -> Iterator[Finding]:
    """Fold the given rows in Python and compare (the candidates the SQL pass found)."""
    found = 0
    for row_id, folded, current, _codec in _folds(conn, tbl, row_ids):
        if folded is None or folded == current:
            continue
        kind = MISSING_ROW if current is None else FOLD
        yield _finding(kind, tbl, row_id)
        found += 1
        if found >= limit:
            return


def refold(conn: sa.Connection, tbl: str, row_ids: Iterable[str]) -> int:
    """Write the fold of each row's change log over the row; the number of rows rewritten."""
    count = 0
    for _row_id, folded, current, codec in _folds(conn, tbl, row_ids):
        if folded is None or folded == current:
            continue
        if current is None:
            conn.exec_driver_sql(codec.insert_sql, folded)
        else:
            conn.exec_driver_sql(codec.update_sql, codec.update_params(folded))
        count += 1
    return count


def all_findings(conn: sa.Connection, limit: int) -> Iterator[Finding]:
    for tbl in sorted(synced_models()):
        yield from table_findings(conn, tbl, limit)
