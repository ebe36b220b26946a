"""Derived tables, each declared once beside its recomputation from synced tables.

A derived table is a local cache (``SYNC = "local"``) that is a pure function of synced rows.
Each one is declared here by ONE SQL recomputation, ``recompute(key)``: with a key (SQL
expressions such as ``NEW.person_id``) it gives the rows of that key, without one it gives the
whole table. The same text serves

* the triggers (``trigger_sql``) that keep the cache on insert, update and delete of every table
  it reads — each trigger deletes the key's rows and inserts their recomputation, so the cache
  does not depend on the order in which rows arrive (an event before its request, an edit before
  the insert it edits);
* the checker (``xhdesk check``), which compares the whole table with the whole recomputation;
* the repair, which rebuilds a table from it.

A rule that changes is a new migration that calls :func:`install` again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

Key = dict[str, str] | None  # key column → SQL expression, or None for the whole table


@dataclass(frozen=True)
class Source:
    """A synced table a derived table reads, and how one of its rows maps to derived keys."""

    table: str
    key: dict[str, str]  # derived key column → column of this table
    columns: tuple[str, ...] = ()  # UPDATE OF these columns matters (empty: any column)


@dataclass(frozen=True)
class Derived:
    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]  # every column, in the recomputation's order
    recompute: Callable[[Key], str]
    sources: tuple[Source, ...]
    label: str  # what a user calls it, for the check's lines
    real: tuple[str, ...] = ()  # float columns, compared rounded

    def compared(self, alias: str = "") -> str:
        """The columns as the checker compares them (floats rounded to 6 places)."""
        p = f"{alias}." if alias else ""
        return ", ".join(f"ROUND({p}{c}, 6)" if c in self.real else f"{p}{c}" for c in self.columns)


def _where(key: Key, column: Callable[[str], str]) -> str:
    if key is None:
        return "1"
    return " AND ".join(f"{column(k)} = {expr}" for k, expr in key.items())


# -- ledger totals -------------------------------------------------------------------------------
def _ledger_total(key: Key) -> str:
    return (
        "SELECT person_id, year, category, kind, SUM(points), COUNT(*) FROM ledger_entry "
        f"WHERE {_where(key, lambda c: c)} GROUP BY person_id, year, category, kind"
    )


def _ledger_year_total(key: Key) -> str:
    return (
        "SELECT person_id, year, SUM(points), COUNT(*) FROM ledger_entry "
        f"WHERE {_where(key, lambda c: c)} GROUP BY person_id, year"
    )


# -- declaration state ---------------------------------------------------------------------------
# The fixed rule of xhdesk.data.points.state: an ``effective`` event wins, else the latest by
# (hlc, id); the points are the latest committee confirmation's.
_DECLARATION_STATE = (
    "CASE w.kind WHEN 'submitted' THEN 'submitted' WHEN 'resubmitted' THEN 'submitted' "
    "WHEN 'branch_approved' THEN 'approved' WHEN 'branch_returned' THEN 'returned' "
    "WHEN 'committee_confirmed' THEN 'confirmed' WHEN 'committee_rejected' THEN 'rejected' "
    "WHEN 'notice_started' THEN 'in_notice' WHEN 'objection_raised' THEN 'objected' "
    "WHEN 'objection_upheld' THEN 'rejected' WHEN 'objection_dismissed' THEN 'in_notice' "
    "WHEN 'effective' THEN 'effective' ELSE 'submitted' END"
)


def _declaration_status(key: Key) -> str:
    ids = f"SELECT DISTINCT declaration_id FROM declaration_event WHERE {_where(key, lambda c: c)}"
    winner = (
        "SELECT e.id FROM declaration_event e WHERE e.declaration_id = d.declaration_id "
        "ORDER BY e.kind = 'effective' DESC, e.hlc DESC, e.id DESC LIMIT 1"
    )
    confirmed = (
        "SELECT e.id FROM declaration_event e WHERE e.declaration_id = d.declaration_id "
        "AND e.kind = 'committee_confirmed' ORDER BY e.hlc DESC, e.id DESC LIMIT 1"
    )
    return (
        f"SELECT d.declaration_id, {_DECLARATION_STATE}, w.kind, w.hlc, w.id, p.points, "
        "COALESCE(p.hlc, -1), COALESCE(p.id, '') "
        f"FROM ({ids}) d JOIN declaration_event w ON w.id = ({winner}) "
        f"LEFT JOIN declaration_event p ON p.id = ({confirmed})"
    )


# -- request state -------------------------------------------------------------------------------
def _request_state(key: Key) -> str:
    """State, due date in force and department of each request (rule: requests.queries).

    Events by (at, id), escalations ignored: the last one's kind is the state, except a return
    visit: visited, or reopened when 不满意. The due date is the last one an event set, else the
    request's; the department is the last forwarding's, else the request's default. A request is
    known by its row or by any of its events (an event may arrive before its request).
    """
    rid = "k.id"
    latest = (
        f"FROM request_event e WHERE e.request_id = {rid} AND {{}} "
        "ORDER BY e.at DESC, e.id DESC LIMIT 1"
    )
    state = (
        "SELECT CASE WHEN e.kind = 'return_visit' THEN CASE WHEN e.satisfaction = 'unsatisfied' "
        "THEN 'reopened' ELSE 'visited' END ELSE e.kind END "
        + latest.format("e.kind != 'escalated'")
    )
    due = "SELECT e.due_on " + latest.format("e.due_on IS NOT NULL")
    dept = "SELECT e.department_id " + latest.format("e.kind = 'forwarded'")
    own = f"SELECT {{}} FROM service_request r WHERE r.id = {rid}"
    ids = (
        f"SELECT id FROM service_request WHERE {_where(key, lambda c: 'id')} UNION "
        f"SELECT request_id FROM request_event WHERE {_where(key, lambda c: c)}"
    )
    return (
        f"SELECT {rid}, ({state}), COALESCE(({due}), ({own.format('r.due_on')})), "
        f"COALESCE(({dept}), ({own.format('r.department_id')})) FROM ({ids}) k"
    )


DERIVED: tuple[Derived, ...] = (
    Derived(
        "ledger_total",
        ("person_id", "year", "category", "kind"),
        ("person_id", "year", "category", "kind", "points", "entries"),
        _ledger_total,
        (Source("ledger_entry", {c: c for c in ("person_id", "year", "category", "kind")}),),
        "积分合计（按类别）",
        real=("points",),
    ),
    Derived(
        "ledger_year_total",
        ("person_id", "year"),
        ("person_id", "year", "points", "entries"),
        _ledger_year_total,
        (Source("ledger_entry", {"person_id": "person_id", "year": "year"}),),
        "年度积分合计",
        real=("points",),
    ),
    Derived(
        "declaration_status",
        ("declaration_id",),
        (
            "declaration_id",
            "state",
            "kind",
            "hlc",
            "event_id",
            "points",
            "points_hlc",
            "points_event",
        ),
        _declaration_status,
        (Source("declaration_event", {"declaration_id": "declaration_id"}),),
        "积分申报状态",
        real=("points",),
    ),
    Derived(
        "request_state",
        ("request_id",),
        ("request_id", "state", "due_on", "department_id"),
        _request_state,
        (
            Source("service_request", {"request_id": "id"}, ("due_on", "department_id")),
            Source("request_event", {"request_id": "request_id"}),
        ),
        "诉求状态",
    ),
)

BY_TABLE = {d.table: d for d in DERIVED}
FRESH = "_derived_fresh"  # temp table: one recomputation, while it is compared


def _refresh(d: Derived, row: str, source: Source) -> str:
    """Trigger body part: recompute the rows of the key that ``row`` (NEW/OLD) belongs to."""
    key = {k: f"{row}.{col}" for k, col in source.key.items()}
    where = " AND ".join(f"{k} = {expr}" for k, expr in key.items())
    cols = ", ".join(d.columns)
    return (
        f"DELETE FROM {d.table} WHERE {where}; INSERT INTO {d.table} ({cols}) {d.recompute(key)}; "
    )


def trigger_name(d: Derived, source: Source, op: str) -> str:
    return f"trg_derived_{d.table}_{source.table}_{op}"


def trigger_sql(d: Derived) -> list[str]:
    """CREATE TRIGGER statements keeping ``d`` on insert, update and delete of its sources."""
    out = []
    for s in d.sources:
        of = f"OF {', '.join(s.columns)} " if s.columns else ""
        bodies = {
            "insert": ("INSERT ", _refresh(d, "NEW", s)),
            "delete": ("DELETE ", _refresh(d, "OLD", s)),
            "update": (f"UPDATE {of}", _refresh(d, "OLD", s) + _refresh(d, "NEW", s)),
        }
        for op, (event, body) in bodies.items():
            out.append(
                f"CREATE TRIGGER {trigger_name(d, s, op)} AFTER {event}ON {s.table} BEGIN {body}END"
            )
    return out


def all_trigger_names() -> list[str]:
    return [
        trigger_name(d, s, op)
        for d in DERIVED
        for s in d.sources
        for op in ("insert", "update", "delete")
    ]


def install(conn: sa.Connection) -> None:
    """(Re)create every derived table's triggers and rebuild its rows from the synced tables."""
    for name in all_trigger_names():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for d in DERIVED:
        for statement in trigger_sql(d):
            conn.exec_driver_sql(statement)
    rebuild(conn)


