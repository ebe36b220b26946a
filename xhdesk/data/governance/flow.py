"""A report's life as append-only events: forwarded → accepted (points) → resolved, or declined.

The station forwards the report to a department with a working-day deadline (the service
requests' calendar); the department's answer is entered as 采纳 (accepted — the reporter earns
基层治理 points through one declaration, never two) and later 办结, or as 不予采纳.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from xhdesk.data.core.errors import NotFoundError, ValidationError, WorkflowError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.validation import require_text
from xhdesk.data.governance.vocab import (
    ANSWER_DAYS,
    EVENT_KINDS,
    POINTS_RULE_CODE,
    REPORT_KINDS,
    STATES,
)
from xhdesk.data.models.governance import GovernanceReport, ReportEvent
from xhdesk.data.models.points import PointRule
from xhdesk.data.models.requests import Department
from xhdesk.data.points.declarations import Deed, declare_from_source
from xhdesk.data.requests.calendar import load_calendar

ALLOWED: dict[str, tuple[str, ...]] = {
    "reported": ("forwarded", "declined"),
    "forwarded": ("forwarded", "accepted", "declined"),
    "accepted": ("resolved",),
    "resolved": (),
    "declined": (),
}


@dataclass(frozen=True)
class Outcome:
    """What a step did: the changes, and a sentence for the user when points were not declared."""

    changes: Changes
    note: str = ""


def derive_state(events: Sequence[ReportEvent]) -> str:
    state = "reported"
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        state = event.kind
    return state


def report_events(session: Session, report_id: str) -> list[ReportEvent]:
    stmt = select(ReportEvent).where(ReportEvent.report_id == report_id)
    return sorted(session.exec(stmt).all(), key=lambda e: (e.at, e.id))


def find_report(session: Session, ref: str) -> GovernanceReport:
    """A report by id or by its number (SP-20261128-S07-003)."""
    ref = (ref or "").strip()
    row = session.get(GovernanceReport, ref) if ref else None
    if row is None and ref:
        row = session.exec(
            select(GovernanceReport).where(GovernanceReport.number == ref.upper())
        ).first()
    if row is None:
        raise NotFoundError(f"随手拍报送不存在：{ref}")
    return row


def _check_step(uow: UnitOfWork, report: GovernanceReport, kind: str) -> list[ReportEvent]:
    """The report's events, or WorkflowError if ``kind`` may not follow its state."""
    events = report_events(uow.session, report.id)
    state = derive_state(events)
    if kind not in ALLOWED[state]:
        raise WorkflowError(
            f"{report.number}当前状态为“{STATES[state]}”，不能{EVENT_KINDS.get(kind, kind)}。"
        )
    return events


def _append(
    uow: UnitOfWork, report: GovernanceReport, kind: str, at: datetime | None, **fields: Any
) -> ReportEvent:
    events = _check_step(uow, report, kind)
    when = at or datetime.now()
    if events and when <= events[-1].at:
        when = events[-1].at + timedelta(microseconds=1)
    event = ReportEvent(
        report_id=report.id,
        kind=kind,
        at=when,
        author=uow.author[:30],
        node_id=uow.store.node_id,
        **fields,
    )
    uow.add(event)
    uow.flush()
    return event


def forward(
    store: Store,
    ref: str,
    department_id: str,
    note: str = "",
    *,
    at: datetime | None = None,
    author: str | None = None,
) -> Changes:
    """转办 to a department, due in ``ANSWER_DAYS`` working days."""
    if not department_id:
        raise ValidationError("请选择转办的职能部门。", field="department_id")
    with store.unit_of_work(author) as uow:
        get_live(uow, Department, department_id, "职能部门")
        report = find_report(uow.session, ref)
        when = at or datetime.now()
        due = load_calendar(uow.session).add_working_days(when.date(), ANSWER_DAYS)
        _append(
            uow,
            report,
            "forwarded",
            when,
            department_id=department_id,
            due_on=due,
            text=note.strip()[:1000],
        )
    return uow.changes


def accept(
    store: Store,
    ref: str,
    note: str = "",
    *,
    at: datetime | None = None,
    author: str | None = None,
) -> Outcome:
    """采纳: the department takes the report up; the reporter earns 基层治理 points once."""
    with store.unit_of_work(author) as uow:
        report = find_report(uow.session, ref)
        _check_step(uow, report, "accepted")
        declaration_id, why = _declare(uow, report, (at or datetime.now()).date())
        text = "；".join(t for t in (note.strip(), why) if t)[:1000]
        _append(uow, report, "accepted", at, text=text, declaration_id=declaration_id)
    return Outcome(uow.changes, why)


def resolve(
    store: Store, ref: str, answer: str, *, at: datetime | None = None, author: str | None = None
) -> Changes:
    """办结: the department's answer."""
    answer = require_text(answer, field="answer", label="办理结果", max_length=1000)
    with store.unit_of_work(author) as uow:
        _append(uow, find_report(uow.session, ref), "resolved", at, text=answer)
    return uow.changes


def decline(
    store: Store, ref: str, reason: str, *, at: datetime | None = None, author: str | None = None
) -> Changes:
    """不予采纳, with the reason told to the reporter."""
    reason = require_text(reason, field="reason", label="不予采纳的原因", max_length=1000)
    with store.unit_of_work(author) as uow:
        _append(uow, find_report(uow.session, ref), "declined", at, text=reason)
    return uow.changes


def _points_rule(session: Session) -> PointRule | None:
    live = select(PointRule).where(PointRule.deleted == False)  # noqa: E712
    rule = session.exec(live.where(PointRule.code == POINTS_RULE_CODE)).first()
    return rule or session.exec(live.where(PointRule.category == "governance")).first()


def _declare(uow: UnitOfWork, report: GovernanceReport, on: date) -> tuple[str | None, str]:
    """(declaration id, why none) for an accepted report."""
    rule = _points_rule(uow.session)
    if rule is None:
        return None, "未设置基层治理积分细则，未生成积分申报"
    deed = Deed(
        rule_id=rule.id,
        deed_date=report.reported_at.date(),
        description=f"随手拍{report.number}被采纳：{REPORT_KINDS.get(report.kind, report.kind)}，"
        f"{report.description[:60]}",
        place=report.place,
    )
    try:
        decl = declare_from_source(
            uow,
            report.person_id,
            deed,
            source_id=report.id,
            station_id=report.station_id,
            today=max(on, deed.deed_date),
        )
    except (WorkflowError, ValidationError) as exc:
        return None, f"未生成积分申报（{exc}）"
    if decl is None:
        return None, "该报送的积分申报已存在"
    return decl.id, ""


# -- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    at: datetime
    label: str
    author: str
    text: str


def timeline(store: Store, ref: str) -> list[Step]:
    """The report's steps, oldest first, as the requests' timeline shows them."""
    with store.session() as session:
        report = find_report(session, ref)
        steps = [Step(report.reported_at, "报送", report.taken_by, report.description)]
        departments = {d.id: d.name for d in session.exec(select(Department))}
        for ev in report_events(session, report.id):
            text = ev.text
            if ev.kind == "forwarded":
                dept = departments.get(ev.department_id or "", "")
                due = f"，应于{ev.due_on:%Y-%m-%d}前答复" if ev.due_on else ""
                text = f"转办至{dept}{due}" + (f"；{ev.text}" if ev.text else "")
            steps.append(Step(ev.at, EVENT_KINDS.get(ev.kind, ev.kind), ev.author, text))
    return steps


def current_state(store: Store, ref: str) -> str:
    with store.session() as session:
        return derive_state(report_events(session, find_report(session, ref).id))
