"""Listings of the 一企一档 enterprise files and the 党建指导员 instructors."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.listing import Column, Listing, like_escape
from xhdesk.data.core.vocab import ENTERPRISE_KINDS
from xhdesk.data.models import Committee, Enterprise, EnterpriseVisit, Instructor, Person

VISIT_DAYS = 90


def _t(model: Any) -> sa.Table:
    return model.__table__


def _last_visit() -> Any:
    e, v = _t(Enterprise), _t(EnterpriseVisit)
    return (
        sa.select(sa.func.max(v.c.visited_on))
        .where(v.c.enterprise_id == e.c.id, v.c.deleted == sa.false())
        .scalar_subquery()
    )


def not_visited_since(days: int = VISIT_DAYS, today: date | None = None) -> Any:
    """Enterprises with no visit in the last ``days`` days (or never visited)."""
    cutoff = (today or date.today()) - timedelta(days=days)
    last = _last_visit()
    return sa.or_(last.is_(None), last < cutoff)


def _like_any(text: str, *columns: Any) -> Any:
    pattern = f"%{like_escape(text)}%"
    return sa.or_(*[c.like(pattern, escape="\\") for c in columns])


@cache
def enterprises_listing() -> Listing:
    e, i, p = _t(Enterprise), _t(Instructor), _t(Person)
    persons = (
        sa.select(sa.func.count())
        .where(p.c.enterprise_id == e.c.id, p.c.deleted == sa.false())
        .scalar_subquery()
    )
    columns = [
        Column("name", "企业名称", e.c.name, width=220),
        Column("kind", "类型", e.c.kind, kind="label", vocabulary=ENTERPRISE_KINDS, width=110),
        Column("credit_code", "统一社会信用代码", e.c.credit_code, width=160),
        Column("town", "镇街", e.c.town, width=70),
        Column("liaison_leader", "分管领导", e.c.liaison_leader, width=70),
        Column("party_worker", "专职党务工作者", e.c.party_worker, width=100),
        Column("instructor", "党建指导员", i.c.name, width=80),
        Column("persons", "登记人员", persons, kind="int", width=70),
        Column("last_visit", "最近走访", _last_visit(), kind="date", width=90),
    ]
    return Listing(
        name="enterprises",
        table=e,
        columns=columns,
        from_clause=e.outerjoin(i, e.c.instructor_id == i.c.id),
        search=lambda text: _like_any(
            text, e.c.name, e.c.credit_code, e.c.contact_name, e.c.liaison_leader, i.c.name
        ),
        default_sort="name",
        search_joins=True,
        filters={
            "kind": lambda v: e.c.kind == v,
            "town": lambda v: e.c.town == v,
            "instructor": lambda v: e.c.instructor_id == v,
            "not_visited": lambda v: not_visited_since(int(v)),
        },
    )


@cache
def instructors_listing() -> Listing:
    i, c, e = _t(Instructor), _t(Committee), _t(Enterprise)
    enterprises = (
        sa.select(sa.func.count())
        .where(e.c.instructor_id == i.c.id, e.c.deleted == sa.false())
        .scalar_subquery()
    )
    columns = [
        Column("name", "姓名", i.c.name, width=80),
        Column("phone", "联系电话", i.c.phone, width=110),
        Column("unit", "工作单位", i.c.unit, width=200),
        Column("committee", "行业党委", c.c.name, width=140),
        Column("enterprises", "指导企业", enterprises, kind="int", width=70),
    ]
    return Listing(
        name="instructors",
        table=i,
        columns=columns,
        from_clause=i.outerjoin(c, i.c.committee_id == c.c.id),
        search=lambda text: _like_any(text, i.c.name, i.c.phone, i.c.unit),
        default_sort="name",
        filters={"committee": lambda v: i.c.committee_id == v},
    )
