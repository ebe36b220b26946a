"""The registry's listings: stations and persons, with their search and filters."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.listing import Column, Listing, like_escape
from xhdesk.data.core.pinyin import normalise_query
from xhdesk.data.core.vocab import (
    HOST_TYPES,
    OCCUPATIONS,
    PARTY_STATUSES,
    POLITICAL_STATUSES,
    STATION_KINDS,
    STATION_STATUSES,
)
from xhdesk.data.models import Branch, Enterprise, Person, Station
from xhdesk.data.registry.search_index import PersonKeys


def _t(model: Any) -> sa.Table:
    return model.__table__


def _prefix(column: Any, prefix: str) -> Any:
    """``column`` starts with ``prefix`` as a range, so the column's own index can answer it."""
    return sa.and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def person_search(text: str) -> Any:
    """The one person search (members tab, pickers, intake, ``xhdesk persons``).

    汉字 in the name; pinyin or initials by either reading of the surname, or the given name's
    pinyin ("zhang san", "yuchi", "weichi", "xinghai"); digits in the phone or the end of the ID
    number. The query is normalised first (full-width, spaces, case). Digits use GLOB and the
    name instr(), over the covering index ``ix_person_live_order``; pinyin is a union of index
    ranges (name_pinyin, name_initials, name_given) and a scan of the small partial index of
    second readings (``ix_person_alt_keys``), so a pinyin keystroke stays an index lookup.
    """
    p = _t(Person).c
    text = normalise_query(text)
    if re.fullmatch(r"1\d{10}|\d{17}[\dX]", text):  # a whole mobile or ID number: its index
        return _exact(p.phone if len(text) == 11 else p.id_number, text)
    if re.fullmatch(r"\d+X?", text):
        return sa.or_(p.phone.op("GLOB")(f"*{text}*"), p.id_number.op("GLOB")(f"*{text}"))
    if re.fullmatch(r"[a-z]+", text):
        return _pinyin_match(text)
    return sa.func.instr(p.name, text) > 0


def _exact(column: Any, text: str) -> Any:
    """Persons whose ``column`` is ``text``. The pinyin of the few such persons, found through the
    column's own index, lets the page be read by seeks into ``ix_person_live_order`` (deleted,
    name_pinyin, …) in its own order, instead of a walk past 100,000 entries for one match."""
    key = _t(Person).alias("k_exact")
    names = sa.select(key.c.name_pinyin).where(key.c[column.key] == text)
    rowids: Any = sa.select(sa.literal_column("k_exact.rowid")).where(key.c[column.key] == text)
    return sa.and_(
        _t(Person).c.name_pinyin.in_(names),
        sa.literal_column("person.rowid").in_(rowids),  # and the count by rowid, not by status
        column == text,
    )


def _pinyin_match(text: str) -> Any:
    """A name that starts, by any reading, with pinyin or initials ``text``: index lookups.

    The surname reading and the initials keep the order index's own range (the page is read
    straight from it); the given name and the second reading add the rowids they find through
    their own indexes.
    """
    p = _t(Person).c
    given = _t(Person).alias("k_given")
    alt = _t(Person).alias("k_alt")
    others: Any = sa.union_all(
        sa.select(sa.literal_column("k_given.rowid")).where(_prefix(given.c.name_given, text)),
        sa.select(sa.literal_column("k_alt.rowid")).where(
            alt.c.name_alt_keys != "", sa.func.instr(alt.c.name_alt_keys, " " + text) > 0
        ),
    )
    return sa.or_(
        _prefix(p.name_pinyin, text),
        _prefix(p.name_initials, text),
        sa.literal_column("person.rowid").in_(others),
    )


def verification_state(value: str) -> Any:
    p = _t(Person).c
    org, ind = p.org_checked_on.is_not(None), p.industry_checked_on.is_not(None)
    party = p.political_status.in_(PARTY_STATUSES)
    return {
        "both": sa.and_(party, org, ind),
        "one": sa.and_(party, sa.or_(org, ind), sa.not_(sa.and_(org, ind))),
        "none": sa.and_(party, sa.not_(org), sa.not_(ind)),
    }[value]


def verification_label() -> Any:
    p = _t(Person).c
    org, ind = p.org_checked_on.is_not(None), p.industry_checked_on.is_not(None)
    return sa.case(
        (sa.not_(p.political_status.in_(PARTY_STATUSES)), ""),
        (sa.and_(org, ind), "双核完成"),
        (sa.or_(org, ind), "已核一项"),
        else_="未核实",
    )


