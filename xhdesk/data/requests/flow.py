"""The life of a request as append-only events, and the transitions allowed between states.

accepted → forwarded (转办) → in_progress → resolved (办结) → return_visit (回访) → closed.
A 不满意 return visit reopens the request with a new due date; a request can also be merged into
a duplicate or withdrawn by the requester while it is open. Anything else is refused with a
:class:`WorkflowError` saying why, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlmodel import Session, select

from xhdesk.data.core.errors import NotFoundError, ValidationError, WorkflowError
from xhdesk.data.core.places import require_place
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.validation import require_text
from xhdesk.data.models.requests import (
    Department,
    RequestEvent,
    ServiceKind,
    ServiceRequest,
)
from xhdesk.data.requests.calendar import load_calendar
from xhdesk.data.requests.vocab import (
    EVENT_KINDS,
    OPEN_STATES,
    SATISFACTION,
    STATES,
)

# state → the events that may follow it
ALLOWED: dict[str, tuple[str, ...]] = {
    "accepted": ("forwarded", "resolved", "merged", "withdrawn", "escalated"),
    "forwarded": ("forwarded", "in_progress", "resolved", "merged", "withdrawn", "escalated"),
    "in_progress": ("forwarded", "resolved", "merged", "withdrawn", "escalated"),
    "reopened": ("forwarded", "in_progress", "resolved", "merged", "withdrawn", "escalated"),
    "resolved": ("return_visit", "closed", "reopened"),
    "visited": ("closed", "reopened"),
    "closed": ("reopened",),
    "merged": (),
    "withdrawn": (),
}

_REFUSALS: dict[tuple[str, str], str] = {
    ("accepted", "in_progress"): "请先转办到职能部门，再登记“办理中”。",
    ("accepted", "closed"): "诉求尚未办结，不能关闭。请先登记办结结果。",
    ("forwarded", "closed"): "诉求尚未办结，不能关闭。请先登记办结结果。",
    ("in_progress", "closed"): "诉求尚未办结，不能关闭。请先登记办结结果。",
    ("reopened", "closed"): "诉求正在重新办理，尚未办结，不能关闭。",
    ("visited", "return_visit"): "该诉求已经回访过；如群众仍不满意，请选择“重新办理”。",
    ("closed", "return_visit"): "该诉求已关闭，不能再回访。",
    ("in_progress", "in_progress"): "该诉求已在办理中。",
}


class _EventLike(Protocol):
    kind: str
    satisfaction: str
    at: datetime
    id: str


def state_after(state: str | None, event: _EventLike) -> str | None:
    """One step of the fixed rule (see ``queries`` for the same rule in SQL)."""
    if event.kind == "escalated":
        return state
    if event.kind == "return_visit":
        return "reopened" if event.satisfaction == "unsatisfied" else "visited"
    return event.kind


def derive_state(events: Sequence[_EventLike]) -> str | None:
    state: str | None = None
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        state = state_after(state, event)
    return state


def refusal(state: str | None, kind: str) -> str | None:
    """Why event ``kind`` may not follow ``state`` (Chinese), or None if it may."""
    if state is None:
        return None if kind == "accepted" else "诉求记录不完整（缺少受理记录）。"
    if kind == "accepted":
        return "该诉求已受理，不能重复受理。"
    if kind in ALLOWED.get(state, ()):
        return None
    if (state, kind) in _REFUSALS:
        return _REFUSALS[(state, kind)]
    label = STATES.get(state, state)
    if state in ("merged", "withdrawn"):
        return f"该诉求{label}，不能再{EVENT_KINDS.get(kind, kind)}。"
    if kind == "return_visit":
        return "诉求尚未办结，不能回访。"
    if kind == "reopened":
        return "诉求尚在办理，无需重新办理。"
    if kind in ("forwarded", "in_progress", "resolved", "merged", "withdrawn"):
        return f"诉求{label}，不能再{EVENT_KINDS.get(kind, kind)}；如需再次办理，请先“重新办理”。"
    return f"诉求当前状态为“{label}”，不能{EVENT_KINDS.get(kind, kind)}。"


# -- reading ---------------------------------------------------------------------------------
def find_request(session: Session, ref: str) -> ServiceRequest:
    """A request by id or by its number (XH-20261128-S07-003)."""
    ref = (ref or "").strip()
    row = session.get(ServiceRequest, ref) if ref else None
    if row is None and ref:
        row = session.exec(
            select(ServiceRequest).where(ServiceRequest.number == ref.upper())
        ).first()
    if row is None or row.deleted:
        raise NotFoundError(f"诉求不存在：{ref}")
    return row


def request_events(session: Session, request_id: str) -> list[RequestEvent]:
    stmt = select(RequestEvent).where(RequestEvent.request_id == request_id)
    return sorted(session.exec(stmt).all(), key=lambda e: (e.at, e.id))


def current_state(session: Session, request_id: str) -> str | None:
    return derive_state(request_events(session, request_id))


def is_open(state: str | None) -> bool:
    return state in OPEN_STATES


# -- writing ---------------------------------------------------------------------------------
def append_event(
    uow: UnitOfWork, request: ServiceRequest, kind: str, at: datetime | None = None, **fields: Any
) -> RequestEvent:
    """Check the place and the transition, and insert the event (inside the caller's unit of
    work)."""
    require_place(uow.store, request)
    events = request_events(uow.session, request.id)
    reason = refusal(derive_state(events), kind)
    if reason:
        raise WorkflowError(f"{request.number}：{reason}")
    at = at or datetime.now()
    if events and at <= events[-1].at:
        at = events[-1].at + timedelta(
            microseconds=1
        )  # keep the order even if a clock stepped back
    event = RequestEvent(
        request_id=request.id,
        kind=kind,
        at=at,
        author=uow.author[:30],
        node_id=uow.store.node_id,
        **fields,
    )
    uow.add(event)
    uow.flush()
    return event


def _event(
    store: Store, ref: str, kind: str, author: str | None, at: datetime | None, **fields: Any
) -> Changes:
    with store.unit_of_work(author) as uow:
        request = find_request(uow.session, ref)
        append_event(uow, request, kind, at, **fields)
    return uow.changes


def _note(text: str | None, max_length: int = 1000) -> str:
    text = (text or "").strip()
    if len(text) > max_length:
        raise ValidationError(f"说明不能超过{max_length}个字。")
    return text


def forward(
    store: Store,
    ref: str,
    department_id: str,
    contact: str = "",
    note: str = "",
    *,
    author: str | None = None,
    at: datetime | None = None,
) -> Changes:
    """转办: hand the request to a department (and its contact person)."""
    if not department_id:
        raise ValidationError("请选择转办的职能部门。", field="department_id")
    with store.session() as session:
        get_live(session, Department, department_id, "职能部门")
    contact = _note(contact, 30)
    return _event(
        store,
        ref,
        "forwarded",
        author,
        at,
        department_id=department_id,
        contact=contact,
        text=_note(note),
    )


def start_work(
    store: Store, ref: str, note: str = "", *, author: str | None = None, at: datetime | None = None
) -> Changes:
    """办理中: the department has taken the request up."""
    return _event(store, ref, "in_progress", author, at, text=_note(note))


def resolve(
    store: Store, ref: str, answer: str, *, author: str | None = None, at: datetime | None = None
) -> Changes:
    """办结: record the department's answer."""
    answer = require_text(answer, field="answer", label="办理结果", max_length=1000)
    return _event(store, ref, "resolved", author, at, text=answer)


