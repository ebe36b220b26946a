"""Public notice (公示): starting it, objections during it, and points taking effect after it.

Points take effect the day after the notice ends. ``settle_due`` writes the ``effective`` event and
the ledger entry with ids derived from the declaration id, so two nodes that both settle the same
declaration produce the same rows and sync merges them into one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.core.pinyin import sort_key
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import Branch
from xhdesk.data.models.points import CONFIRM_ROLES, Declaration, LedgerEntry
from xhdesk.data.points.flow import Loaded, append_event, load, need_reason, take_step
from xhdesk.data.points.scope import node_scope
from xhdesk.data.points.settings import get_setting, notice_days
from xhdesk.data.points.state import latest, status_table
from xhdesk.data.points.vocab import CATEGORIES, KINDS

_NAMESPACE = uuid.UUID("0c5d8a63-7d3e-4f8e-8a39-5b0f6f3e2c90")


def derived_id(declaration_id: str, what: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{what}:{declaration_id}"))


def notice_period(item: Loaded) -> tuple[date, date] | None:
    ev = latest(item.events, "notice_started")
    if ev is None or ev.period_start is None or ev.period_end is None:
        return None
    return ev.period_start, ev.period_end


def ids_in_state(store: Store, *states: str, committee_id: str | None = None) -> list[str]:
    d = Declaration.__table__  # type: ignore[attr-defined]
    stmt = (
        sa.select(d.c.id)
        .join(status_table, status_table.c.declaration_id == d.c.id)
        .where(status_table.c.state.in_(states))
    )
    if committee_id:
        stmt = stmt.where(d.c.committee_id == committee_id)
    with store.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


def start_notice(
    store: Store,
    ids: Iterable[str] | None = None,
    *,
    start: date | None = None,
    days: int | None = None,
    author: str | None = None,
) -> Changes:
    """Put confirmed declarations into public notice; ``ids=None``: all of this node's committee."""
    start = start or date.today()
    days = days or notice_days(store)
    if days < 1:
        raise ValidationError("公示天数应至少为1天。")
    if ids is None:
        ids = ids_in_state(store, "confirmed", committee_id=node_scope(store).committee_id)
        if not ids:
            raise WorkflowError("没有待公示的积分申报。")
    end = start + timedelta(days=days - 1)
    return take_step(
        store,
        ids,
        "notice_started",
        allowed_from=("confirmed",),
        action="开始公示",
        author=author,
        check=lambda _u, _i: {"period_start": start, "period_end": end},
    )


def raise_objection(
    store: Store,
    declaration_id: str,
    content: str,
    *,
    today: date | None = None,
    author: str | None = None,
) -> Changes:
    """Record an objection (异议) received during the notice; it goes back to the committee."""
    content = need_reason(content, "异议内容")
    today = today or date.today()

    def check(_uow: UnitOfWork, item: Loaded) -> dict[str, Any]:
        period = notice_period(item)
        if period is None or not period[0] <= today <= period[1]:
            end = f"已于{period[1]:%Y-%m-%d}结束" if period else "未开始"
            raise WorkflowError(f"{item.describe()}的公示期{end}，不能提出异议。")
        return {}

    return take_step(
        store,
        [declaration_id],
        "objection_raised",
        allowed_from=("in_notice",),
        action="登记异议",
        author=author,
        reason=content,
        check=check,
    )


def uphold_objection(
    store: Store, declaration_id: str, reason: str, author: str | None = None
) -> Changes:
    """异议成立: the declaration is not confirmed after all."""
    return _decide_objection(store, declaration_id, "objection_upheld", reason, author)


def dismiss_objection(
    store: Store, declaration_id: str, reason: str, author: str | None = None
) -> Changes:
    """异议不成立: the notice continues to its original end."""
    return _decide_objection(store, declaration_id, "objection_dismissed", reason, author)


def _decide_objection(
    store: Store, declaration_id: str, kind: str, reason: str, author: str | None
) -> Changes:
    return take_step(
        store,
        [declaration_id],
        kind,
        allowed_from=("objected",),
        action="处理异议",
        author=author,
        reason=need_reason(reason, "处理意见"),
    )


def settle_due(store: Store, *, today: date | None = None, author: str | None = None) -> Changes:
    """Make every declaration whose notice ended before ``today`` effective, into the ledger."""
    require_role(store.node_role, CONFIRM_ROLES, "使公示期满的积分生效")
    today = today or date.today()
    candidates = ids_in_state(store, "in_notice")
    with store.unit_of_work(author if author is not None else "系统") as uow:
        for declaration_id in candidates:
            item = load(uow.session, declaration_id)
            period = notice_period(item)
            if item.state != "in_notice" or period is None or period[1] >= today:
                continue
            _make_effective(uow, item, period[1] + timedelta(days=1))
    return uow.changes


def _make_effective(uow: UnitOfWork, item: Loaded, effective_on: date) -> None:
    decl, rule = item.declaration, item.rule
    points = item.confirmed_points if item.confirmed_points is not None else item.claimed_points
    append_event(uow, decl.id, "effective", id=derived_id(decl.id, "effective"))
    uow.add(
        LedgerEntry(
            id=derived_id(decl.id, "ledger"),
            person_id=decl.person_id,
            declaration_id=decl.id,
            rule_id=rule.id,
            category=rule.category,
            kind=rule.kind,
            points=points,
            year=decl.deed_date.year,
            deed_date=decl.deed_date,
            effective_on=effective_on,
            note=rule.title[:200],
        )
    )
    uow.flush()


def public_notice(store: Store, as_of: date | None = None) -> dict[str, Any]:
    """The content of the notice on ``as_of``: declarations whose notice period covers that day.

    Rows carry no ID numbers or phones. Without rows the period is the one a notice started on
    ``as_of`` would have.
    """
    as_of = as_of or date.today()
    rows, starts, ends = [], [], []
    with store.session() as session:
        for declaration_id in ids_in_state(store, "in_notice", "objected"):
            item = load(session, declaration_id)
            period = notice_period(item)
            if period is None or not period[0] <= as_of <= period[1]:
                continue
            starts.append(period[0])
            ends.append(period[1])
            rows.append(_notice_row(session, item))
    rows.sort(key=lambda r: (r["branch"], sort_key(r["name"])))
    start = min(starts) if starts else as_of
    end = max(ends) if ends else as_of + timedelta(days=notice_days(store) - 1)
    return {
        "title": f"{as_of.year}年度新就业群体党员积分公示",
        "period_start": start,
        "period_end": end,
        "objection_deadline": end,
        "contact": get_setting(store, "notice_contact"),
        "issuer": get_setting(store, "notice_issuer"),
        "rows": rows,
    }


def _notice_row(session: Any, item: Loaded) -> dict[str, Any]:
    decl, rule = item.declaration, item.rule
    branch = session.get(Branch, decl.branch_id) if decl.branch_id else None
    points = item.confirmed_points if item.confirmed_points is not None else item.claimed_points
    reason = rule.title if not decl.description else f"{rule.title}：{decl.description}"
    return {
        "name": item.person_name,
        "branch": branch.name if branch else "",
        "category": CATEGORIES.get(rule.category, rule.category),
        "kind": KINDS.get(rule.kind, rule.kind),
        "points": points,
        "reason": f"{decl.deed_date:%Y-%m-%d} {reason}"[:120],
    }
