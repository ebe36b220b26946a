"""Read side of the review tab: filtered declaration rows, counts per state, one declaration's detail.

Filtering, counting and sorting happen in SQL; a row is a light tuple, details load on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Committee, Person
from xhdesk.data.models.points import Declaration, DeclarationAttachment, PointRule
from xhdesk.data.points.flow import Loaded, load
from xhdesk.data.points.ledger import category_totals
from xhdesk.data.points.state import status_table as st
from xhdesk.data.points.vocab import STATES

# The states that wait for each role's action (the default queue of a node).
QUEUE_STATES = {
    "station": ("returned",),
    "branch": ("submitted",),
    "committee": ("approved", "objected", "confirmed"),
    "centre": ("submitted", "approved", "objected", "confirmed"),
}


@dataclass(frozen=True)
class DeclarationFilter:
    states: tuple[str, ...] = ()
    branch_id: str | None = None
    committee_id: str | None = None
    category: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""  # name, pinyin, initials or declaration number
    person_id: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class DeclarationRow:
    id: str
    number: str
    person_name: str
    branch: str
    category: str
    kind: str
    rule_title: str
    quantity: float
    unit: str
    points: float
    deed_date: date
    state: str


def _base(flt: DeclarationFilter) -> Any:
    d = Declaration.__table__  # type: ignore[attr-defined]
    p, r = Person.__table__, PointRule.__table__  # type: ignore[attr-defined]
    b = Branch.__table__  # type: ignore[attr-defined]
    inner = (
        sa.select(
            d.c.id,
            d.c.number,
            p.c.name.label("person_name"),
            sa.func.coalesce(b.c.name, "").label("branch"),
            r.c.category,
            r.c.kind,
            r.c.title,
            d.c.quantity,
            r.c.unit,
            sa.func.coalesce(st.c.points, r.c.points * d.c.quantity).label("points"),
            d.c.deed_date,
            st.c.state,
            p.c.name_pinyin,
            p.c.name_initials,
            d.c.branch_id,
            d.c.committee_id,
            d.c.person_id,
        )
        .select_from(d)
        .join(st, st.c.declaration_id == d.c.id)
        .join(p, p.c.id == d.c.person_id)
        .join(r, r.c.id == d.c.rule_id)
        .outerjoin(b, b.c.id == d.c.branch_id)
    )
    conditions = [st.c.state.in_(flt.states)] if flt.states else []
    if flt.branch_id:
        conditions.append(d.c.branch_id == flt.branch_id)
    if flt.committee_id:
        conditions.append(d.c.committee_id == flt.committee_id)
    if flt.category:
        conditions.append(r.c.category == flt.category)
    if flt.person_id:
        conditions.append(d.c.person_id == flt.person_id)
    if flt.date_from:
        conditions.append(d.c.deed_date >= flt.date_from)
    if flt.date_to:
        conditions.append(d.c.deed_date <= flt.date_to)
    if flt.year:
        conditions.append(d.c.deed_date.between(date(flt.year, 1, 1), date(flt.year, 12, 31)))
    text = flt.text.strip().lower()
    if text:
        like = f"%{text}%"
        conditions.append(
            sa.or_(
                p.c.name.like(like),
                p.c.name_pinyin.like(like),
                p.c.name_initials.like(text + "%"),
                d.c.number.like(like),
            )
        )
    return inner.where(*conditions).subquery("q")


def count_declarations(store: Store, flt: DeclarationFilter) -> int:
    q = _base(flt)
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0)


def list_declarations(
    store: Store,
    flt: DeclarationFilter,
    *,
    order: str = "deed_date",
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[DeclarationRow]:
    """One page (or all) of the filtered declarations, sorted in SQL."""
    q = _base(flt)
    column = q.c[order] if order in q.c else q.c.deed_date
    stmt = sa.select(
        q.c.id,
        q.c.number,
        q.c.person_name,
        q.c.branch,
        q.c.category,
        q.c.kind,
        q.c.title,
        q.c.quantity,
        q.c.unit,
        q.c.points,
        q.c.deed_date,
        q.c.state,
    ).order_by(column.desc() if descending else column.asc(), q.c.number.desc())
    if limit is not None:
        stmt = stmt.offset(offset).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        DeclarationRow(*r[:7], float(r[7]), r[8], round(float(r[9]), 2), _as_date(r[10]), r[11])
        for r in rows
    ]


def state_counts(store: Store, flt: DeclarationFilter) -> dict[str, int]:
    """State → count under every filter except the state filter (for the queue's tabs)."""
    q = _base(replace(flt, states=()))
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(q.c.state, sa.func.count()).group_by(q.c.state)).all()
    counts = dict.fromkeys(STATES, 0)
    counts.update({state: int(n) for state, n in rows})
    return counts


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass
class AttachmentInfo:
    id: str
    filename: str
    mime: str
    size: int


@dataclass
class DeclarationDetail:
    item: Loaded
    branch: str
    committee: str
    attachments: list[AttachmentInfo] = field(default_factory=list)
    year_totals: dict[str, float] = field(default_factory=dict)  # category → points

    @property
    def state(self) -> str:
        return self.item.state


def declaration_detail(store: Store, declaration_id: str) -> DeclarationDetail:
    with store.session() as session:
        item = load(session, declaration_id)
        decl = item.declaration
        branch = session.get(Branch, decl.branch_id) if decl.branch_id else None
        committee = session.get(Committee, decl.committee_id) if decl.committee_id else None
        rows = session.execute(
            sa.select(
                col(DeclarationAttachment.id),
                col(DeclarationAttachment.filename),
                col(DeclarationAttachment.mime),
                col(DeclarationAttachment.size),
            ).where(col(DeclarationAttachment.declaration_id) == decl.id)
        ).all()
    return DeclarationDetail(
        item=item,
        branch=branch.name if branch else "",
        committee=committee.name if committee else "",
        attachments=[AttachmentInfo(*row) for row in rows],
        year_totals=category_totals(store, decl.person_id, decl.deed_date.year),
    )
