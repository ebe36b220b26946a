"""This month's figures (the tab's footer) and the ``requests`` section of ``xhdesk stats``.

* received — requests accepted this calendar month;
* open — requests open now (accepted, forwarded, in progress or reopened), whenever received;
* overdue — open requests past the due date in force;
* on-time rate — of the requests resolved this month (their last resolution in the month),
  the share resolved on or before the due date in force at that moment;
* satisfaction rate — of the return visits made this month, the share 满意 or 基本满意.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from xhdesk.data.core.store import Store
from xhdesk.data.models.requests import RequestEvent, ServiceRequest
from xhdesk.data.requests.queries import derived_subquery
from xhdesk.data.requests.vocab import OPEN_STATES, SATISFIED, STATES


@dataclass(frozen=True)
class MonthFigures:
    month: date  # first day of the month
    received: int
    open: int
    overdue: int
    resolved: int
    resolved_on_time: int
    visits: int
    satisfied: int

    @property
    def on_time_rate(self) -> float | None:
        return self.resolved_on_time / self.resolved if self.resolved else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.visits if self.visits else None


def month_bounds(today: date) -> tuple[datetime, datetime]:
    start = date(today.year, today.month, 1)
    end = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.min.time())


def counts_by_state(session: Session) -> dict[str, int]:
    return _state_counts(session, date.min, date.min)[0]


def overdue_count(session: Session, today: date) -> int:
    return _state_counts(session, today, today)[1]


def _state_counts(session: Session, today: date, until: date) -> tuple[dict[str, int], int, int]:
    """(count by state, open and overdue, open and due by ``until``) in one pass."""
    derived = derived_subquery()
    is_open = derived.c.state.in_(OPEN_STATES)
    rows = session.execute(
        sa.select(
            derived.c.state,
            sa.func.count(),
            sa.func.sum(sa.case((sa.and_(is_open, derived.c.due < today), 1), else_=0)),
            sa.func.sum(
                sa.case(
                    (sa.and_(is_open, derived.c.due >= today, derived.c.due <= until), 1), else_=0
                )
            ),
        ).group_by(derived.c.state)
    ).all()
    counts = dict.fromkeys(STATES, 0)
    counts.update({state: n for state, n, _o, _s in rows if state})
    return counts, sum(int(o or 0) for *_x, o, _s in rows), sum(int(s or 0) for *_x, s in rows)


def _on_time(session: Session, start: datetime, end: datetime) -> tuple[int, int]:
    """(requests resolved in the month, of which on time) — three queries, whatever the month."""
    in_month = sa.and_(
        col(RequestEvent.kind) == "resolved",
        col(RequestEvent.at) >= start,
        col(RequestEvent.at) < end,
    )
    last: dict[str, datetime] = {}
    for request_id, at in session.exec(
        select(RequestEvent.request_id, RequestEvent.at).where(in_month)
    ):
        if request_id not in last or at > last[request_id]:
            last[request_id] = at
    resolved_ids = select(RequestEvent.request_id).where(in_month)
    due: dict[str, date | None] = dict(
        session.exec(
            select(ServiceRequest.id, col(ServiceRequest.due_on)).where(
                col(ServiceRequest.id).in_(resolved_ids),
                col(ServiceRequest.deleted) == sa.false(),
            )
        ).all()
    )
    setters = session.exec(
        select(RequestEvent.request_id, col(RequestEvent.at), col(RequestEvent.due_on))
        .where(RequestEvent.request_id.in_(resolved_ids), RequestEvent.due_on.is_not(None))  # type: ignore[attr-defined, union-attr]
        .order_by(col(RequestEvent.at), col(RequestEvent.id))
    ).all()
    for request_id, at, due_on in setters:  # the due date in force when it was resolved
        if request_id in due and at <= last[request_id]:
            due[request_id] = due_on
    counted = [rid for rid in last if rid in due]
    return len(counted), sum(
        (d := due[rid]) is not None and last[rid].date() <= d for rid in counted
    )


def month_figures(session: Session, today: date) -> MonthFigures:
    return _figures(session, today, today)[0]


def _figures(
    session: Session, today: date, until: date
) -> tuple[MonthFigures, dict[str, int], int]:
    start, end = month_bounds(today)
    received = session.exec(
        select(sa.func.count())
        .select_from(ServiceRequest)
        .where(
            ServiceRequest.deleted == sa.false(),
            ServiceRequest.accepted_at >= start,
            ServiceRequest.accepted_at < end,
        )
    ).one()
    counts, overdue, due_soon = _state_counts(session, today, until)
    resolved, on_time = _on_time(session, start, end)
    visits = session.exec(
        select(RequestEvent.satisfaction).where(
            RequestEvent.kind == "return_visit", RequestEvent.at >= start, RequestEvent.at < end
        )
    ).all()
    fig = MonthFigures(
        month=start.date(),
        received=int(received),
        open=sum(counts[s] for s in OPEN_STATES),
        overdue=overdue,
        resolved=resolved,
        resolved_on_time=on_time,
        visits=len(visits),
        satisfied=sum(1 for s in visits if s in SATISFIED),
    )
    return fig, counts, due_soon


def format_rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def stats_section(session: Session) -> dict[str, Any]:
    """``requests`` (count by state) and ``requests_overdue`` for ``xhdesk stats --json``."""
    today = date.today()
    counts, overdue, _due_soon = _state_counts(session, today, today)
    return {"requests": counts, "requests_overdue": overdue}


@dataclass(frozen=True)
class Overview:
    """Everything the requests tab shows around its table, read in one go."""

    figures: MonthFigures
    queues: dict[str, int]  # queue key → count (states, "all", "open", "overdue", "due_soon")
    calendar_label: str


def overview(store: Store, today: date) -> Overview:
    from xhdesk.data.requests.calendar import calendar_label, load_calendar

    with store.session() as session:
        until = load_calendar(session).next_working_day(today)
        fig, counts, due_soon = _figures(session, today, until)
        label_text = calendar_label(session)
    queues = dict(counts)
    queues.update(
        all=sum(counts.values()),
        open=fig.open,
        overdue=fig.overdue,
        due_soon=due_soon,
    )
    return Overview(fig, queues, label_text)
