"""``xhdesk check``: the database file, the derived tables and every synced row (parts side by side).

``check`` reads only. ``repair`` takes a backup, then in one transaction rebuilds the derived
tables that differ and re-folds the rows that differ from their change log, then checks again.
``after_import`` is the cheap form the importer runs on the rows one import touched.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

import sqlalchemy as sa

from xhdesk.data.check.findings import (
    DERIVED,
    FOLD,
    FOREIGN_KEY,
    INTEGRITY,
    MISSING_ROW,
    NO_CHANGES,
    CheckResult,
    Finding,
)
from xhdesk.data.check.folds import (
    all_findings,
    folded_findings,
    missing_rows,
    refold,
    row_findings,
    touched_candidates,
)
from xhdesk.data.check.parts import SLICE, Part, kind_order, run_parts
from xhdesk.data.core import derived
from xhdesk.data.core.store import Store

log = logging.getLogger("xhdesk.check")
LIMIT = 50  # findings listed per table and kind
UNLIMITED = 2**62  # the repair gathers every finding, not a page of them
ProgressFn = Callable[[int, int, str], None]
_WHAT = {"missing": "缺少", "extra": "多出", "wrong": "数值不符"}
# above this many touched rows, the cheap check compares a derived table whole
PER_KEY_MAX = 2000


def integrity_findings(conn: sa.Connection, limit: int = LIMIT) -> list[Finding]:
    rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA integrity_check({limit})")]
    return _integrity(rows)


def _integrity(rows: list[str]) -> list[Finding]:
    return [Finding(INTEGRITY, "", "", f"数据库文件损坏：{text}") for text in rows if text != "ok"]


def integrity_parts(conn: sa.Connection) -> list[tuple[str, str]]:
    """``PRAGMA integrity_check`` as parts that can run side by side: (what, SQL).

    ``quick_check`` does everything ``integrity_check`` does except compare each index with its
    table (and so check UNIQUE); ``integrity_check(T)`` does exactly that for table T and its
    indexes. Together they are the whole check, and the tables can be checked at the same time.
    """
    if sqlite3.sqlite_version_info < (3, 33, 0):  # no partial checks: the whole one
        return [("", f"PRAGMA integrity_check({LIMIT})")]
    tables = [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'index' ORDER BY tbl_name"
        )
    ]
    return [("", "PRAGMA quick_check")] + [(t, f"PRAGMA integrity_check('{t}')") for t in tables]


def integrity_part(conn: sa.Connection, sql: str, limit: int = LIMIT) -> list[Finding]:
    return _integrity([r[0] for r in conn.exec_driver_sql(sql)])[:limit]


def foreign_key_findings(
    conn: sa.Connection, limit: int = LIMIT, table: str | None = None
) -> list[Finding]:
    out = []
    sql = "PRAGMA foreign_key_check" + ("" if table is None else f"('{table}')")
    for raw_table, rowid, raw_parent, _fk in conn.exec_driver_sql(sql):
        child, parent = str(raw_table), str(raw_parent)
        key = _row_key(conn, child, rowid)
        out.append(
            Finding(
                FOREIGN_KEY,
                child,
                key,
                f"数据表 {child} 的记录 {key} 引用了 {parent} 中不存在的记录（外键断开）。",
            )
        )
        if len(out) >= limit:
            break
    return out


def _row_key(conn: sa.Connection, table: str, rowid: int) -> str:
    """The row's primary key as text (its id for synced tables), for the finding's line."""
    pk = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")') if r[5]]
    if not pk:
        return str(rowid)
    cols = " || '/' || ".join(f'"{c}"' for c in pk)
    value = conn.exec_driver_sql(f'SELECT {cols} FROM "{table}" WHERE rowid = ?', (rowid,))
    return str(value.scalar() or rowid)


def _derived_finding(d: derived.Derived, what: str, key: tuple) -> Finding:
    text = "/".join(str(k) for k in key)
    return Finding(
        DERIVED,
        d.table,
        text,
        f"派生表 {d.table}（{d.label}）中 {text} 的行{_WHAT[what]}，与按同步数据重算的结果不一致。",
    )


def derived_findings(conn: sa.Connection, limit: int = LIMIT) -> list[Finding]:
    return [
        _derived_finding(d, what, key)
        for d in derived.DERIVED
        for what, key in derived.differences(conn, d, limit)
    ]


def _counts(conn: sa.Connection, result: CheckResult) -> None:
    result.conflicts = conn.exec_driver_sql(
        "SELECT count(*) FROM sync_conflict WHERE status = 'open'"
    ).scalar_one()
    result.quarantined = conn.exec_driver_sql("SELECT count(*) FROM sync_quarantine").scalar_one()


def _sizes(conn: sa.Connection) -> dict[str, tuple[int, int]]:
    """Each table's (largest rowid, number of indexes): a rough size, read in no time."""
    indexes: dict[str, int] = defaultdict(int)
    tables = []
    for kind, name, tbl in conn.exec_driver_sql(
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%' OR name LIKE 'sqlite_autoindex_%'"
    ):
        if kind == "index":
            indexes[tbl] += 1
        else:
            tables.append(name)
    out = {}
    for t in tables:
        try:
            top = conn.exec_driver_sql(f'SELECT max(rowid) FROM "{t}"').scalar() or 0
        except sa.exc.OperationalError:  # a table without rowids: counted (its key, in order)
            top = conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() or 0
        out[t] = (int(top), indexes[t])
    return out


