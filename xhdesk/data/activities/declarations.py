"""From attendance to points: one declaration per attendee, already 申报, for branch review.

Never a duplicate, whatever the desks and the sync packages do:

* Sign-ins from any number of desks are append-only rows; the attendees are the distinct persons.
* Only the node that created the activity (``Activity.origin_node_id``) generates declarations —
  the other desks' sign-ins reach it by sync. So no two nodes ever insert a declaration for the
  same (activity, person), and the importer never sees a second insert of one id with other
  content (which it would quarantine).
* Each declaration's id is derived from (activity, person) and its ``batch_id`` is the activity's
  id; inside the write transaction, persons who already have one are skipped. Generating again
  (after more sign-ins arrived) adds only the new attendees.
* A person who already has a declaration of the same rule on the same day (typed by hand) is
  skipped too, as is anyone a declaration would take past the rule's cap; the summary says who.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from xhdesk.data.activities.vocab import KIND_RULES, KINDS
from xhdesk.data.core.errors import PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import UnitOfWork
from xhdesk.data.models import Branch, Node, Person, Station
from xhdesk.data.models.activities import Activity, ActivitySignin
from xhdesk.data.models.base import table_of
from xhdesk.data.models.points import Declaration, PointRule
from xhdesk.data.points.declarations import _next_number
from xhdesk.data.points.flow import DECLARE_ADVICE, Loaded, append_event, check_caps, now_utc
from xhdesk.data.points.state import state_sql

NAMESPACE = uuid.UUID("6f1c2a0e-5b7d-4e53-9a51-17a0c7d2e001")


def declaration_id_for(activity_id: str, person_id: str) -> str:
    """The id of the declaration an activity makes for one attendee (the same on every node)."""
    return str(uuid.uuid5(NAMESPACE, f"activity|{activity_id}|{person_id}"))


@dataclass
class Generated:
    """What 生成积分申报 did: how many declarations, and who was skipped and why."""

    created: int = 0
    existing: int = 0  # attendees who already had this activity's declaration
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    rule_title: str = ""
    closed: bool = False

    def summary(self) -> str:
        text = f"已生成积分申报 {self.created} 条（细则：{self.rule_title}）"
        if self.existing:
            text += f"，{self.existing} 人此前已生成"
        if self.skipped:
            text += f"，{len(self.skipped)} 人未生成：" + "；".join(
                f"{name}（{why}）" for name, why in self.skipped[:5]
            )
            if len(self.skipped) > 5:
                text += " 等"
        return text + "。"


def rule_for(session: Any, activity: Activity) -> PointRule:
    """The activity's own rule, else the catalogue's rule for its kind."""
    if activity.rule_id:
        rule = session.get(PointRule, activity.rule_id)
        if rule is not None and not rule.deleted:
            return rule
    code, category = KIND_RULES[activity.kind]
    year = activity.starts_at.year
    p = table_of(PointRule)
    in_force = sa.and_(
        p.c.deleted == sa.false(),
        p.c.valid_from <= year,
        sa.or_(p.c.valid_to.is_(None), p.c.valid_to >= year),
        p.c.points > 0,
    )
    conn = session.connection()
    rule_id = conn.execute(sa.select(p.c.id).where(in_force, p.c.code == code).limit(1)).scalar()
    if rule_id is None:
        rule_id = conn.execute(
            sa.select(p.c.id)
            .where(in_force, p.c.category == category)
            .order_by((p.c.kind != "base"), p.c.code)
            .limit(1)
        ).scalar()
    if rule_id is None:
        raise ValidationError(
            f"积分细则中没有适用于「{KINDS[activity.kind]}」活动的细则，请先在积分细则中添加。"
        )
    found: PointRule = session.get(PointRule, rule_id)
    return found


def quantity_for(activity: Activity, rule: PointRule) -> float:
    """Per-hour rules count the activity's hours (in halves); the others count once."""
    if rule.unit != "hour":
        return 1.0
    hours = (activity.ends_at - activity.starts_at).total_seconds() / 3600
    return max(0.5, round(hours * 2) / 2)


def generate_declarations(
    store: Store,
    activity_id: str,
    *,
    close: bool = False,
    author: str | None = None,
    today: date | None = None,
) -> Generated:
    """生成积分申报 (and, with ``close``, 关闭活动) in one transaction."""
    out = Generated()
    with store.unit_of_work(author) as uow:
        activity = get_live(uow, Activity, activity_id, "活动")
        _check_origin(uow, activity)
        if activity.starts_at.date() > (today or date.today()):
            raise ValidationError("活动尚未开始，不能生成积分申报。")
        rule = rule_for(uow.session, activity)
        out.rule_title = rule.title
        for person_id in _attendees_without(uow, activity.id):
            _declare_one(uow, activity, rule, person_id, out)
        out.existing = _count_existing(uow, activity.id) - out.created
        if close and not activity.closed:
            activity.closed = True
            out.closed = True
    return out