def index_order(c: Any) -> tuple:
    """Pinyin order, ties broken in the column order of ``ix_person_live_order`` (no sort step)."""
    from xhdesk.data.models.registry_indexes import PERSON_LIVE_ORDER_COLUMNS

    return tuple(c[name] for name in PERSON_LIVE_ORDER_COLUMNS[1:])


@cache
def persons_listing() -> Listing:
    p, e, b, s = _t(Person), _t(Enterprise), _t(Branch), _t(Station)
    joined = (
        p.outerjoin(e, p.c.enterprise_id == e.c.id)
        .outerjoin(b, p.c.branch_id == b.c.id)
        .outerjoin(s, p.c.station_id == s.c.id)
    )
    columns = [
        Column("name", "姓名", p.c.name, sort_expr=index_order(p.c), width=80),
        Column("gender", "性别", p.c.gender, width=44),
        Column("id_number", "身份证号", p.c.id_number, kind="id_number", width=150),
        Column("phone", "手机号", p.c.phone, kind="phone", width=110),
        Column(
            "occupation", "职业群体", p.c.occupation, kind="label", vocabulary=OCCUPATIONS, width=84
        ),
        Column(
            "political_status",
            "政治面貌",
            p.c.political_status,
            kind="label",
            vocabulary=POLITICAL_STATUSES,
            width=96,
        ),
        Column("enterprise", "所属企业", e.c.name, width=200),
        Column("branch", "所在党支部", b.c.name, width=170),
        Column("station", "常驻驿站", s.c.name, width=180),
        Column("verification", "双核", verification_label(), width=72),
        Column("joined_party_on", "入党日期", p.c.joined_party_on, kind="date", width=90),
    ]
    return Listing(
        name="persons",
        table=p,
        columns=columns,
        from_clause=joined,
        search=person_search,
        key_index=PersonKeys(),
        default_sort="name",
        join_filters=frozenset({"committee"}),
        filters={
            "occupation": lambda v: p.c.occupation == v,
            "political_status": lambda v: (
                p.c.political_status.in_(PARTY_STATUSES)
                if v == "party"
                else p.c.political_status == v
            ),
            "committee": lambda v: b.c.committee_id == v,
            "branch": lambda v: p.c.branch_id == v,
            "enterprise": lambda v: p.c.enterprise_id == v,
            "station": lambda v: p.c.station_id == v,
            "verification": verification_state,
            "mobile": lambda v: p.c.membership_relation == "mobile",
            "status": lambda v: p.c.status == v,
            "unverified_claims": lambda v: verification_state("none"),
            "unattached_members": lambda v: sa.and_(
                p.c.political_status.in_(PARTY_STATUSES),
                p.c.enterprise_id.is_(None),
                p.c.station_id.is_(None),
            ),
        },
    )


def station_search(text: str) -> Any:
    s = _t(Station).c
    pattern = f"%{like_escape(text)}%"
    return sa.or_(
        s.name.like(pattern, escape="\\"),
        s.address.like(pattern, escape="\\"),
        s.manager.like(pattern, escape="\\"),
        s.phone.like(pattern, escape="\\"),
        s.code.like(pattern, escape="\\"),
    )


@cache
def stations_listing() -> Listing:
    s = _t(Station)
    members = (
        sa.select(sa.func.count())
        .select_from(_t(Person))
        .where(_t(Person).c.station_id == s.c.id, _t(Person).c.deleted == sa.false())
        .scalar_subquery()
    )
    columns = [
        Column("code", "编号", s.c.code, width=50),
        Column("name", "名称", s.c.name, width=230),
        Column("kind", "类型", s.c.kind, kind="label", vocabulary=STATION_KINDS, width=130),
        Column("town", "镇街", s.c.town, width=80),
        Column(
            "host_type", "依托场所", s.c.host_type, kind="label", vocabulary=HOST_TYPES, width=100
        ),
        Column("manager", "负责人", s.c.manager, width=70),
        Column("phone", "联系电话", s.c.phone, width=110),
        Column("opening_hours", "开放时间", s.c.opening_hours, width=150),
        Column("persons", "常驻人员", members, kind="int", width=70),
        Column("status", "状态", s.c.status, kind="label", vocabulary=STATION_STATUSES, width=70),
    ]
    return Listing(
        name="stations",
        table=s,
        columns=columns,
        from_clause=s,
        search=station_search,
        default_sort="code",
        filters={
            "kind": lambda v: s.c.kind == v,
            "town": lambda v: s.c.town == v,
            "status": lambda v: s.c.status == v,
            "host_type": lambda v: s.c.host_type == v,
        },
    )