def rebuild(conn: sa.Connection, tables: Sequence[str] | None = None) -> None:
    """Replace the rows of the derived tables (all, or ``tables``) by their recomputation."""
    for d in DERIVED:
        if tables is not None and d.table not in tables:
            continue
        conn.exec_driver_sql(f"DELETE FROM {d.table}")
        conn.exec_driver_sql(f"INSERT INTO {d.table} ({', '.join(d.columns)}) {d.recompute(None)}")


def _same(d: Derived, x: str) -> str:
    """SQL: cached column ``x`` equals the recomputed one, as ``differences`` compares them.

    A float is compared rounded, but ROUND costs a formatted print per value, so an exactly equal
    pair (nearly every one) is settled first; CASE, because SQLite does not cut an OR short.
    """
    if x not in d.real:
        return f"c.{x} IS f.c{x}"
    return f"CASE WHEN c.{x} = f.c{x} THEN 1 ELSE ROUND(c.{x}, 6) IS ROUND(f.c{x}, 6) END"


def agreement_sql(d: Derived) -> str:
    """SQL: (recomputed rows, recomputed rows equal to their cached row, cached rows).

    One pass over the recomputation, each row looking up its cached row by key (the cache's
    primary key). The keys of a recomputation are distinct (it groups by them), so the table
    agrees exactly when the three counts are equal.
    """
    names = ", ".join(f"c{c}" for c in d.columns)
    on = " AND ".join(f"c.{k} = f.c{k}" for k in d.key)
    same = " AND ".join(_same(d, x) for x in d.columns if x not in d.key)
    return (
        f"WITH f({names}) AS ({d.recompute(None)}) "
        f"SELECT count(*), coalesce(sum(c.{d.key[0]} IS NOT NULL AND {same}), 0), "
        f"(SELECT count(*) FROM {d.table}) FROM f LEFT JOIN {d.table} c ON {on}"
    )


