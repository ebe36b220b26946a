"""What the development documents say, as plain values for ``xhdesk.printing.development``.

* 公示: 发展对象 about to be pre-reviewed (those due for the notice, or in it), and 预备党员 whose
  probation ends (转正公示). The rows carry no ID and no phone number.
* 政审 cover sheet: the dossier's front page for one 发展对象.
* 入党材料目录: a person's record as the checklist of the materials each step produces.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import select

from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_id_number
from xhdesk.data.core.vocab import OCCUPATIONS, POLITICAL_STATUSES, label
from xhdesk.data.development.queries import Pipeline, development_record, pipelines
from xhdesk.data.development.rules import NOTICE_WORKING_DAYS, Progress
from xhdesk.data.development.vocab import DECISIONS, STAGES, STEP_LIST, STEPS
from xhdesk.data.models import Branch, Committee
from xhdesk.data.requests.calendar import WorkCalendar, load_calendar

NOTICE_KINDS = {"candidate": "发展对象公示", "probationary": "预备党员转正公示"}
CONVERSION_NOTICE_DAYS = 31  # a 转正公示 lists those whose probation ends within a month


def _ym(day: date | None) -> str:
    return f"{day.year}.{day.month:02d}" if day else ""


def _candidate_row(item: Pipeline, branch: str) -> list[Any]:
    p, d = item.person, item.progress.done
    return [
        p.name,
        p.gender,
        _ym(p.birth_date),
        label(OCCUPATIONS, p.occupation),
        branch,
        d.get("application", ""),
        d.get("activist_decided", ""),
    ]


def _probationary_row(item: Pipeline, branch: str) -> list[Any]:
    p, prog = item.person, item.progress
    return [
        p.name,
        p.gender,
        _ym(p.birth_date),
        label(OCCUPATIONS, p.occupation),
        branch,
        prog.done.get("general_meeting", ""),
        prog.probation_end or "",
    ]


def _in_candidate_notice(item: Pipeline, as_of: date) -> bool:
    prog = item.progress
    if prog.stage != "candidate":
        return False
    if prog.window("notice") is not None:
        return True
    return prog.window("pre_review") is not None and (prog.notice_end or date.min) >= as_of


def _in_conversion_notice(item: Pipeline, as_of: date) -> bool:
    prog = item.progress
    return (
        prog.stage == "probationary"
        and prog.window("conversion_meeting") is not None
        and prog.probation_end is not None
        and prog.probation_end <= as_of + timedelta(days=CONVERSION_NOTICE_DAYS)
    )


def development_notice(
    store: Store, kind: str, *, branch_id: str | None = None, as_of: date | None = None
) -> dict[str, Any]:
    """The 公示 of ``kind`` (candidate / probationary) for one branch or everyone in scope."""
    if kind not in NOTICE_KINDS:
        raise ValidationError("公示类型应为 candidate（发展对象）或 probationary（预备党员）。")
    as_of = as_of or date.today()
    wanted = _in_candidate_notice if kind == "candidate" else _in_conversion_notice
    make_row = _candidate_row if kind == "candidate" else _probationary_row
    with store.session() as session:
        branches = {b.id: b for b in session.exec(select(Branch))}
        committees = {c.id: c.name for c in session.exec(select(Committee))}
        calendar = load_calendar(session)
        chosen = [
            it
            for it in pipelines(session)
            if not it.person.deleted
            and (branch_id is None or it.branch_id == branch_id)
            and wanted(it, as_of)
        ]
    chosen.sort(
        key=lambda it: (
            branches[it.branch_id].name if it.branch_id in branches else "",
            it.person.name_pinyin,
        )
    )
    start, end = _period(calendar, [it.progress for it in chosen], kind, as_of)
    branch = branches.get(branch_id or "")
    issuer = branch.name if branch else _issuer(chosen, branches, committees)
    rows = [
        make_row(it, branches[it.branch_id].name if it.branch_id in branches else "")
        for it in chosen
    ]
    return {
        "kind": kind,
        "title": NOTICE_KINDS[kind],
        "period_start": start,
        "period_end": end,
        "issuer": issuer,
        "issued_on": start,
        "rows": rows,
    }


def _period(
    calendar: WorkCalendar, progress: list[Progress], kind: str, as_of: date
) -> tuple[date, date]:
    """The notice's days: those recorded for the 发展对象 in it, else five working days from
    ``as_of`` (or the next working day)."""
    recorded = [p for p in progress if kind == "candidate" and p.notice_end and "notice" in p.done]
    if recorded:
        return min(p.done["notice"] for p in recorded), max(p.notice_end or as_of for p in recorded)
    start = as_of if calendar.is_working_day(as_of) else calendar.next_working_day(as_of)
    return start, calendar.add_working_days(start - timedelta(days=1), NOTICE_WORKING_DAYS)


def _issuer(chosen: list[Pipeline], branches: dict[str, Branch], committees: dict[str, str]) -> str:
    units = {branches[it.branch_id].committee_id for it in chosen if it.branch_id in branches}
    if len(units) == 1:
        return committees.get(units.pop(), "")
    return "中共兴化市委组织部"


def review_cover(store: Store, person_id: str) -> dict[str, Any]:
    """政治审查材料 cover sheet for one 发展对象 (the ID number masked)."""
    rec = development_record(store, person_id)
    p, d = rec.person, rec.progress.done
    if "candidate_decided" not in d:
        raise ValidationError(f"{p.name}尚未确定为发展对象，无需政治审查材料。")
    review = next((e for e in reversed(rec.events) if e.step == "political_review"), None)
    fields = [
        ("姓名", p.name),
        ("性别", p.gender),
        ("出生年月", _ym(p.birth_date)),
        ("公民身份号码", mask_id_number(p.id_number)),
        ("政治面貌", label(POLITICAL_STATUSES, p.political_status)),
        ("职业群体", label(OCCUPATIONS, p.occupation)),
        ("所在党支部", rec.branch),
        ("上级党委", rec.committee),
        ("递交入党申请书时间", d.get("application", "")),
        ("确定为入党积极分子时间", d.get("activist_decided", "")),
        ("确定为发展对象时间", d.get("candidate_decided", "")),
        ("政治审查时间", review.happened_on if review else "（尚未审查）"),
        ("政审结论", review.note if review and review.note else ("合格" if review else "")),
        ("审查人", review.recorder if review else ""),
    ]
    return {
        "title": "发展对象政治审查材料",
        "fields": fields,
        "issuer": rec.branch,
        "issued_on": review.happened_on if review else None,
    }


def record_checklist(store: Store, person_id: str) -> dict[str, Any]:
    """入党材料目录: every material of the pipeline with when it was produced (or still due)."""
    rec = development_record(store, person_id)
    p = rec.person
    if not rec.events:
        raise NotFoundError(f"{p.name}还没有入党发展记录。")
    rows = []
    for step in STEP_LIST:
        if not step.material:
            continue
        events = [e for e in rec.events if e.step == step.code]
        if not events and step.code in ("probation_extended",):
            continue
        dates = "、".join(e.happened_on.isoformat() for e in events)
        files = sum(len(rec.attachments.get(e.id, [])) for e in events)
        notes = [DECISIONS[e.decision] for e in events if e.decision not in ("agreed",)]
        if step.code in rec.progress.late:
            notes.append(f"逾期（应于{rec.progress.late[step.code].isoformat()}前）")
        window = rec.progress.window(step.code)
        if not events and window is not None and window.latest is not None:
            notes.append(f"应于{window.latest.isoformat()}前办理")
        rows.append(
            [
                step.material,
                STEPS[step.code].label,
                dates or "未形成",
                files or "",
                "；".join(notes),
            ]
        )
    return {
        "title": "入党材料目录",
        "name": p.name,
        "branch": rec.branch,
        "committee": rec.committee,
        "stage": STAGES.get(rec.progress.stage, ""),
        "probation_end": rec.progress.probation_end,
        "rows": rows,
    }