def close_activity(store: Store, activity_id: str, author: str | None = None) -> Generated:
    """关闭活动: generate the attendees' declarations and close it, in one step."""
    return generate_declarations(store, activity_id, close=True, author=author)


def _check_origin(uow: UnitOfWork, activity: Activity) -> None:
    if activity.origin_node_id == uow.store.node_id:
        return
    node = uow.session.get(Node, activity.origin_node_id)
    name = node.name if node is not None else "发起节点"
    raise PermissionDenied(
        f"积分申报由发起本活动的节点（{name}）统一生成；本机的签到会随同步包送达该节点。"
    )


def _attendees_without(uow: UnitOfWork, activity_id: str) -> list[str]:
    """Distinct signed-in persons with no declaration from this activity yet, by first sign-in."""
    t, d = table_of(ActivitySignin), table_of(Declaration)
    has = sa.select(d.c.person_id).where(d.c.batch_id == activity_id)
    stmt = (
        sa.select(t.c.person_id)
        .where(t.c.activity_id == activity_id, t.c.person_id.not_in(has))
        .group_by(t.c.person_id)
        .order_by(sa.func.min(t.c.at), t.c.person_id)
    )
    return list(uow.session.connection().execute(stmt).scalars())


def _count_existing(uow: UnitOfWork, activity_id: str) -> int:
    return _count(uow.session.connection(), activity_id)


def _count(conn: sa.Connection, activity_id: str) -> int:
    d = table_of(Declaration)
    stmt = sa.select(sa.func.count()).where(d.c.batch_id == activity_id)
    return int(conn.execute(stmt).scalar_one())


def declared_count(store: Store, activity_id: str) -> int:
    """How many declarations this activity has made (on its organiser's node, then synced)."""
    with store.engine.connect() as conn:
        return _count(conn, activity_id)


def _same_deed(uow: UnitOfWork, person_id: str, rule_id: str, day: date) -> str | None:
    d = table_of(Declaration)
    stmt = sa.select(d.c.number).where(
        d.c.person_id == person_id,
        d.c.rule_id == rule_id,
        d.c.deed_date == day,
        state_sql(d.c.id) != "rejected",
    )
    number: str | None = uow.session.connection().execute(stmt.limit(1)).scalar()
    return number


def _declare_one(
    uow: UnitOfWork, activity: Activity, rule: PointRule, person_id: str, out: Generated
) -> None:
    decl_id = declaration_id_for(activity.id, person_id)
    if uow.session.get(Declaration, decl_id) is not None:
        return  # made before under another batch (cannot happen unless data was edited by hand)
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted:
        out.skipped.append(("（已删除人员）", "不在人员库中"))
        return
    if not person.branch_id:
        out.skipped.append((person.name, "未编入党支部，积分由党支部审核"))
        return
    day = activity.starts_at.date()
    number = _same_deed(uow, person_id, rule.id, day)
    if number:
        out.skipped.append((person.name, f"当天已有同一细则的申报 {number}"))
        return
    branch = uow.session.get(Branch, person.branch_id)
    station_id = activity.station_id or person.station_id
    if station_id and uow.session.get(Station, station_id) is None:
        station_id = None
    decl = Declaration(
        id=decl_id,
        number="",
        person_id=person.id,
        rule_id=rule.id,
        quantity=quantity_for(activity, rule),
        deed_date=day,
        place=_place(uow, activity)[:80],
        description=f"参加活动「{activity.title}」（{activity.number}），签到为证。",
        declared_by=uow.author[:30],
        origin_node_id=uow.store.node_id,
        station_id=station_id,
        branch_id=person.branch_id,
        committee_id=branch.committee_id if branch else None,
        batch_id=activity.id,
        created_at=now_utc(),
    )
    claim = Loaded(decl, [], rule, person.name)
    try:
        check_caps(uow, claim, claim.claimed_points, DECLARE_ADVICE)
    except WorkflowError:
        out.skipped.append((person.name, "超出积分上限"))
        return
    decl.number = _next_number(uow, day.year)  # under this node's unit code
    uow.add(decl)
    uow.flush()
    append_event(uow, decl.id, "submitted")
    out.created += 1


def _place(uow: UnitOfWork, activity: Activity) -> str:
    if activity.station_id:
        station = uow.session.get(Station, activity.station_id)
        if station is not None:
            return station.name
    return activity.address