def _file_parts(
    conn: sa.Connection, sizes: dict[str, tuple[int, int]], limit: int, quick: bool = False
) -> list[Part]:
    out = []
    for table, sql in [("", "PRAGMA quick_check")] if quick else integrity_parts(conn):
        rows, indexes = sizes.get(table, (sum(r for r, _ in sizes.values()), 0))
        out.append(
            Part(
                (0, table),
                rows * (1 + 3 * indexes),
                "正在检查数据库文件…",
                partial(integrity_part, sql=sql, limit=limit),
            )
        )
    for table, (rows, _n) in sizes.items():
        out.append(
            Part(
                (1, table),
                rows,
                "正在检查外键…",
                partial(foreign_key_findings, limit=limit, table=table),
            )
        )
    return out


def _derived_part(conn: sa.Connection, d: derived.Derived, limit: int) -> list[Finding]:
    return [_derived_finding(d, what, key) for what, key in derived.differences(conn, d, limit)]


def _derived_parts(sizes: dict[str, tuple[int, int]], limit: int) -> list[Part]:
    return [
        Part(
            (2, i),
            3 * sum(sizes.get(s.table, (0, 0))[0] for s in d.sources),
            "正在重算派生数据…",
            partial(_derived_part, d=d, limit=limit),
        )
        for i, d in enumerate(derived.DERIVED)
    ]


def _row_parts(sizes: dict[str, tuple[int, int]], limit: int) -> list[Part]:
    out = []
    for tbl in sorted(_synced()):
        top = sizes.get(tbl, (0, 0))[0]
        for start in range(0, top + 1, SLICE):
            rows = None if top < SLICE else (start, start + SLICE - 1)
            out.append(
                Part(
                    (3, tbl, 0, start),
                    4 * min(SLICE, top - start + 1),
                    "正在核对变更记录…",
                    partial(row_findings, tbl=tbl, limit=limit, rows=rows),
                )
            )
        out.append(
            Part((3, tbl, 1), top, "正在核对变更记录…", partial(missing_rows, tbl=tbl, limit=limit))
        )
    return out


def _report(found: list[Finding], limit: int) -> list[Finding]:
    """Findings in the sequential order, each table's rows by kind, at most ``limit`` a kind."""
    rows = {NO_CHANGES, MISSING_ROW, FOLD}
    ordered = [f for f in found if f.kind not in rows]
    ordered += sorted((f for f in found if f.kind in rows), key=lambda f: (f.table, kind_order(f)))
    ordered = list(dict.fromkeys(ordered))  # a fault both file checks see is listed once
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for f in ordered:
        seen[(f.kind, f.table)] += 1
        if seen[(f.kind, f.table)] <= limit:
            out.append(f)
    return out


