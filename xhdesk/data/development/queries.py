"""Reading the pipeline: the 待办 list per branch, one person's record, the statistics.

Everything is recomputed from the step events by ``rules.derive`` on each call: the events are
the truth and a pipeline holds hundreds of persons, not hundreds of thousands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.store import Store
from xhdesk.data.development.flow import development_branch, person_events
from xhdesk.data.development.rules import Progress, Window, derive
from xhdesk.data.development.vocab import PIPELINE_STAGES, STAGES
from xhdesk.data.models import Branch, Committee, Person
from xhdesk.data.models.development import DevelopmentAttachment, DevelopmentEvent

FLAG_ORDER = {"overdue": 0, "due_soon": 1, "": 2}


@dataclass(frozen=True)
class StepRow:
    """The columns of a step event that the rules read (lists load these, not ORM objects)."""

    id: str
    person_id: str
    branch_id: str | None
    step: str
    happened_on: date
    decision: str
    months: int | None
    period_end: date | None
    hlc: int


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    name_pinyin: str
    gender: str
    birth_date: date | None
    occupation: str
    branch_id: str | None
    deleted: bool


@dataclass(frozen=True)
class Pipeline:
    """One person in the pipeline, with the progress derived from their events."""

    person: PersonRow
    branch_id: str | None
    events: list[StepRow]
    progress: Progress


def _columns(model: Any, dataclass_type: Any) -> list[Any]:
    return [getattr(model, name) for name in dataclass_type.__dataclass_fields__]


def pipelines(session: Session, person_ids: Iterable[str] | None = None) -> list[Pipeline]:
    """Every person with development events (or the given ones), with their derived progress."""
    stmt = sa.select(*_columns(DevelopmentEvent, StepRow))
    if person_ids is not None:
        stmt = stmt.where(DevelopmentEvent.person_id.in_(list(person_ids)))  # type: ignore[attr-defined]
    by_person: dict[str, list[StepRow]] = defaultdict(list)
    for row in session.execute(stmt):
        by_person[row.person_id].append(StepRow(*row))
    if not by_person:
        return []
    persons = session.execute(
        sa.select(*_columns(Person, PersonRow)).where(Person.id.in_(list(by_person)))  # type: ignore[attr-defined]
    )
    out = []
    for values in persons:
        person = PersonRow(*values)
        events = by_person[person.id]
        out.append(
            Pipeline(
                person,
                development_branch(person.branch_id, events),
                events,
                derive(events, person.birth_date, late=False),
            )
        )
    return out


@dataclass(frozen=True)
class TodoRow:
    person_id: str
    name: str
    branch: str
    stage: str  # code
    step: str  # the most pressing due step's label
    earliest: date | None
    latest: date | None
    flag: str  # overdue / due_soon / ""
    also: str = ""  # the other due steps

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)


def todo_list(
    store: Store,
    today: date | None = None,
    *,
    branch_id: str | None = None,
    committee_id: str | None = None,
    flagged_only: bool = False,
) -> list[TodoRow]:
    """待办: for each person in the pipeline, the next step and its deadline; red, amber, then the
    rest, each by the nearest latest date."""
    today = today or date.today()
    with store.session() as session:
        branches = {b.id: b for b in session.exec(select(Branch))}
        rows = []
        for item in pipelines(session):
            branch = branches.get(item.branch_id or "")
            if branch_id and item.branch_id != branch_id:
                continue
            if committee_id and (branch is None or branch.committee_id != committee_id):
                continue
            if item.progress.stage not in PIPELINE_STAGES or item.person.deleted:
                continue
            row = _todo_row(item, branch.name if branch else "", today)
            if row is not None and (row.flag or not flagged_only):
                rows.append(row)
    rows.sort(key=lambda r: (FLAG_ORDER[r.flag], r.latest or date.max, r.name))
    return rows


def _todo_row(item: Pipeline, branch: str, today: date) -> TodoRow | None:
    due = [w for w in item.progress.windows if w.step != "discontinued"]
    first = item.progress.next_window(today)
    if first is None or first.step == "discontinued":
        first = due[0] if due else None
    if first is None:
        return None
    others = "、".join(w.label for w in due if w is not first)
    return TodoRow(
        item.person.id,
        item.person.name,
        branch,
        item.progress.stage,
        first.label,
        first.earliest,
        first.latest,
        item.progress.flag(today),
        others,
    )


@dataclass
class Record:
    """A person's development record: who, where, the progress and every step with its files."""

    person: Person
    branch: str
    committee: str
    progress: Progress
    events: list[DevelopmentEvent]
    attachments: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)

    def windows(self) -> list[Window]:
        return [w for w in self.progress.windows if w.step != "discontinued"]


def development_record(store: Store, person_id: str) -> Record:
    with store.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("人员不存在。")
        events = person_events(session, person_id)
        progress = derive(events, person.birth_date)
        branch_id = development_branch(person.branch_id, events)
        branch = session.get(Branch, branch_id) if branch_id else None
        committee = session.get(Committee, branch.committee_id) if branch else None
        files: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        stmt = select(
            DevelopmentAttachment.id,
            DevelopmentAttachment.event_id,
            DevelopmentAttachment.filename,
            DevelopmentAttachment.size,
        ).where(DevelopmentAttachment.person_id == person_id)
        for att_id, event_id, filename, size in session.exec(stmt):
            files[event_id].append((att_id, filename, size))
        events.sort(key=lambda e: (e.happened_on, e.hlc, e.id))
        return Record(
            person,
            branch.name if branch else "",
            committee.name if committee else "",
            progress,
            events,
            dict(files),
        )


def attachment_data(store: Store, attachment_id: str) -> tuple[str, str, bytes]:
    with store.session() as session:
        row = session.get(DevelopmentAttachment, attachment_id)
        if row is None:
            raise NotFoundError("附件不存在。")
        return row.filename, row.mime, row.data


def development_figures(session: Session, today: date | None = None) -> dict[str, Any]:
    """``development`` in ``xhdesk stats --json``."""
    today = today or date.today()
    counts = dict.fromkeys(("applicant", "activist", "candidate", "probationary"), 0)
    converted = overdue = 0
    for item in pipelines(session):
        if item.person.deleted:
            continue
        stage = item.progress.stage
        if stage in counts:
            counts[stage] += 1
            overdue += item.progress.flag(today) == "overdue"
        approved = item.progress.done.get("conversion_approved")
        converted += stage == "member" and approved is not None and approved.year == today.year
    return {
        "development": {
            "applicants": counts["applicant"],
            "activists": counts["activist"],
            "candidates": counts["candidate"],
            "probationary": counts["probationary"],
            "converted_this_year": converted,
            "overdue": overdue,
        }
    }


def find_person(store: Store, text: str) -> str:
    """A person's id from an id, an ID number or a unique name (for the command line)."""
    key = (text or "").strip().upper()
    with store.session() as session:
        if session.get(Person, text) is not None:
            return text
        for column in (Person.id_number, Person.name):
            ids = session.exec(
                select(Person.id).where(column == key, Person.deleted == False)  # noqa: E712
            ).all()
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise NotFoundError(f"有{len(ids)}人名为「{text}」，请改用身份证号。")
    raise NotFoundError(f"找不到人员：{text}")


def find_branch(store: Store, name: str) -> str:
    with store.session() as session:
        ids = session.exec(
            select(Branch.id).where(Branch.name == name.strip(), Branch.deleted == False)  # noqa: E712
        ).all()
    if len(ids) != 1:
        raise NotFoundError(f"找不到党支部：{name}")
    return ids[0]
