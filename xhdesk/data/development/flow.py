"""Recording a development step: one append-only event, after the rules say it may be taken.

A step is refused when this node's role may not take it (a branch approving an admission), when
the person belongs to another branch or committee than this node's, when the person's stage does
not offer it, or when its date is before the earliest the rules allow (or in the future). A step
taken after its latest date is recorded — it happened — and shows as late in the record.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.development.rules import (
    EXTENSION_MONTHS,
    NOTICE_WORKING_DAYS,
    Progress,
    derive,
    notice_working_days,
)
from xhdesk.data.development.vocab import (
    COMMITTEE_STEPS,
    DECISIONS,
    MEETING_DECISIONS,
    STAGES,
    STEP_ROLES,
    STEPS,
)
from xhdesk.data.models import Branch, Person
from xhdesk.data.models.development import DevelopmentAttachment, DevelopmentEvent
from xhdesk.data.points.scope import node_scope
from xhdesk.data.requests.calendar import load_calendar

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
APPROVAL_STEPS = (*COMMITTEE_STEPS, "general_meeting")


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class StepInput:
    """What the step dialog (or a script) records."""

    step: str
    happened_on: date
    decision: str = "agreed"
    note: str = ""
    contacts: str = ""  # contacts_assigned: two names separated by 、 or a comma
    months: int | None = None  # conversion_meeting with decision "extend"
    period_end: date | None = None  # notice
    attachments: tuple[tuple[str, bytes], ...] = ()
    branch_id: str | None = None  # application: the branch applied to (else the person's)


def person_events(session: Any, person_id: str) -> list[DevelopmentEvent]:
    stmt = select(DevelopmentEvent).where(DevelopmentEvent.person_id == person_id)
    return list(session.exec(stmt))


def development_branch(registry_branch: str | None, events: Sequence[Any]) -> str | None:
    """The branch that keeps the person's development: the latest step's, else the registry's."""
    for ev in sorted(events, key=lambda e: (e.happened_on, e.hlc), reverse=True):
        if ev.branch_id:
            return str(ev.branch_id)
    return registry_branch


def record_step(
    store: Store,
    person_id: str,
    entry: StepInput,
    *,
    author: str | None = None,
    today: date | None = None,
) -> Changes:
    """Append one step event for ``person_id`` (see the module docstring for what is refused)."""
    step = STEPS.get(entry.step)
    if step is None:
        raise ValidationError(f"未知的党员发展步骤：{entry.step}")
    require_role(store.node_role, STEP_ROLES[step.code], step.label)
    today = today or date.today()
    with store.unit_of_work(author) as uow:
        person = uow.session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError("人员不存在。")
        events = person_events(uow.session, person_id)
        branch_id = entry.branch_id or development_branch(person.branch_id, events)
        branch = uow.session.get(Branch, branch_id) if branch_id else None
        if branch is None:
            raise ValidationError(f"{person.name}尚未确定所在党支部，请先选择接收申请的党支部。")
        _check_place(store, branch, person.name, step.label)
        progress = derive(events, person.birth_date)
        fields = _check_step(uow.session, person, progress, entry, today)
        event = DevelopmentEvent(
            person_id=person_id,
            branch_id=branch.id,
            committee_id=branch.committee_id,
            step=step.code,
            happened_on=entry.happened_on,
            recorder=uow.author[:30],
            node_id=store.node_id,
            node_role=store.node_role,
            at=now_utc(),
            hlc=store.clock.tick(),
            **fields,
        )
        uow.add(event)
        uow.flush()
        for filename, data in entry.attachments:
            add_attachment(uow, event, filename, data)
        summarise(person, event, progress)
    return uow.changes


def summarise(person: Person, event: DevelopmentEvent, before: Progress) -> None:
    """Keep the registry's summary fields in step with an agreed step, as a 双核 check keeps
    ``org_checked_on``: the stage shown in 党员队伍, and the political status once the committee
    has approved an admission, a conversion or a cancellation. The events stay the truth."""
    if event.decision == "not_agreed":
        return
    stage = {
        "application": "applicant",
        "activist_decided": "activist",
        "candidate_decided": "candidate",
    }.get(event.step)
    if stage is not None:
        person.development_stage = stage
    elif event.step == "discontinued":
        person.development_stage = None
    elif event.step == "admission_approved":
        person.political_status = "probationary"
        person.joined_party_on = before.done.get("general_meeting")
        person.branch_id = event.branch_id
        person.development_stage = None
    elif event.step == "conversion_approved":
        person.political_status = "member"
    elif event.step == "probation_cancelled":
        person.political_status, person.joined_party_on = "masses", None


def _check_place(store: Store, branch: Branch, name: str, action: str) -> None:
    scope = node_scope(store)
    if scope.role == "branch" and scope.branch_id and branch.id != scope.branch_id:
        raise PermissionDenied(f"{name}的发展由{branch.name}办理，本节点不能{action}。")
    if (
        scope.role == "committee"
        and scope.committee_id
        and branch.committee_id != scope.committee_id
    ):
        raise PermissionDenied(f"{name}所在的{branch.name}不属于本行业党委，本节点不能{action}。")


