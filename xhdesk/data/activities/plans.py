"""Planning activities: create, edit, close, list and read one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from xhdesk.data.activities.vocab import KINDS, ORGANISER_KINDS, STATES
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import apply_fields, get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import Branch, Committee, Station
from xhdesk.data.models.activities import Activity, ActivitySignin, ActivitySignup
from xhdesk.data.models.base import table_of
from xhdesk.data.models.points import PointRule
from xhdesk.data.points.flow import now_utc
from xhdesk.data.registry.units import node_unit_code

MAX_DAYS = 31  # an activity longer than a month is a typing slip


@dataclass(frozen=True)
class ActivityInput:
    """What a person types in the activity dialog."""

    title: str
    kind: str
    organiser_kind: str
    organiser_id: str
    starts_at: datetime
    ends_at: datetime
    station_id: str | None = None
    address: str = ""
    capacity: int | None = None
    description: str = ""
    rule_id: str | None = None


def _organiser_model(kind: str) -> Any:
    return {"branch": Branch, "committee": Committee, "station": Station}.get(kind)


def clean_activity(uow: UnitOfWork, data: ActivityInput) -> dict[str, Any]:
    """Validated, normalised fields of an activity; raises ValidationError in Chinese."""
    title = data.title.strip()
    if not title:
        raise ValidationError("请填写活动名称。", field="title")
    if data.kind not in KINDS:
        raise ValidationError("请选择活动类型。", field="kind")
    if data.organiser_kind not in ORGANISER_KINDS or not data.organiser_id:
        raise ValidationError("请选择组织单位。", field="organiser")
    model = _organiser_model(data.organiser_kind)
    if model is not None:
        get_live(uow, model, data.organiser_id, ORGANISER_KINDS[data.organiser_kind])
    if data.station_id:
        get_live(uow, Station, data.station_id, "活动阵地")
    elif not data.address.strip():
        raise ValidationError("请选择活动阵地或填写活动地址。", field="place")
    if data.ends_at <= data.starts_at:
        raise ValidationError("结束时间应晚于开始时间。", field="ends_at")
    if data.ends_at - data.starts_at > timedelta(days=MAX_DAYS):
        raise ValidationError(f"活动时长不能超过{MAX_DAYS}天。", field="ends_at")
    if data.capacity is not None and not 0 < data.capacity <= 100_000:
        raise ValidationError("人数上限应大于0，不限请留空。", field="capacity")
    if len(data.description) > 500:
        raise ValidationError("活动内容不能超过500个字。", field="description")
    if data.rule_id:
        rule = uow.session.get(PointRule, data.rule_id)
        if rule is None or rule.deleted:
            raise ValidationError("请选择积分细则。", field="rule")
    return {
        "title": title[:80],
        "kind": data.kind,
        "organiser_kind": data.organiser_kind,
        "organiser_id": data.organiser_id,
        "station_id": data.station_id or None,
        "address": data.address.strip()[:120],
        "starts_at": data.starts_at.replace(second=0, microsecond=0),
        "ends_at": data.ends_at.replace(second=0, microsecond=0),
        "capacity": data.capacity,
        "description": data.description.strip(),
        "rule_id": data.rule_id or None,
    }


def create_activity(store: Store, data: ActivityInput, author: str | None = None) -> str:
    """A new activity organised from this node; returns its id."""
    with store.unit_of_work(author) as uow:
        values = clean_activity(uow, data)
        activity = Activity(
            number=_next_number(uow, values["starts_at"].year),
            origin_node_id=store.node_id,
            created_by=uow.author[:30],
            created_at=now_utc(),
            **values,
        )
        uow.add(activity)
    return activity.id


def update_activity(
    store: Store, activity_id: str, data: ActivityInput, author: str | None = None
) -> Changes:
    with store.unit_of_work(author) as uow:
        activity = get_live(uow, Activity, activity_id, "活动")
        if activity.closed:
            raise ValidationError("活动已关闭，不能再修改。")
        apply_fields(activity, clean_activity(uow, data))
    return uow.changes


def _next_number(uow: UnitOfWork, year: int) -> str:
    """HD2026-S07-0012: numbered under this node's unit code, so that two nodes never hand out
    the same number."""
    prefix = node_unit_code(uow.session, uow.store)
    head = f"HD{year}-{prefix}-"
    a = table_of(Activity)
    last = (
        uow.session.connection()
        .execute(sa.select(sa.func.max(a.c.number)).where(a.c.number.like(head + "%")))
        .scalar()
    )
    n = int(last[len(head) :]) + 1 if last else 1
    return f"{head}{n:04d}"


def state_of(closed: bool, starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    if closed:
        return "closed"
    if now < starts_at:
        return "planned"
    return "open" if now <= ends_at else "ended"


@dataclass
class ActivityRow:
    """One line of the activity list."""

    id: str
    number: str
    title: str
    kind: str
    organiser: str
    place: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    signups: int
    attendees: int
    state: str

    @property
    def state_label(self) -> str:
        return STATES[self.state]


@dataclass(frozen=True)
class ActivityFilter:
    text: str = ""
    kind: str = ""
    state: str = ""  # planned / open / ended / closed, "" = all
    date_from: date | None = None
    date_to: date | None = None


def _organiser_name(session: Any, kind: str, organiser_id: str) -> str:
    model = _organiser_model(kind)
    row = session.get(model, organiser_id) if model is not None else None
    return getattr(row, "name", "") or ORGANISER_KINDS.get(kind, "")


def _organiser_names(conn: sa.Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(kind, id) → name, one query per kind (a list of 500 rows names ~100 organisers)."""
    out: dict[tuple[str, str], str] = {}
    for kind in {k for k, _ in keys}:
        model = _organiser_model(kind)
        if model is None:
            continue
        t = table_of(model)
        ids = [i for k, i in keys if k == kind]
        for oid, name in conn.execute(sa.select(t.c.id, t.c.name).where(t.c.id.in_(ids))):
            out[(kind, oid)] = name
    return out