def check(
    store: Store, limit: int = LIMIT, progress: ProgressFn | None = None, quick: bool = False
) -> CheckResult:
    """Check the whole database (reads only), its parts side by side (see ``parts``).

    ``quick`` (``xhdesk check --quick``, asked for explicitly): the file is checked by
    ``PRAGMA quick_check`` alone — every page, record and NOT NULL, but no index compared with
    its table (most of the full check's time on a large file); everything else as usual.
    """
    step = progress or (lambda *_: None)
    step(0, 1, "正在检查数据库文件…")
    result = CheckResult(quick=quick)
    with store.engine.connect() as conn:
        sizes = _sizes(conn)
        todo = _file_parts(conn, sizes, limit, quick)
    todo += _derived_parts(sizes, limit) + _row_parts(sizes, limit)
    result.findings = _report(run_parts(store, todo, step), limit)
    with store.engine.connect() as conn:
        _counts(conn, result)
    kinds: dict[tuple[str, str], int] = defaultdict(int)
    for f in result.findings:
        kinds[(f.kind, f.table)] += 1
    result.truncated = any(n >= limit for n in kinds.values())
    step(len(todo), len(todo), "体检完成")
    return result


def _repair_conn(conn: sa.Connection, findings: Iterable[Finding]) -> int:
    tables: set[str] = set()
    rows: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.kind == DERIVED:
            tables.add(f.table)
        elif f.kind in (FOLD, MISSING_ROW):
            rows[f.table].add(f.key)
    fixed = 0
    for tbl, ids in rows.items():
        fixed += refold(conn, tbl, ids)
    if rows:  # a re-folded row may change what a derived table reads
        tables.update(derived.BY_TABLE)
    derived.rebuild(conn, sorted(tables))
    return fixed + len([f for f in findings if f.kind == DERIVED])


def repair(store: Store, progress: ProgressFn | None = None, quick: bool = False) -> CheckResult:
    """Back up, then in one transaction re-fold every row that differs from its change log and
    rebuild every derived table that differs from its recomputation; then check again (both
    checks ``quick`` if asked: the file by ``quick_check`` alone)."""
    from xhdesk.data.sync.importer import backup_database

    first = check(store, progress=progress, quick=quick)
    if not any(f.repairable for f in first.findings):
        return first
    backup = backup_database(store)
    with store.import_connection() as conn:
        everything = [f for f in all_findings(conn, UNLIMITED) if f.repairable]
        everything += derived_findings(conn, UNLIMITED)
        repaired = _repair_conn(conn, everything)
    result = check(store, progress=progress, quick=quick)
    result.repaired, result.backup = repaired, str(backup)
    return result


def after_import(conn: sa.Connection, touched: dict[str, set[str]]) -> list[Finding]:
    """The cheap check on the rows one import touched; what it finds it repairs (same transaction).

    The rows are re-folded from the change log and the derived rows their keys reach are
    recomputed and compared; a table of many touched rows is compared whole.
    """
    found: list[Finding] = []
    for tbl, ids in touched.items():
        if tbl in _synced() and len(ids) <= PER_KEY_MAX:
            candidates = touched_candidates(conn, tbl, ids)
            found += list(folded_findings(conn, tbl, candidates, PER_KEY_MAX))
    for d in derived.DERIVED:
        sources = [s for s in d.sources if s.table in touched]
        if not sources:
            continue
        for what, key in _derived_differences(conn, d, sources, touched):
            found.append(_derived_finding(d, what, key))
    for f in found:
        log.warning("导入后检查：%s（已自动修复）", f.message)
    if found:
        _repair_conn(conn, found)
    return found


def _synced() -> set[str]:
    from xhdesk.data.models import synced_models

    return set(synced_models())


def _derived_differences(
    conn: sa.Connection,
    d: derived.Derived,
    sources: list[derived.Source],
    touched: dict[str, set[str]],
) -> list[tuple[str, tuple]]:
    if sum(len(touched[s.table]) for s in sources) > PER_KEY_MAX:
        return derived.differences(conn, d)
    keys: set[tuple] = set()
    for s in sources:
        cols = ", ".join(s.key[k] for k in d.key)
        ids = list(touched[s.table])
        marks = ", ".join("?" for _ in ids)
        keys.update(
            tuple(r)
            for r in conn.exec_driver_sql(
                f'SELECT {cols} FROM "{s.table}" WHERE id IN ({marks})', tuple(ids)
            )
        )
    out = []
    for key in keys:
        cached, fresh = derived.key_rows(conn, d, key)
        if cached != fresh:
            what = "missing" if not cached else "extra" if not fresh else "wrong"
            out.append((what, key))
    return out
