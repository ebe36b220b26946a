"""The requests table as a :class:`Listing`: columns, search and filters, all in SQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from xhdesk.data.core.listing import Column, Listing, like_escape
from xhdesk.data.models import Station
from xhdesk.data.models.requests import (
    Department,
    RequestState,
    ServiceKind,
    ServiceRequest,
)
from xhdesk.data.requests.queries import department_expr, due_expr, in_states, state_expr
from xhdesk.data.requests.vocab import OPEN_STATES, STATES, URGENCIES

# queue → WHERE on the derived state; "due_soon"/"overdue" need today (see ``deadline_filter``)
QUEUES = {
    "all": "全部诉求",
    "open": "在办",
    "accepted": "待转办",
    "forwarded": "已转办",
    "in_progress": "办理中",
    "reopened": "重新办理",
    "resolved": "待回访",
    "visited": "已回访",
    "closed": "已关闭",
    "merged": "已合并",
    "withdrawn": "已撤回",
}
_table = ServiceRequest.__table__  # type: ignore[attr-defined]


def _dept_name() -> Any:
    return (
        sa.select(col(Department.name))
        .where(col(Department.id) == department_expr())
        .scalar_subquery()
    )


def _state_filter(value: str) -> Any:
    return in_states(OPEN_STATES if value == "open" else (value,))


def _date_from(value: date) -> Any:
    return ServiceRequest.accepted_at >= datetime.combine(value, datetime.min.time())


def _date_to(value: date) -> Any:
    return ServiceRequest.accepted_at < datetime.combine(
        value + timedelta(days=1), datetime.min.time()
    )


def deadline_filter(value: tuple[str, date, date]) -> Any:
    """("overdue", today, _) or ("due_soon", today, until): open requests by due date."""
    kind, today, until = value
    due = col(RequestState.due_on)
    if kind == "overdue":
        return in_states(OPEN_STATES, due < today)
    return in_states(OPEN_STATES, due >= today, due <= until)


def _search(text: str) -> Any:
    pattern = f"%{like_escape(text)}%"
    return sa.or_(
        ServiceRequest.number.like(pattern.upper(), escape="\\"),  # type: ignore[attr-defined]
        ServiceRequest.requester_name.like(pattern, escape="\\"),  # type: ignore[attr-defined]
        ServiceRequest.requester_phone.like(pattern, escape="\\"),  # type: ignore[attr-defined]
        ServiceRequest.description.like(pattern, escape="\\"),  # type: ignore[attr-defined]
    )


def requests_listing() -> Listing:
    kind_name = sa.select(col(ServiceKind.name)).where(
        col(ServiceKind.id) == col(ServiceRequest.kind_id)
    )
    station_name = sa.select(col(Station.name)).where(
        col(Station.id) == col(ServiceRequest.station_id)
    )
    columns = [
        Column("number", "诉求编号", ServiceRequest.number, width=160),
        Column("state", "状态", state_expr(), kind="label", vocabulary=STATES, width=64),
        Column("due", "办结时限", due_expr(), kind="date", width=84),
        Column("requester", "诉求人", ServiceRequest.requester_name, width=64),
        Column("kind", "服务事项", kind_name.scalar_subquery(), width=118),
        Column("department", "承办部门", _dept_name(), width=84),
        Column(
            "urgency", "紧急", ServiceRequest.urgency, kind="label", vocabulary=URGENCIES, width=44
        ),
        Column("accepted_at", "受理时间", ServiceRequest.accepted_at, kind="datetime", width=118),
        Column("station", "受理驿站", station_name.scalar_subquery(), width=170),
        Column("phone", "联系电话", ServiceRequest.requester_phone, kind="phone", width=96),
    ]
    return Listing(
        name="service_request",
        table=_table,
        columns=columns,
        from_clause=_table,
        search=_search,
        filters={
            "queue": _state_filter,
            "station": lambda v: ServiceRequest.station_id == v,
            "kind": lambda v: ServiceRequest.kind_id == v,
            "department": lambda v: col(ServiceRequest.id).in_(
                sa.select(col(RequestState.request_id)).where(col(RequestState.department_id) == v)
            ),
            "urgency": lambda v: ServiceRequest.urgency == v,
            "deadline": deadline_filter,
            "date_from": _date_from,
            "date_to": _date_to,
        },
        default_sort="accepted_at",
    )
