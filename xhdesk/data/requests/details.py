"""One request with its history, ready to show (the detail pane and the action dialogs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import label
from xhdesk.data.models import Station
from xhdesk.data.models.requests import Department, ServiceKind, ServiceRequest
from xhdesk.data.requests.calendar import load_calendar
from xhdesk.data.requests.deadlines import deadline_flag
from xhdesk.data.requests.flow import derive_state, find_request, request_events
from xhdesk.data.requests.vocab import EVENT_KINDS, SATISFACTION


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    title: str  # 转办 → 司法局（王律师）
    text: str
    author: str


@dataclass
class RequestDetail:
    request: ServiceRequest
    kind_name: str
    time_limit_days: int
    station_name: str
    department_id: str | None
    department_name: str
    state: str | None
    due_on: date
    flag: str  # overdue / due_soon / ""
    working_days_left: int
    days_late: int
    merged_into: str = ""
    timeline: list[TimelineEntry] = field(default_factory=list)


def _title(kind: str, satisfaction: str, dept: str, contact: str, merged_into: str) -> str:
    title = EVENT_KINDS.get(kind, kind)
    if kind == "forwarded" and dept:
        title += f" → {dept}" + (f"（{contact}）" if contact else "")
    elif kind == "return_visit":
        title += f"：{label(SATISFACTION, satisfaction)}"
    elif kind == "merged" and merged_into:
        title += f" → {merged_into}"
    return title


def request_detail(store: Store, ref: str, today: date) -> RequestDetail:
    with store.session() as session:
        request = find_request(session, ref)
        events = request_events(session, request.id)
        kind = session.get(ServiceKind, request.kind_id)
        station = session.get(Station, request.station_id) if request.station_id else None
        depts = {d.id: d.name for d in session.exec(select(Department)).all()}
        numbers = dict(
            session.exec(
                select(ServiceRequest.id, ServiceRequest.number).where(
                    ServiceRequest.id.in_([e.merged_into_id for e in events if e.merged_into_id])  # type: ignore[attr-defined]
                )
            ).all()
        )
        calendar = load_calendar(session)
    due, dept_id = request.due_on, request.department_id
    timeline = []
    for e in events:
        due = e.due_on or due
        if e.kind == "forwarded":
            dept_id = e.department_id
        title = _title(
            e.kind,
            e.satisfaction,
            depts.get(e.department_id or "", ""),
            e.contact,
            numbers.get(e.merged_into_id or "", ""),
        )
        timeline.append(TimelineEntry(e.at, e.kind, title, e.text, e.author))
    state = derive_state(events)
    merged = next((t.title.split("→ ")[-1] for t in timeline if t.kind == "merged"), "")
    return RequestDetail(
        request=request,
        kind_name=kind.name if kind is not None else "",
        time_limit_days=kind.time_limit_days if kind is not None else 0,
        station_name=station.name if station is not None else "",
        department_id=dept_id,
        department_name=depts.get(dept_id or "", ""),
        state=state,
        due_on=due,
        flag=deadline_flag(calendar, due, today, state),
        working_days_left=calendar.working_days_between(today, due),
        days_late=max((today - due).days, 0),
        merged_into=merged,
        timeline=timeline,
    )
