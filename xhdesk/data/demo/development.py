"""A plausible development pipeline for the demo year, built from the registry's own people.

Workers marked as 入党申请人/积极分子/发展对象 in the registry get the steps that lead them there;
probationary members get the steps up to their admission (the general meeting on the day the
registry says they joined); members admitted in the year before last-year's probation ended get
their conversion. Some steps are left undone or done late, so the 待办 list has red and amber rows.
Every path keeps the rules (``rules.derive``), which a test replays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import select

from xhdesk.data.core.store import Store
from xhdesk.data.demo import DemoContext
from xhdesk.data.demo.names import person_name
from xhdesk.data.demo.registry import OCCUPATION_COMMITTEE
from xhdesk.data.development.rules import ADULT_YEARS, NOTICE_WORKING_DAYS, add_months
from xhdesk.data.models import Branch, Person
from xhdesk.data.models.development import DevelopmentEvent, DevelopmentQuota
from xhdesk.data.requests.calendar import WorkCalendar, load_calendar

AUTHOR = "演示数据"
STAGE_ENTRY = {
    "applicant": "application",
    "activist": "activist_decided",
    "candidate": "candidate_decided",
    "probationary": "admission_approved",
    "member": "conversion_approved",
}
NEXT_ENTRY = {
    "applicant": "activist_decided",
    "activist": "candidate_decided",
    "candidate": "admission_approved",
    "probationary": "conversion_meeting",
}

Path = list[tuple[str, int, dict[str, Any]]]  # (step, days after the application, extra fields)


def _path(ctx: DemoContext) -> Path:
    """One person's whole pipeline as day offsets from the application, within the rules."""
    r = ctx.rng.randint
    talk = r(5, 28) if ctx.rng.random() > 0.1 else r(32, 45)  # one in ten talked late
    recommended = r(20, 60)
    decided = max(talk, recommended) + r(5, 30)
    out: Path = [
        ("application", 0, {}),
        ("talk", talk, {}),
        ("activist_recommended", recommended, {}),
        ("activist_decided", decided, {}),
        ("contacts_assigned", decided + r(1, 10), {"contacts": _two_names(ctx)}),
    ]
    year_on = (add_months(date(2000, 1, 1) + timedelta(days=decided), 12) - date(2000, 1, 1)).days
    cand_rec = year_on + r(0, 60)
    day = decided
    while day + 92 < cand_rec:
        day += r(80, 90)
        out.append(("assessment", day, {}))
    cand = cand_rec + r(3, 15)
    review, training = cand + r(10, 40), cand + r(10, 40)
    notice = max(review, training) + r(3, 15)
    pre = notice + r(16, 24)
    meeting = pre + r(7, 30)
    approved = meeting + r(15, 60)
    conversion = meeting + 366 + r(0, 20)
    out += [
        ("candidate_recommended", cand_rec, {}),
        ("candidate_decided", cand, {}),
        ("political_review", review, {"note": "政治审查合格"}),
        ("training", training, {"note": "参加市级发展对象集中培训并结业"}),
        ("notice", notice, {}),
        ("pre_review", pre, {}),
        ("general_meeting", meeting, {}),
        ("admission_approved", approved, {}),
        ("oath", approved + r(1, 30), {}),
        ("conversion_meeting", conversion, {"decision": "convert"}),
        ("conversion_approved", conversion + r(15, 60), {}),
    ]
    return sorted(out, key=lambda s: s[1])


def _two_names(ctx: DemoContext) -> str:
    return "、".join(person_name(ctx.rng, ctx.rng.choice("男女")) for _ in range(2))


def _offset(path: Path, step: str) -> int:
    return next(o for s, o, _x in path if s == step)


def _dated(
    ctx: DemoContext,
    path: Path,
    calendar: WorkCalendar,
    person: Person,
    stage: str,
    waiting: int | None = None,
) -> list[tuple[str, date, dict[str, Any]]]:
    """The path placed in time so that the person is in ``stage`` today (or anchored on the
    day the registry says they joined); a few paths stall one step short. ``waiting``: an
    applicant who applied that many days ago and has not been talked to yet."""
    if waiting is not None:
        return [("application", ctx.today - timedelta(days=waiting), {})]
    if stage in ("probationary", "member") and person.joined_party_on:
        start = person.joined_party_on - timedelta(days=_offset(path, "general_meeting"))
    else:
        entry, nxt = _offset(path, STAGE_ENTRY[stage]), _offset(path, NEXT_ENTRY[stage])
        start = ctx.today - timedelta(days=ctx.rng.randint(entry + 3, max(entry + 4, nxt - 3)))
    stop = "conversion_meeting" if stage == "probationary" else None
    out = []
    for step, offset, extra in path:
        day = start + timedelta(days=offset)
        if step == stop or day > ctx.today:
            break
        if step == "notice":
            end = calendar.add_working_days(day - timedelta(days=1), NOTICE_WORKING_DAYS)
            extra = {**extra, "period_end": end}
        out.append((step, day, extra))
    if len(out) > 1 and out[-1][0] != STAGE_ENTRY[stage] and ctx.rng.random() < 0.2:
        out.pop()  # a stalled step: shows in the 待办 list as due or overdue
    return out


