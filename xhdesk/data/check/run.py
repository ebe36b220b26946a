"""``xhdesk check``: the database file, the derived tables and every synced row, in one pass.

``check`` reads only. ``repair`` takes a backup, then in one transaction rebuilds the derived
tables that differ and re-folds the rows that differ from their change log, then checks again.
``after_import`` is the cheap form the importer runs on the rows one import touched.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

import sqlalchemy as sa

from xhdesk.data.check.findings import (
    DERIVED,
    FOLD,
    FOREIGN_KEY,
    INTEGRITY,
    MISSING_ROW,
    CheckResult,
    Finding,
)
from xhdesk.data.check.folds import all_findings, folded_findings, refold, touched_candidates
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
    if rows == ["ok"]:
        return []
    return [Finding(INTEGRITY, "", "", f"数据库文件损坏：{text}") for text in rows]


def foreign_key_findings(conn: sa.Connection, limit: int = LIMIT) -> list[Finding]:
    out = []
    for raw_table, rowid, raw_parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
        table, parent = str(raw_table), str(raw_parent)
        key = _row_key(conn, table, rowid)
        out.append(
            Finding(
                FOREIGN_KEY,
                table,
                key,
                f"数据表 {table} 的记录 {key} 引用了 {parent} 中不存在的记录（外键断开）。",
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


def check_conn(
    conn: sa.Connection, limit: int = LIMIT, progress: ProgressFn | None = None
) -> CheckResult:
    step = progress or (lambda *_: None)
    result = CheckResult()
    step(0, 4, "正在检查数据库文件…")
    result.findings += integrity_findings(conn, limit)
    step(1, 4, "正在检查外键…")
    result.findings += foreign_key_findings(conn, limit)
    step(2, 4, "正在重算派生数据…")
    result.findings += derived_findings(conn, limit)
    step(3, 4, "正在核对变更记录…")
    result.findings += list(all_findings(conn, limit))
    _counts(conn, result)
    kinds: dict[tuple[str, str], int] = defaultdict(int)
    for f in result.findings:
        kinds[(f.kind, f.table)] += 1
    result.truncated = any(n >= limit for n in kinds.values())
    step(4, 4, "体检完成")
    return result


def check(store: Store, limit: int = LIMIT, progress: ProgressFn | None = None) -> CheckResult:
    """Check the whole database (reads only).

    The check reads every table once or twice, so its connection gets a large page cache for the
    time of the check (restored afterwards: the connection goes back to the pool).
    """
    with store.engine.connect() as conn:
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB
        try:
            return check_conn(conn, limit, progress)
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")


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


def repair(store: Store, progress: ProgressFn | None = None) -> CheckResult:
    """Back up, then in one transaction re-fold every row that differs from its change log and
    rebuild every derived table that differs from its recomputation; then check again."""
    from xhdesk.data.sync.importer import backup_database

    first = check(store, progress=progress)
    if not any(f.repairable for f in first.findings):
        return first
    backup = backup_database(store)
    with store.import_connection() as conn:
        everything = [f for f in all_findings(conn, UNLIMITED) if f.repairable]
        everything += derived_findings(conn, UNLIMITED)
        repaired = _repair_conn(conn, everything)
    result = check(store, progress=progress)
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
