"""The list of reports with their derived state, department, deadline and flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from xhdesk.data.core.store import Store
from xhdesk.data.governance.flow import derive_state
from xhdesk.data.governance.vocab import OPEN_STATES, REPORT_KINDS, STATES
from xhdesk.data.models import Person, Station
from xhdesk.data.models.governance import GovernanceReport, ReportEvent
from xhdesk.data.models.requests import Department


@dataclass(frozen=True)
class ReportRow:
    id: str
    number: str
    reported_at: datetime
    reporter: str
    station: str
    kind: str  # Chinese label
    place: str
    state: str  # code
    department: str
    due_on: date | None
    overdue: bool

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)


def list_reports(
    store: Store, *, state: str | None = None, today: date | None = None
) -> list[ReportRow]:
    """Reports newest first (only those in ``state`` when given)."""
    day = today or date.today()
    stmt = (
        select(GovernanceReport, Person.name, Station.name)
        .join(Person, col(Person.id) == col(GovernanceReport.person_id))
        .outerjoin(Station, col(Station.id) == col(GovernanceReport.station_id))
        .order_by(col(GovernanceReport.reported_at).desc(), col(GovernanceReport.number).desc())
    )
    with store.session() as session:
        events: dict[str, list[ReportEvent]] = {}
        for ev in session.exec(select(ReportEvent)):
            events.setdefault(ev.report_id, []).append(ev)
        departments = {d.id: d.name for d in session.exec(select(Department))}
        out = []
        for report, reporter, station in session.exec(stmt):
            evs = sorted(events.get(report.id, []), key=lambda e: (e.at, e.id))
            st = derive_state(evs)
            if state is not None and st != state:
                continue
            fwd = [e for e in evs if e.kind == "forwarded"]
            due = fwd[-1].due_on if fwd else None
            dept = departments.get(fwd[-1].department_id or "", "") if fwd else ""
            out.append(
                ReportRow(
                    report.id,
                    report.number,
                    report.reported_at,
                    reporter,
                    station or "",
                    REPORT_KINDS.get(report.kind, report.kind),
                    report.place,
                    st,
                    dept,
                    due,
                    st == "forwarded" and due is not None and due < day,
                )
            )
    return out


def open_count(store: Store) -> int:
    return sum(1 for row in list_reports(store) if row.state in OPEN_STATES)