def agrees(conn: sa.Connection, d: Derived) -> bool:
    fresh, equal, cached = conn.exec_driver_sql(agreement_sql(d)).one()
    return bool(fresh == equal == cached)


def differences(conn: sa.Connection, d: Derived, limit: int = 50) -> list[tuple[str, tuple]]:
    """Keys whose cached rows differ from the recomputation: ("missing"|"extra"|"wrong", key).

    First the one-pass agreement count (the usual, clean case ends there); otherwise compared
    as sets of rows (floats rounded), both ways, in SQL; a key in both is "wrong".
    """
    if agrees(conn, d):
        return []
    n = len(d.key)
    names = ", ".join(f"c{c}" for c in d.columns)
    # the recomputation once, into a temporary table that both comparisons read
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{FRESH}")
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE {FRESH} AS SELECT * FROM (WITH f({names}) AS "
        f"({d.recompute(None)}) SELECT * FROM f)"
    )
    cmp_cache = f"SELECT {d.compared()} FROM {d.table}"
    cmp_fresh = f"SELECT {d.compared('f').replace('f.', 'f.c')} FROM temp.{FRESH} AS f"
    try:
        only_cache = [
            tuple(r[:n])
            for r in conn.exec_driver_sql(f"{cmp_cache} EXCEPT {cmp_fresh} LIMIT {limit}")
        ]
        only_fresh = [
            tuple(r[:n])
            for r in conn.exec_driver_sql(f"{cmp_fresh} EXCEPT {cmp_cache} LIMIT {limit}")
        ]
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{FRESH}")
    out: list[tuple[str, tuple]] = []
    both = set(only_cache) & set(only_fresh)
    out += [("wrong", k) for k in sorted(both)]
    out += [("extra", k) for k in only_cache if k not in both]
    out += [("missing", k) for k in only_fresh if k not in both]
    return out


def key_rows(conn: sa.Connection, d: Derived, key: tuple) -> tuple[list[tuple], list[tuple]]:
    """The cached and the recomputed rows of one key (compared columns, sorted)."""
    named = {k: f":k{i}" for i, k in enumerate(d.key)}
    params = {f"k{i}": value for i, value in enumerate(key)}
    where = " AND ".join(f"{k} = {named[k]}" for k in d.key)
    cached = conn.exec_driver_sql(
        f"SELECT {d.compared()} FROM {d.table} WHERE {where}", params
    ).all()
    names = ", ".join(f"c{c}" for c in d.columns)
    fresh = conn.exec_driver_sql(
        f"WITH f({names}) AS ({d.recompute(named)}) "
        f"SELECT {d.compared('f').replace('f.', 'f.c')} FROM f",
        params,
    ).all()
    return sorted(map(tuple, cached)), sorted(map(tuple, fresh))
