"""The review flow: branch review, committee confirmation, and the shared step machinery.

Every step appends one ``DeclarationEvent`` per declaration, after checking that this node's role
may take it and that the declaration is in a state the step applies to. A batch step is all or
nothing: one refused declaration rolls the whole unit of work back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import NotFoundError, ValidationError, WorkflowError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import Person
from xhdesk.data.models.points import (
    STEP_ROLES,
    Declaration,
    DeclarationEvent,
    PointRule,
)
from xhdesk.data.points.scope import node_scope
from xhdesk.data.points.state import confirmed_points_sql, derive_state, latest, state_sql
from xhdesk.data.points.vocab import CONFIRMED_STATES, STATES

EPSILON = 1e-9


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Loaded:
    """A declaration with what a step needs to judge it."""

    declaration: Declaration
    events: list[DeclarationEvent]
    rule: PointRule
    person_name: str

    @property
    def state(self) -> str:
        return derive_state(self.events)

    @property
    def quantity(self) -> float:
        fix = [ev for ev in self.events if ev.kind == "resubmitted" and ev.quantity is not None]
        return fix[-1].quantity if fix else self.declaration.quantity  # type: ignore[return-value]

    @property
    def claimed_points(self) -> float:
        return round(self.rule.points * self.quantity, 2)

    @property
    def confirmed_points(self) -> float | None:
        ev = latest(self.events, "committee_confirmed")
        return ev.points if ev is not None else None

    def describe(self) -> str:
        return f"申报 {self.declaration.number}（{self.person_name}）"


def load(session: Any, declaration_id: str) -> Loaded:
    decl = session.get(Declaration, declaration_id)
    if decl is None:
        raise NotFoundError("积分申报不存在。")
    events = list(
        session.exec(select(DeclarationEvent).where(DeclarationEvent.declaration_id == decl.id))
    )
    events.sort(key=lambda ev: (ev.hlc, ev.id))
    rule = session.get(PointRule, decl.rule_id)
    person = session.get(Person, decl.person_id)
    return Loaded(decl, events, rule, person.name if person else "")


def append_event(
    uow: UnitOfWork, declaration_id: str, kind: str, **fields: Any
) -> DeclarationEvent:
    store = uow.store
    event = DeclarationEvent(
        declaration_id=declaration_id,
        kind=kind,
        author=uow.author[:30],
        node_id=store.node_id,
        node_role=store.node_role,
        at=now_utc(),
        hlc=store.clock.tick(),
        **fields,
    )
    uow.add(event)
    uow.flush()
    return event


Check = Callable[[UnitOfWork, Loaded], dict[str, Any]]


def take_step(
    store: Store,
    ids: Iterable[str],
    kind: str,
    *,
    allowed_from: tuple[str, ...],
    action: str,
    author: str | None = None,
    reason: str = "",
    check: Check | None = None,
) -> Changes:
    """Append ``kind`` to each declaration in ``ids`` (all or nothing)."""
    require_role(store.node_role, STEP_ROLES[kind], action)
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise ValidationError("请先选择要办理的积分申报。")
    scope = node_scope(store)
    with store.unit_of_work(author) as uow:
        for declaration_id in ids:
            item = load(uow.session, declaration_id)
            if kind not in ("submitted", "resubmitted", "objection_raised"):
                scope.check(item.declaration, action)
            if item.state not in allowed_from:
                raise WorkflowError(
                    f"{item.describe()}当前为「{STATES[item.state]}」，不能{action}。"
                )
            extra = check(uow, item) if check else {}
            append_event(uow, declaration_id, kind, reason=reason, **extra)
    return uow.changes


def need_reason(reason: str, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(f"请填写{what}。", field="reason")
    if len(text) > 500:
        raise ValidationError(f"{what}不能超过500个字。", field="reason")
    return text


# -- branch review -------------------------------------------------------------------------------
def approve(store: Store, ids: Iterable[str], author: str | None = None, note: str = "") -> Changes:
    """党支部审核通过."""
    return take_step(
        store,
        ids,
        "branch_approved",
        allowed_from=("submitted",),
        action="审核通过",
        author=author,
        reason=note.strip(),
        check=_review_caps,
    )


def _review_caps(uow: UnitOfWork, item: Loaded) -> dict[str, Any]:
    check_caps(uow, item, item.claimed_points, REVIEW_ADVICE)
    return {}


def return_to_declarant(
    store: Store, ids: Iterable[str], reason: str, author: str | None = None
) -> Changes:
    """党支部退回 (with the reason the declarant reads)."""
    reason = need_reason(reason, "退回原因")
    return take_step(
        store,
        ids,
        "branch_returned",
        allowed_from=("submitted",),
        action="退回",
        author=author,
        reason=reason,
    )


def resubmit(
    store: Store,
    declaration_id: str,
    *,
    quantity: float | None = None,
    note: str = "",
    author: str | None = None,
) -> Changes:
    """Send a returned declaration back to the branch, optionally with a corrected quantity."""
    if quantity is not None and quantity <= 0:
        raise ValidationError("数量应大于0。", field="quantity")
    return take_step(
        store,
        [declaration_id],
        "resubmitted",
        allowed_from=("returned",),
        action="重新提交",
        author=author,
        reason=note.strip(),
        check=lambda _u, _i: {"quantity": quantity},
    )


# -- committee confirmation -----------------------------------------------------------------------
def confirm(
    store: Store,
    ids: Iterable[str],
    *,
    points: dict[str, float] | None = None,
    author: str | None = None,
    note: str = "",
) -> Changes:
    """党委认定: confirm the claimed points (or a reduced value per id), within the rule's caps."""
    overrides = points or {}

    def check(uow: UnitOfWork, item: Loaded) -> dict[str, Any]:
        value = overrides.get(item.declaration.id, item.claimed_points)
        if item.claimed_points >= 0 and not 0 <= value <= item.claimed_points + EPSILON:
            raise ValidationError(
                f"{item.describe()}认定分值应在0到{fmt(item.claimed_points)}分之间。"
            )
        check_caps(uow, item, value)
        return {"points": value}

    return take_step(
        store,
        ids,
        "committee_confirmed",
        allowed_from=("approved",),
        action="认定积分",
        author=author,
        reason=note.strip(),
        check=check,
    )