def _targets(ctx: DemoContext, people: list[Person]) -> list[tuple[Person, str]]:
    year_ago = add_months(ctx.today, -12)
    out = []
    for p in people:
        if p.development_stage in STAGE_ENTRY:
            out.append((p, p.development_stage))
        elif p.political_status == "probationary" and p.joined_party_on:
            out.append((p, "probationary"))
        elif (
            p.political_status == "member"
            and p.joined_party_on
            and add_months(year_ago, -12) < p.joined_party_on < year_ago - timedelta(days=80)
        ):
            out.append((p, "member"))
    return out


def build(store: Store, ctx: DemoContext) -> None:
    with store.session() as session:
        people = list(
            session.exec(
                select(Person).where(Person.status == "active", Person.deleted == False)  # noqa: E712
            ).all()
        )
        branches = list(session.exec(select(Branch).where(Branch.deleted == False)).all())  # noqa: E712
        calendar = load_calendar(session)
    people.sort(key=lambda p: p.id)
    by_committee: dict[str, list[Branch]] = {}
    for b in sorted(branches, key=lambda b: b.id):
        by_committee.setdefault(b.committee_id, []).append(b)
    committee_of = {b.id: b.committee_id for b in branches}
    rows: list[dict[str, Any]] = []
    admitted: dict[str, int] = {}
    waiting = [40, 27]  # the first two applicants wait for their talk: one overdue, one due soon
    for person, stage in _targets(ctx, people):
        committee = ctx.committees.get(OCCUPATION_COMMITTEE.get(person.occupation, ""), "")
        choices = by_committee.get(committee) or branches
        branch_id = person.branch_id or ctx.rng.choice(choices).id
        wait = waiting.pop() if stage == "applicant" and waiting else None
        steps = _dated(ctx, _path(ctx), calendar, person, stage, wait)
        adult = add_months(person.birth_date, 12 * ADULT_YEARS) if person.birth_date else None
        if not steps or (adult and steps[0][1] < adult):
            continue  # too young to have applied then
        for hlc, (step, day, extra) in enumerate(steps):
            rows.append(
                _event(ctx, store, person.id, branch_id, committee_of, step, day, hlc, extra)
            )
            if step == "general_meeting" and day.year == ctx.today.year:
                admitted[branch_id] = admitted.get(branch_id, 0) + 1
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(DevelopmentEvent, rows)
        uow.insert_many(DevelopmentQuota, _quotas(ctx, admitted, committee_of))


def _event(
    ctx: DemoContext,
    store: Store,
    person_id: str,
    branch_id: str,
    committee_of: dict[str, str],
    step: str,
    day: date,
    hlc: int,
    extra: dict[str, Any],
) -> dict[str, Any]:
    committee_step = step in ("pre_review", "admission_approved", "conversion_approved")
    return {
        "id": ctx.new_id(),
        "person_id": person_id,
        "branch_id": branch_id,
        "committee_id": committee_of.get(branch_id),
        "step": step,
        "happened_on": day,
        "decision": extra.get("decision", "agreed"),
        "months": None,
        "period_end": extra.get("period_end"),
        "contacts": extra.get("contacts", ""),
        "note": extra.get("note", ""),
        "recorder": "组织委员" if not committee_step else "党委组织员",
        "node_id": store.node_id,
        "node_role": store.node_role,
        "at": datetime(day.year, day.month, day.day, 9, 0),
        "hlc": hlc,
    }


def _quotas(
    ctx: DemoContext, admitted: dict[str, int], committee_of: dict[str, str]
) -> list[dict[str, Any]]:
    """The year's plan: each committee a little above what its branches admitted; each branch
    that admitted someone its own figure, and one branch one short (the over-quota warning)."""
    year, rows = ctx.today.year, []
    per_committee: dict[str, int] = {}
    for branch_id, n in admitted.items():
        per_committee[committee_of[branch_id]] = per_committee.get(committee_of[branch_id], 0) + n
    for committee_id in sorted(set(ctx.committees.values())):
        total = per_committee.get(committee_id, 0) + ctx.rng.randint(2, 5)
        rows.append(_quota(ctx, year, committee_id, None, total))
    for i, branch_id in enumerate(sorted(admitted, key=lambda b: (-admitted[b], b))):
        total = (
            admitted[branch_id] - (1 if i == 0 else 0) + (0 if i == 0 else ctx.rng.randint(0, 2))
        )
        rows.append(_quota(ctx, year, committee_of[branch_id], branch_id, total))
    return rows


def _quota(
    ctx: DemoContext, year: int, committee_id: str, branch_id: str | None, total: int
) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "deleted": False,
        "year": year,
        "committee_id": committee_id,
        "branch_id": branch_id,
        "total": total,
        "new_employment": max(total - ctx.rng.randint(0, 1), 0),
        "note": "",
    }
