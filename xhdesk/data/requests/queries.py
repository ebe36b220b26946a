"""SQL for derived request facts: the current state, the due date in force, the department.

The state is derived from the events by one fixed rule, written twice: in SQL, in
``xhdesk.data.core.derived`` (the recomputation that the triggers keeping the local
``request_state`` table and ``xhdesk check`` share), and in Python in ``flow.derive_state`` (to check a
transition). The test suite checks they agree.

Rule: order a request's events by (at, id) and ignore ``escalated``; the last event decides.
Its kind is the state, except a return visit, which gives ``visited`` — or ``reopened`` when the
requester was not satisfied. The due date in force is the ``due_on`` of the last event that set
one (a reopening), else the request's own; the department is the last forwarding's, else the
kind's default recorded at intake.

Tables, counts and filters read ``request_state`` (one indexed row per request), so nothing loads
every request or every event into Python.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from xhdesk.data.models.requests import RequestState, ServiceRequest


def _of_request(column: Any, request_id: Any = None) -> Any:
    rid = ServiceRequest.id if request_id is None else request_id
    # correlate to the service_request of whichever enclosing query has it (also when nested)
    return (
        sa.select(column)
        .where(col(RequestState.request_id) == rid)
        .correlate_except(RequestState)
        .scalar_subquery()
    )


def state_expr(request_id: Any = None) -> sa.ColumnElement[str]:
    """Scalar subquery: the current state of the request ``request_id`` (default: the row's)."""
    return _of_request(RequestState.state, request_id)


def due_expr(request_id: Any = None) -> sa.ColumnElement[Any]:
    """Scalar subquery: the due date in force."""
    return _of_request(RequestState.due_on, request_id)


def department_expr(request_id: Any = None) -> sa.ColumnElement[Any]:
    """Scalar subquery: the department the request now lies with."""
    return _of_request(RequestState.department_id, request_id)


def in_states(states: tuple[str, ...] | list[str], *extra: Any) -> Any:
    """WHERE clause on a ``service_request`` query: the request is in one of ``states``."""
    return col(ServiceRequest.id).in_(
        sa.select(col(RequestState.request_id)).where(col(RequestState.state).in_(states), *extra)
    )


def derived_subquery() -> sa.Subquery:
    """id, state, due, department_id for every live request — join or filter on it."""
    return (
        sa.select(
            col(RequestState.request_id).label("id"),
            col(RequestState.state).label("state"),
            col(RequestState.due_on).label("due"),
            col(RequestState.department_id).label("department_id"),
        )
        .join(ServiceRequest, col(ServiceRequest.id) == col(RequestState.request_id))
        .where(col(ServiceRequest.deleted) == sa.false())
        .subquery("derived")
    )
