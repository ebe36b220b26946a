"""Sign-ups and sign-ins at a desk.

Sign-ins are append-only rows, one per desk and person; the same person signed in again at this
desk writes nothing, and two desks that both signed one person in give two rows that count as one
attendee (attendance is the set of distinct persons).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from xhdesk.data.activities.cards import person_of_code
from xhdesk.data.activities.vocab import SIGNIN_METHODS
from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import UnitOfWork
from xhdesk.data.core.vocab import PARTY_STATUSES
from xhdesk.data.models import Branch, Person
from xhdesk.data.models.activities import Activity, ActivitySignin, ActivitySignup
from xhdesk.data.models.base import table_of
from xhdesk.data.points.flow import now_utc


@dataclass(frozen=True)
class SignIn:
    """What the desk shows after a sign-in."""

    person_id: str
    name: str
    already: bool  # signed in before (here or on a synced desk): nothing written

    def message(self) -> str:
        return f"{self.name} 已签到过" if self.already else f"{self.name} 签到成功"


def _open_activity(uow: UnitOfWork, activity_id: str) -> Activity:
    activity = get_live(uow, Activity, activity_id, "活动")
    if activity.closed:
        raise ValidationError("活动已关闭，不能再签到或报名。")
    return activity


def _started(activity: Activity) -> None:
    """Sign-in opens on the activity's day: a desk that picked the wrong activity hears it."""
    if activity.starts_at.date() > date.today():
        raise ValidationError(
            f"活动「{activity.title}」在{activity.starts_at:%Y-%m-%d}举行，当天方可签到"
            "（提前请用「报名」）。"
        )


def _person(uow: UnitOfWork, person_id: str) -> Person:
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("此人不在人员库中或已删除。")
    return person


def _has(uow: UnitOfWork, model: Any, activity_id: str, person_id: str) -> bool:
    t = table_of(model)
    stmt = sa.select(t.c.id).where(t.c.activity_id == activity_id, t.c.person_id == person_id)
    return uow.session.connection().execute(stmt.limit(1)).first() is not None


def _sign_in(uow: UnitOfWork, activity_id: str, person_id: str, method: str) -> SignIn:
    person = _person(uow, person_id)
    if _has(uow, ActivitySignin, activity_id, person_id):
        return SignIn(person_id, person.name, True)
    uow.add(
        ActivitySignin(
            activity_id=activity_id,
            person_id=person_id,
            method=method,
            author=uow.author[:30],
            node_id=uow.store.node_id,
            at=now_utc(),
        )
    )
    return SignIn(person_id, person.name, False)


def sign_in(
    store: Store,
    activity_id: str,
    person_id: str,
    method: str = "search",
    author: str | None = None,
) -> SignIn:
    """Sign one person in (found by the search or from a sheet)."""
    if method not in SIGNIN_METHODS:
        raise ValidationError("未知的签到方式。")
    with store.unit_of_work(author) as uow:
        _started(_open_activity(uow, activity_id))
        return _sign_in(uow, activity_id, person_id, method)


def sign_in_code(store: Store, activity_id: str, code: str, author: str | None = None) -> SignIn:
    """Sign in the holder of a scanned member card."""
    person_id = person_of_code(store, code)
    return sign_in(store, activity_id, person_id, "qr", author)


def sign_in_many(
    store: Store,
    activity_id: str,
    person_ids: Iterable[str],
    method: str = "sheet",
    author: str | None = None,
) -> list[SignIn]:
    """The ticked names of a sign-in sheet, in one transaction."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        raise ValidationError("请至少勾选一人。")
    with store.unit_of_work(author) as uow:
        _started(_open_activity(uow, activity_id))
        return [_sign_in(uow, activity_id, pid, method) for pid in ids]


def sign_up(store: Store, activity_id: str, person_id: str, author: str | None = None) -> bool:
    """Sign one person up; False if already signed up. Refused once the capacity is reached."""
    with store.unit_of_work(author) as uow:
        activity = _open_activity(uow, activity_id)
        _person(uow, person_id)
        if _has(uow, ActivitySignup, activity_id, person_id):
            return False
        t = table_of(ActivitySignup)
        taken = (
            uow.session.connection()
            .execute(
                sa.select(sa.func.count(sa.distinct(t.c.person_id))).where(
                    t.c.activity_id == activity_id
                )
            )
            .scalar_one()
        )
        if activity.capacity is not None and taken >= activity.capacity:
            raise ValidationError(f"报名人数已满（上限{activity.capacity}人）。")
        uow.add(
            ActivitySignup(
                activity_id=activity_id,
                person_id=person_id,
                author=uow.author[:30],
                node_id=store.node_id,
                at=now_utc(),
            )
        )
    return True


@dataclass(frozen=True)
class Attendee:
    person_id: str
    name: str
    branch: str
    method: str  # of the first sign-in
    at: datetime  # naive UTC, the first sign-in

    @property
    def method_label(self) -> str:
        return SIGNIN_METHODS.get(self.method, self.method)


def attendees(store: Store, activity_id: str) -> list[Attendee]:
    """Distinct persons signed in (on any desk), by their first sign-in."""
    t, p, b = table_of(ActivitySignin), table_of(Person), table_of(Branch)
    first = (
        sa.select(t.c.person_id, sa.func.min(t.c.at).label("at"))
        .where(t.c.activity_id == activity_id)
        .group_by(t.c.person_id)
        .subquery()
    )
    method = (
        sa.select(t.c.method)
        .where(
            t.c.activity_id == activity_id,
            t.c.person_id == first.c.person_id,
            t.c.at == first.c.at,
        )
        .order_by(t.c.id)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        sa.select(p.c.id, p.c.name, sa.func.coalesce(b.c.name, ""), method, first.c.at)
        .select_from(
            first.join(p, p.c.id == first.c.person_id).outerjoin(b, b.c.id == p.c.branch_id)
        )
        .order_by(first.c.at, p.c.name)
    )
    with store.engine.connect() as conn:
        return [Attendee(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class SheetPerson:
    person_id: str
    name: str
    unit: str  # branch, else station
    phone: str


def sheet_persons(store: Store, activity: Activity, limit: int = 300) -> list[SheetPerson]:
    """Who a printed sign-in sheet lists: those signed up, else the organiser's members."""
    p, b, u = table_of(Person), table_of(Branch), table_of(ActivitySignup)
    signed_up = sa.select(u.c.person_id).where(u.c.activity_id == activity.id)
    where: list[Any] = [p.c.deleted == sa.false()]
    with store.engine.connect() as conn:
        if conn.execute(signed_up.limit(1)).first() is not None:
            where.append(p.c.id.in_(signed_up))
        else:
            where.append(p.c.political_status.in_(PARTY_STATUSES))
            kind, oid = activity.organiser_kind, activity.organiser_id
            if kind == "branch":
                where.append(p.c.branch_id == oid)
            elif kind == "committee":
                where.append(p.c.branch_id.in_(sa.select(b.c.id).where(b.c.committee_id == oid)))
            elif kind == "station" or activity.station_id:
                where.append(p.c.station_id == (oid if kind == "station" else activity.station_id))
        stmt = (
            sa.select(p.c.id, p.c.name, sa.func.coalesce(b.c.name, ""), p.c.phone)
            .select_from(p.outerjoin(b, b.c.id == p.c.branch_id))
            .where(*where)
            .order_by(p.c.name_pinyin, p.c.id)
            .limit(limit)
        )
        return [SheetPerson(*row) for row in conn.execute(stmt)]
