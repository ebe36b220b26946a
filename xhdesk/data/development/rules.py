"""The rules of the pipeline as one pure function: events in, stage and deadlines out.

``derive`` folds a person's step events (in any order of arrival; sorted here by date, then HLC)
into a :class:`Progress`: the stage, the date each step was done, the probation's end, and the
steps that may be taken next, each with its earliest and latest date. Nothing it returns is
stored; the 待办 list, the statistics and the record are recomputed from the events every time.

The terms (中国共产党发展党员工作细则): talk within one month of the application; at least one
year as an activist, assessed every quarter; 公示 of at least five working days; the superior
committee approves an admission within three months of the branch general meeting; one year of
probation counted from that meeting, extended once by six to twelve months; the conversion is
approved within three months of the branch's meeting. ``CONVERSION_GRACE_MONTHS`` is the office's
reading of "及时讨论": the meeting is flagged overdue a month after the probation ended.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from xhdesk.data.development.vocab import STEPS

TALK_MONTHS = 1
ACTIVIST_MONTHS = 12
ASSESSMENT_MONTHS = 3
NOTICE_WORKING_DAYS = 5
APPROVAL_MONTHS = 3
PROBATION_MONTHS = 12
EXTENSION_MONTHS = (6, 12)
CONVERSION_GRACE_MONTHS = 1
DUE_SOON_DAYS = 7
ADULT_YEARS = 18


class StepEvent(Protocol):
    """What the rules read of an event (a ``DevelopmentEvent`` or a light ``StepRow``)."""

    @property
    def id(self) -> str: ...
    @property
    def step(self) -> str: ...
    @property
    def happened_on(self) -> date: ...
    @property
    def decision(self) -> str: ...
    @property
    def months(self) -> int | None: ...
    @property
    def period_end(self) -> date | None: ...
    @property
    def hlc(self) -> int: ...


class Calendar(Protocol):
    def working_days_between(self, start: date, end: date) -> int: ...


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def notice_working_days(calendar: Calendar, start: date, end: date) -> int:
    """Working days of a 公示 from ``start`` to ``end``, both included."""
    return calendar.working_days_between(start - timedelta(days=1), end)


@dataclass(frozen=True)
class Window:
    """A step that is due: it may be taken from ``earliest`` and should be taken by ``latest``."""

    step: str
    earliest: date | None
    latest: date | None = None

    @property
    def label(self) -> str:
        return STEPS[self.step].label

    def flag(self, today: date) -> str:
        """``overdue`` (red), ``due_soon`` (amber, within a week) or ""."""
        if self.latest is None:
            return ""
        if self.latest < today:
            return "overdue"
        if self.latest <= today + timedelta(days=DUE_SOON_DAYS):
            return "due_soon"
        return ""


@dataclass
class Progress:
    stage: str = ""
    done: dict[str, date] = field(default_factory=dict)  # step → date of its latest agreed event
    counts: dict[str, int] = field(default_factory=dict)  # step → agreed events (assessments)
    meeting_decision: str = ""  # the latest conversion meeting's decision
    extension_months: int = 0
    probation_end: date | None = None
    notice_end: date | None = None
    windows: list[Window] = field(default_factory=list)
    late: dict[str, date] = field(default_factory=dict)  # step → the latest date it missed

    def window(self, step: str) -> Window | None:
        return next((w for w in self.windows if w.step == step), None)

    def flag(self, today: date) -> str:
        flags = {w.flag(today) for w in self.windows}
        return "overdue" if "overdue" in flags else "due_soon" if "due_soon" in flags else ""

    def next_window(self, today: date) -> Window | None:
        """The most pressing due step: the one with the nearest latest date, else the first."""
        timed = [w for w in self.windows if w.latest is not None]
        if timed:
            return min(timed, key=lambda w: w.latest or today)
        return self.windows[0] if self.windows else None


def ordered(events: Iterable[StepEvent]) -> list[StepEvent]:
    return sorted(events, key=lambda e: (e.happened_on, e.hlc, e.id))


def derive(
    events: Iterable[StepEvent], birth: date | None = None, *, late: bool = True
) -> Progress:
    """The person's progress from their step events (the one rule every screen and count uses).

    ``late=False`` skips replaying the rules for each step (lists and counts do not show it)."""
    events = ordered(events)
    p = _fold(events, birth)
    if late:
        p.late = _late(events)
    return p


def _fold(events: list[StepEvent], birth: date | None) -> Progress:
    p = Progress()
    meeting_on: date | None = None
    for ev in events:
        if ev.decision == "not_agreed":
            continue
        if ev.step == "application" and "discontinued" in p.done:
            p = Progress()  # a new application after 终止发展 starts over
        p.done[ev.step] = ev.happened_on
        p.counts[ev.step] = p.counts.get(ev.step, 0) + 1
        if ev.step == "notice":
            p.notice_end = ev.period_end or ev.happened_on
        elif ev.step == "conversion_meeting":
            p.meeting_decision, meeting_on = ev.decision, ev.happened_on
        elif ev.step == "probation_extended":
            p.extension_months += ev.months or 0
    p.stage = _stage(p.done)
    if "general_meeting" in p.done:
        p.probation_end = add_months(
            p.done["general_meeting"], PROBATION_MONTHS + p.extension_months
        )
    p.windows = _windows(p, meeting_on, birth)
    return p


def _late(events: list[StepEvent]) -> dict[str, date]:
    """Steps recorded after their latest date (the rules replayed up to each event)."""
    late: dict[str, date] = {}
    for i, ev in enumerate(events):
        if ev.decision == "not_agreed" or i == 0:
            continue
        window = _fold(events[:i], None).window(ev.step)
        if window and window.latest and ev.happened_on > window.latest:
            late[ev.step] = window.latest
    return late


def _stage(done: dict[str, date]) -> str:
    for step, stage in (
        ("probation_cancelled", "cancelled"),
        ("conversion_approved", "member"),
        ("admission_approved", "probationary"),
    ):
        if step in done:
            return stage
    if "discontinued" in done:
        return "discontinued"
    for step, stage in (
        ("candidate_decided", "candidate"),
        ("activist_decided", "activist"),
        ("application", "applicant"),
    ):
        if step in done:
            return stage
    return ""


def _after(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _windows(p: Progress, meeting_on: date | None, birth: date | None) -> list[Window]:
    d, out = p.done, []
    if p.stage in ("", "discontinued"):
        adult = add_months(birth, ADULT_YEARS * 12) if birth else None
        return [Window("application", _after(adult, d.get("discontinued")))]
    if p.stage in ("member", "cancelled"):
        return []
    if p.stage == "applicant":
        applied = d["application"]
        if "talk" not in d:
            out.append(Window("talk", applied, add_months(applied, TALK_MONTHS)))
        if "activist_recommended" not in d:
            out.append(Window("activist_recommended", applied))
        if "talk" in d and "activist_recommended" in d:
            out.append(Window("activist_decided", _after(d["talk"], d["activist_recommended"])))
    elif p.stage == "activist":
        out.extend(_activist_windows(d))
    elif p.stage == "candidate":
        out.extend(_candidate_windows(p))
    elif p.stage == "probationary":
        out.extend(_probation_windows(p, meeting_on))
    if p.stage != "probationary":
        out.append(Window("discontinued", d["application"]))
    return out


def _activist_windows(d: dict[str, date]) -> list[Window]:
    decided, out = d["activist_decided"], []
    if "contacts_assigned" not in d:
        out.append(Window("contacts_assigned", decided))
    last = max(decided, d.get("assessment", decided))
    out.append(Window("assessment", decided, add_months(last, ASSESSMENT_MONTHS)))
    year_on = add_months(decided, ACTIVIST_MONTHS)
    if "candidate_recommended" not in d:
        if "contacts_assigned" in d:
            out.append(Window("candidate_recommended", year_on))
    else:
        out.append(Window("candidate_decided", _after(year_on, d["candidate_recommended"])))
    return out


def _candidate_windows(p: Progress) -> list[Window]:
    d, out = p.done, []
    decided = d["candidate_decided"]
    for step in ("political_review", "training"):
        if step not in d:
            out.append(Window(step, decided))
    if out:
        return out
    if "notice" not in d:
        out.append(Window("notice", _after(d["political_review"], d["training"])))
        return out
    if "pre_review" not in d:
        out.append(Window("pre_review", (p.notice_end or d["notice"]) + timedelta(days=1)))
    elif "general_meeting" not in d:
        out.append(Window("general_meeting", d["pre_review"]))
    else:
        meeting = d["general_meeting"]
        out.append(Window("admission_approved", meeting, add_months(meeting, APPROVAL_MONTHS)))
    return out


def _probation_windows(p: Progress, meeting_on: date | None) -> list[Window]:
    d, out = p.done, []
    end = p.probation_end
    assert end is not None
    if "oath" not in d:
        out.append(Window("oath", d["admission_approved"]))
    extended_on = d.get("probation_extended")
    if meeting_on is None or meeting_on < end or (extended_on and meeting_on <= extended_on):
        out.append(Window("conversion_meeting", end, add_months(end, CONVERSION_GRACE_MONTHS)))
        return out
    approval = {
        "convert": "conversion_approved",
        "extend": "probation_extended",
        "cancel": "probation_cancelled",
    }.get(p.meeting_decision)
    if approval is not None:
        out.append(Window(approval, meeting_on, add_months(meeting_on, APPROVAL_MONTHS)))
    return out