def reject(store: Store, ids: Iterable[str], reason: str, author: str | None = None) -> Changes:
    """党委不予认定 (before the notice starts)."""
    reason = need_reason(reason, "不予认定的原因")
    return take_step(
        store,
        ids,
        "committee_rejected",
        allowed_from=("approved", "confirmed"),
        action="不予认定",
        author=author,
        reason=reason,
    )


def fmt(value: float) -> str:
    return f"{value:g}"


def _used(uow: UnitOfWork, item: Loaded, start: date, end: date) -> float:
    d = Declaration.__table__  # type: ignore[attr-defined]
    inner = (
        sa.select(confirmed_points_sql(d.c.id).label("p"), state_sql(d.c.id).label("s"))
        .where(
            d.c.person_id == item.declaration.person_id,
            d.c.rule_id == item.declaration.rule_id,
            d.c.deed_date >= start,
            d.c.deed_date < end,
            d.c.id != item.declaration.id,
        )
        .subquery()
    )
    total = sa.select(sa.func.coalesce(sa.func.sum(inner.c.p), 0.0)).where(
        inner.c.s.in_(CONFIRMED_STATES)
    )
    return float(uow.session.connection().execute(total).scalar() or 0.0)


CONFIRM_ADVICE = "可按剩余{left}分认定，或不予认定。"
REVIEW_ADVICE = "请退回申报人修改数量（剩余{left}分），或与党委沟通。"
DECLARE_ADVICE = "请减少数量（本期最多还可申报{left}分），不同月份请分开申报。"


def check_caps(uow: UnitOfWork, item: Loaded, value: float, advice: str = CONFIRM_ADVICE) -> None:
    """Refuse a step that would take the person past the rule's monthly or yearly cap.

    Checked at 申报, 审核 and 认定 (each against what is already confirmed), so that a claim
    beyond the cap is stopped where it is typed, not two steps later.
    """
    rule, deed = item.rule, item.declaration.deed_date
    if value <= 0:
        return
    month_start = deed.replace(day=1)
    next_month = date(deed.year + deed.month // 12, deed.month % 12 + 1, 1)
    spans = (
        (rule.monthly_cap, month_start, next_month, f"{deed.year}年{deed.month}月", "每月"),
        (
            rule.yearly_cap,
            date(deed.year, 1, 1),
            date(deed.year + 1, 1, 1),
            f"{deed.year}年",
            "每年",
        ),
    )
    for cap, start, end, period, per in spans:
        if cap is None:
            continue
        used = _used(uow, item, start, end)
        if used + value > cap + EPSILON:
            left = max(cap - used, 0.0)
            raise WorkflowError(
                f"超出积分上限：{item.person_name}「{rule.title}」{per}最多{fmt(cap)}分，"
                f"{period}已认定{fmt(used)}分，本次{fmt(value)}分。" + advice.format(left=fmt(left))
            )