def _count(model: Any, a: sa.Table) -> Any:
    t = table_of(model)
    return (
        sa.select(sa.func.count(sa.distinct(t.c.person_id)))
        .where(t.c.activity_id == a.c.id)
        .scalar_subquery()
    )


def _where(flt: ActivityFilter, now: datetime) -> list[Any]:
    a = table_of(Activity)
    where: list[Any] = [a.c.deleted == sa.false()]
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        where.append(sa.or_(a.c.title.like(like), a.c.number.like(like), a.c.address.like(like)))
    if flt.kind:
        where.append(a.c.kind == flt.kind)
    if flt.date_from:
        where.append(a.c.starts_at >= datetime.combine(flt.date_from, datetime.min.time()))
    if flt.date_to:
        where.append(
            a.c.starts_at < datetime.combine(flt.date_to + timedelta(days=1), datetime.min.time())
        )
    if flt.state == "closed":
        where.append(a.c.closed == sa.true())
    elif flt.state:
        where.append(a.c.closed == sa.false())
        where.append(
            {
                "planned": a.c.starts_at > now,
                "open": sa.and_(a.c.starts_at <= now, a.c.ends_at >= now),
            }.get(flt.state, a.c.ends_at < now)
        )
    return where


def count_activities(store: Store, flt: ActivityFilter = ActivityFilter()) -> int:
    """How many activities match ``flt`` (the list shows the latest ``limit`` of them)."""
    stmt = sa.select(sa.func.count()).select_from(table_of(Activity))
    with store.engine.connect() as conn:
        return int(conn.execute(stmt.where(*_where(flt, datetime.now()))).scalar_one())


def list_activities(
    store: Store, flt: ActivityFilter = ActivityFilter(), limit: int = 500
) -> list[ActivityRow]:
    """Activities matching ``flt``, latest first (counts in SQL, names looked up per row)."""
    a, s = table_of(Activity), table_of(Station)
    now = datetime.now()
    where = _where(flt, now)
    # the page first (from the order index), then the counts for its rows only
    page = (
        sa.select(a.c.id)
        .where(*where)
        .order_by(a.c.starts_at.desc(), a.c.number.desc())
        .limit(limit)
        .subquery()
    )
    stmt = (
        sa.select(
            a.c.id, a.c.number, a.c.title, a.c.kind, a.c.organiser_kind, a.c.organiser_id,
            sa.func.coalesce(s.c.name, a.c.address), a.c.starts_at, a.c.ends_at, a.c.capacity,
            _count(ActivitySignup, a), _count(ActivitySignin, a), a.c.closed,
        )
        .select_from(page.join(a, a.c.id == page.c.id).outerjoin(s, a.c.station_id == s.c.id))
        .order_by(a.c.starts_at.desc(), a.c.number.desc())
    )  # fmt: skip
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        names = _organiser_names(conn, {(r[4], r[5]) for r in rows})
    out = [
        ActivityRow(
            r[0], r[1], r[2], r[3], names.get((r[4], r[5]), ORGANISER_KINDS.get(r[4], "")),
            r[6] or "", r[7], r[8], r[9], r[10], r[11], state_of(bool(r[12]), r[7], r[8], now),
        )
        for r in rows
    ]  # fmt: skip
    return out


def get_activity(store: Store, activity_id: str) -> Activity:
    with store.session() as session:
        activity = get_live(session, Activity, activity_id, "活动")
        session.expunge(activity)
        return activity


def activity_place(store: Store, activity: Activity) -> str:
    """The station's name (and address), or the typed address."""
    if activity.station_id:
        with store.session() as session:
            station = session.get(Station, activity.station_id)
            if station is not None:
                return f"{station.name}（{station.address}）" if station.address else station.name
    return activity.address


def organiser_name(store: Store, activity: Activity) -> str:
    with store.session() as session:
        return _organiser_name(session, activity.organiser_kind, activity.organiser_id)
