"""The ledger: totals per person and year, balances, rankings and star ratings.

Totals read ``ledger_year_total`` and ``ledger_total`` (kept by a trigger on the append-only
ledger), so they cost one index range however long the ledger grows. Years are the year of the deed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.points.settings import star_bands

EPSILON = 1e-9


def yearly_totals(store: Store, year: int) -> dict[str, float]:
    """Person id → total effective points of deeds in ``year`` (persons with entries only)."""
    sql = "SELECT person_id, points FROM ledger_year_total WHERE year = ?"
    with store.engine.connect() as conn:
        # Plain tuples from the driver: for 100,000 persons, Row objects would cost more than
        # the query itself.
        raw = conn.connection.driver_connection
        return dict(raw.execute(sql, (year,)).fetchall())  # type: ignore[union-attr]


def person_year_total(store: Store, person_id: str, year: int) -> float:
    sql = sa.text("SELECT points FROM ledger_year_total WHERE person_id = :p AND year = :y")
    with store.engine.connect() as conn:
        return float(conn.execute(sql, {"p": person_id, "y": year}).scalar() or 0.0)


def person_totals(store: Store, person_id: str, year: int) -> dict[tuple[str, str], float]:
    """(category, kind) → points of one person in one year."""
    sql = sa.text(
        "SELECT category, kind, points FROM ledger_total WHERE person_id = :p AND year = :y"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"p": person_id, "y": year}).all()
    return {(cat, kind): float(points) for cat, kind, points in rows}


def category_totals(store: Store, person_id: str, year: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for (category, _kind), points in person_totals(store, person_id, year).items():
        out[category] = out.get(category, 0.0) + points
    return out


BALANCE_SQL = sa.text(
    "SELECT (SELECT COALESCE(SUM(points), 0) FROM ledger_year_total WHERE person_id = :p)"
    " - (SELECT COALESCE(SUM(points), 0) FROM redemption WHERE person_id = :p)"
)


def balance(store: Store, person_id: str, conn: sa.Connection | None = None) -> float:
    """Effective points of every year − points spent on redemptions."""
    if conn is not None:
        return balance_on(conn, person_id)
    with store.engine.connect() as own:
        return balance_on(own, person_id)


def balance_on(conn: sa.Connection, person_id: str) -> float:
    """:func:`balance` read on ``conn`` (inside a write transaction, say)."""
    return float(conn.execute(BALANCE_SQL, {"p": person_id}).scalar() or 0.0)


def star_rating(total: float, bands: list[float]) -> int:
    """Number of stars: how many band floors ``total`` reaches (0 … len(bands))."""
    return bisect_right(bands, total + EPSILON)


@dataclass(frozen=True)
class RankRow:
    rank: int
    person_id: str
    name: str
    occupation: str
    branch: str
    committee_id: str | None
    total: float
    stars: int


def ranking(
    store: Store,
    year: int,
    *,
    committee_id: str | None = None,
    occupation: str | None = None,
    limit: int | None = None,
) -> list[RankRow]:
    """Persons by total points of ``year``, highest first; equal totals share a rank (1, 2, 2, 4)."""
    where: list[str] = ["t.year = :y"]
    params: dict[str, object] = {"y": year}
    if committee_id:
        where.append("b.committee_id = :c")
        params["c"] = committee_id
    if occupation:
        where.append("p.occupation = :o")
        params["o"] = occupation
    sql = sa.text(
        "SELECT p.id, p.name, p.occupation, COALESCE(b.name, ''), b.committee_id,"
        " SUM(t.points) AS total"
        " FROM ledger_total t JOIN person p ON p.id = t.person_id"
        " LEFT JOIN branch b ON b.id = p.branch_id"
        f" WHERE {' AND '.join(where)} AND p.deleted = 0"
        " GROUP BY p.id ORDER BY total DESC, p.name_pinyin, p.id"
    )
    bands = star_bands(store)
    with store.engine.connect() as conn:
        rows = conn.execute(sql, params).all()
    out: list[RankRow] = []
    for i, (pid, name, occ, branch, cid, total) in enumerate(rows):
        rank = out[-1].rank if out and abs(out[-1].total - total) < EPSILON else i + 1
        out.append(
            RankRow(rank, pid, name, occ, branch, cid, float(total), star_rating(total, bands))
        )
        if limit is not None and len(out) >= limit:
            break
    return out


@dataclass(frozen=True)
class LedgerLine:
    effective_on: date
    deed_date: date
    category: str
    kind: str
    points: float
    note: str
    declaration_number: str


def ledger_lines(store: Store, person_id: str, year: int | None = None) -> list[LedgerLine]:
    """One person's ledger entries, newest first."""
    sql = (
        "SELECT l.effective_on, l.deed_date, l.category, l.kind, l.points, l.note,"
        " COALESCE(d.number, '') FROM ledger_entry l"
        " LEFT JOIN declaration d ON d.id = l.declaration_id WHERE l.person_id = :p"
    )
    params: dict[str, object] = {"p": person_id}
    if year is not None:
        sql += " AND l.year = :y"
        params["y"] = year
    sql += " ORDER BY l.effective_on DESC, l.deed_date DESC"
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text(sql), params).all()
    return [
        LedgerLine(
            date.fromisoformat(str(r[0])),
            date.fromisoformat(str(r[1])),
            r[2],
            r[3],
            float(r[4]),
            r[5],
            r[6],
        )
        for r in rows
    ]
