"""Deadlines: due dates in working days, amber/red flags, overdue lists, escalation events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.requests import Department, ServiceKind, ServiceRequest
from xhdesk.data.requests.calendar import WorkCalendar
from xhdesk.data.requests.flow import append_event, request_events
from xhdesk.data.requests.queries import derived_subquery
from xhdesk.data.requests.vocab import OPEN_STATES

OVERDUE = "overdue"
DUE_SOON = "due_soon"
ESCALATION_AUTHOR = "系统督办"


def due_date(calendar: WorkCalendar, accepted_on: date, limit_days: int) -> date:
    """The ``limit_days``-th working day after the day of acceptance."""
    return calendar.add_working_days(accepted_on, limit_days)


def due_soon_until(calendar: WorkCalendar, today: date) -> date:
    """Open requests due on or before this date (and not yet overdue) are due soon (amber)."""
    return calendar.next_working_day(today)


def deadline_flag(calendar: WorkCalendar, due: date | None, today: date, state: str | None) -> str:
    """``overdue`` (red), ``due_soon`` (amber, within one working day) or "" for an open request."""
    if due is None or state not in OPEN_STATES:
        return ""
    if due < today:
        return OVERDUE
    if due <= due_soon_until(calendar, today):
        return DUE_SOON
    return ""


@dataclass(frozen=True)
class OverdueRequest:
    request_id: str
    number: str
    requester_name: str
    kind: str
    department: str
    due_on: date
    days_late: int  # calendar days past the due date


def overdue_requests(session: Session, today: date) -> list[OverdueRequest]:
    """Open requests past their due date, most overdue first."""
    derived = derived_subquery()
    stmt = (
        sa.select(
            col(ServiceRequest.id),
            col(ServiceRequest.number),
            col(ServiceRequest.requester_name),
            col(ServiceKind.name),
            col(Department.name),
            derived.c.due,
        )
        .join(derived, derived.c.id == col(ServiceRequest.id))
        .join(ServiceKind, col(ServiceKind.id) == col(ServiceRequest.kind_id))
        .outerjoin(Department, col(Department.id) == derived.c.department_id)
        .where(derived.c.state.in_(OPEN_STATES), derived.c.due < today)
        .order_by(derived.c.due, ServiceRequest.number)
    )
    return [
        OverdueRequest(rid, number, name, kind, dept or "未指定部门", due, (today - due).days)
        for rid, number, name, kind, dept, due in session.execute(stmt).all()
    ]


def overdue_by_department(session: Session, today: date) -> dict[str, list[OverdueRequest]]:
    """Department name → its overdue requests; departments with the most overdue come first."""
    groups: dict[str, list[OverdueRequest]] = {}
    for row in overdue_requests(session, today):
        groups.setdefault(row.department, []).append(row)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def _already_escalated(session: Session, request_id: str) -> bool:
    """True if an escalation was recorded since the due date in force was last set."""
    escalated = False
    for event in request_events(session, request_id):
        if event.due_on is not None:
            escalated = False
        if event.kind == "escalated":
            escalated = True
    return escalated


def check_escalations(
    store: Store, today: date, *, at: datetime | None = None, author: str = ESCALATION_AUTHOR
) -> Changes:
    """Record one ``escalated`` event for each open request that has passed its due date.

    Run when the requests tab opens and on refresh; running it again the same day adds nothing.
    """
    with store.session() as session:
        candidates = [
            (r.request_id, r.due_on)
            for r in overdue_requests(session, today)
            if not _already_escalated(session, r.request_id)
        ]
    if not candidates:
        return Changes()
    when = at or datetime.now()
    with store.unit_of_work(author) as uow:
        for request_id, due in candidates:
            request = uow.session.get(ServiceRequest, request_id)
            if request is None or _already_escalated(uow.session, request_id):
                continue
            text = f"已超过办理时限（应于{due:%Y-%m-%d}前办结），请承办部门加快办理"
            append_event(uow, request, "escalated", when, text=text)
    return uow.changes


def overdue_report(store: Store, today: date) -> dict[str, list[OverdueRequest]]:
    with store.session() as session:
        return overdue_by_department(session, today)