def _check_step(
    session: Any, person: Person, progress: Progress, entry: StepInput, today: date
) -> dict[str, Any]:
    step = STEPS[entry.step]
    window = progress.window(entry.step)
    if window is None:
        stage = STAGES.get(progress.stage, "尚未申请入党")
        hint = "、".join(w.label for w in progress.windows if w.step != "discontinued")
        raise WorkflowError(
            f"{person.name}当前为「{stage}」，现在不能办理「{step.label}」"
            + (f"；下一步应办理：{hint}。" if hint else "。")
        )
    if entry.happened_on > today:
        raise ValidationError(f"「{step.label}」的日期不能晚于今天。", field="happened_on")
    if window.earliest is not None and entry.happened_on < window.earliest:
        raise WorkflowError(
            f"「{step.label}」最早可于{window.earliest.isoformat()}办理"
            f"（{_why_earliest(entry.step)}），所填日期{entry.happened_on.isoformat()}过早。"
        )
    note = entry.note.strip()
    if len(note) > 500:
        raise ValidationError("说明不能超过500个字。", field="note")
    fields: dict[str, Any] = {"note": note, "decision": _decision(entry)}
    if entry.step == "notice":
        fields["period_end"] = _notice_end(session, entry)
    elif entry.step == "contacts_assigned":
        fields["contacts"] = _contacts(entry.contacts)
    elif entry.step == "conversion_meeting":
        fields["months"] = _extension(progress, entry)
    elif entry.step == "probation_extended":
        fields["months"] = entry.months or progress_meeting_months(session, person.id)
    return fields


def _why_earliest(step: str) -> str:
    return {
        "candidate_recommended": "入党积极分子须经一年以上培养考察",
        "candidate_decided": "入党积极分子须经一年以上培养考察",
        "pre_review": "须在公示期满后报上级党委预审",
        "conversion_meeting": "预备期满方可讨论转正",
        "application": "年满十八周岁方可申请入党",
    }.get(step, "不能早于上一步骤")


def _decision(entry: StepInput) -> str:
    decision = entry.decision or "agreed"
    if entry.step == "conversion_meeting":
        if decision not in MEETING_DECISIONS:
            raise ValidationError("请选择支部大会的决议：按期转正、延长预备期或取消预备党员资格。")
        return decision
    allowed = ("agreed", "not_agreed") if entry.step in APPROVAL_STEPS else ("agreed",)
    if decision not in allowed:
        raise ValidationError(
            f"「{STEPS[entry.step].label}」不能选择「{DECISIONS.get(decision, decision)}」。"
        )
    return decision


def _notice_end(session: Any, entry: StepInput) -> date:
    end = entry.period_end
    if end is None:
        raise ValidationError("请填写公示截止日期。", field="period_end")
    days = notice_working_days(load_calendar(session), entry.happened_on, end)
    if days < NOTICE_WORKING_DAYS:
        raise WorkflowError(
            f"公示期不少于{NOTICE_WORKING_DAYS}个工作日，"
            f"{entry.happened_on.isoformat()}至{end.isoformat()}只有{max(days, 0)}个工作日。"
        )
    return end


def _contacts(text: str) -> str:
    names = [
        n for n in text.replace(",", "、").replace("，", "、").replace(" ", "、").split("、") if n
    ]
    if len(names) != 2 or names[0] == names[1]:
        raise ValidationError("请指定两名正式党员作为培养联系人（用顿号分隔）。", field="contacts")
    return "、".join(names)[:60]


def _extension(progress: Progress, entry: StepInput) -> int | None:
    if entry.decision != "extend":
        return None
    if progress.extension_months:
        raise WorkflowError("预备期只能延长一次。")
    low, high = EXTENSION_MONTHS
    if entry.months is None or not low <= entry.months <= high:
        raise ValidationError(f"延长预备期最短{low}个月，最长{high}个月。", field="months")
    return entry.months


def progress_meeting_months(session: Any, person_id: str) -> int | None:
    """The extension the latest conversion meeting decided (the approval takes it over)."""
    meetings = [e for e in person_events(session, person_id) if e.step == "conversion_meeting"]
    meetings.sort(key=lambda e: (e.happened_on, e.hlc))
    return meetings[-1].months if meetings else None


def add_attachment(uow: UnitOfWork, event: DevelopmentEvent, filename: str, data: bytes) -> None:
    name = (filename or "").strip().replace("\\", "/").rsplit("/", 1)[-1][:120]
    if not name:
        raise ValidationError("附件缺少文件名。")
    if not data:
        raise ValidationError(f"附件「{name}」是空文件。")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"附件「{name}」超过5MB，请压缩后再上传。")
    uow.add(
        DevelopmentAttachment(
            event_id=event.id,
            person_id=event.person_id,
            filename=name,
            mime=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            added_by=uow.author[:30],
            created_at=now_utc(),
        )
    )


def attach(
    store: Store, event_id: str, files: Iterable[tuple[str, bytes]], author: str | None = None
) -> Changes:
    """Add documents to a recorded step (the event itself stays as it was)."""
    with store.unit_of_work(author) as uow:
        event = uow.session.get(DevelopmentEvent, event_id)
        if event is None:
            raise NotFoundError("发展步骤不存在。")
        for filename, data in files:
            add_attachment(uow, event, filename, data)
    return uow.changes