def _new_due(uow: UnitOfWork, request: ServiceRequest, on: date) -> date:
    kind = uow.session.get(ServiceKind, request.kind_id)
    limit = kind.time_limit_days if kind is not None else 5
    return load_calendar(uow.session).add_working_days(on, limit)


def return_visit(
    store: Store,
    ref: str,
    satisfaction: str,
    note: str = "",
    *,
    author: str | None = None,
    at: datetime | None = None,
) -> Changes:
    """回访: 满意 / 基本满意 / 不满意; 不满意 reopens the request with a new due date."""
    if satisfaction not in SATISFACTION:
        raise ValidationError("请选择回访结果：满意、基本满意或不满意。", field="satisfaction")
    note = _note(note)
    if satisfaction == "unsatisfied" and not note:
        raise ValidationError("群众不满意时，请写明不满意的原因。", field="note")
    with store.unit_of_work(author) as uow:
        request = find_request(uow.session, ref)
        when = at or datetime.now()
        due = _new_due(uow, request, when.date()) if satisfaction == "unsatisfied" else None
        append_event(
            uow, request, "return_visit", when, satisfaction=satisfaction, text=note, due_on=due
        )
    return uow.changes


def close(
    store: Store, ref: str, note: str = "", *, author: str | None = None, at: datetime | None = None
) -> Changes:
    """关闭: the request is finished."""
    return _event(store, ref, "closed", author, at, text=_note(note))


def reopen(
    store: Store, ref: str, reason: str, *, author: str | None = None, at: datetime | None = None
) -> Changes:
    """重新办理 a resolved or closed request (a new due date from today)."""
    reason = require_text(reason, field="reason", label="重新办理的原因", max_length=1000)
    with store.unit_of_work(author) as uow:
        request = find_request(uow.session, ref)
        when = at or datetime.now()
        append_event(
            uow, request, "reopened", when, text=reason, due_on=_new_due(uow, request, when.date())
        )
    return uow.changes


def merge(
    store: Store,
    ref: str,
    into: str,
    note: str = "",
    *,
    author: str | None = None,
    at: datetime | None = None,
) -> Changes:
    """合并 a duplicate into another request, which carries on."""
    with store.unit_of_work(author) as uow:
        request = find_request(uow.session, ref)
        target = find_request(uow.session, into)
        if target.id == request.id:
            raise WorkflowError("不能把诉求合并到它自己。")
        target_state = current_state(uow.session, target.id)
        if target_state in ("merged", "withdrawn"):
            raise WorkflowError(f"{target.number}{STATES[target_state]}，请合并到仍在办理的诉求。")
        text = _note(note) or f"与 {target.number} 重复，合并办理"
        append_event(uow, request, "merged", at, merged_into_id=target.id, text=text)
    return uow.changes


def withdraw(
    store: Store,
    ref: str,
    reason: str = "",
    *,
    author: str | None = None,
    at: datetime | None = None,
) -> Changes:
    """撤回: the requester no longer needs help."""
    return _event(store, ref, "withdrawn", author, at, text=_note(reason) or "群众主动撤回")
