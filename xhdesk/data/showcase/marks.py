"""Setting a 四亮 / 责任区 / 示范岗 mark (append-only) and reading the marks in force."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.models import Person, Station
from xhdesk.data.models.showcase import ShowcaseMark
from xhdesk.data.showcase.vocab import MARK_KINDS, PERSON_FIELDS, PERSON_KINDS, STATION_KINDS


@dataclass(frozen=True)
class Mark:
    kind: str
    text: str
    set_on: date

    @property
    def label(self) -> str:
        return MARK_KINDS.get(self.kind, self.kind)


def set_mark(
    store: Store,
    subject: str,
    subject_id: str,
    kind: str,
    text: str,
    set_on: date,
    *,
    author: str | None = None,
) -> ShowcaseMark:
    """Set (or, with empty ``text``, withdraw) a mark of a station or a person on ``set_on``."""
    allowed = STATION_KINDS if subject == "station" else PERSON_KINDS if subject == "person" else ()
    if kind not in allowed:
        raise ValidationError("请选择要设置的项目。", field="kind")
    text = (text or "").strip()
    if len(text) > 200:
        raise ValidationError("内容不能超过200个字。", field="text")
    with store.unit_of_work(author) as uow:
        if subject == "station":
            station_id: str | None = get_live(uow, Station, subject_id, "驿站阵地").id
        else:
            person = get_live(uow, Person, subject_id, "人员")
            station_id = person.station_id
            if kind in PERSON_FIELDS:
                field = PERSON_FIELDS[kind]
                if getattr(person, field) != text[:60]:
                    setattr(person, field, text[:60])
        mark = uow.add(
            ShowcaseMark(
                subject_id=subject_id,
                subject=subject,
                station_id=station_id,
                kind=kind,
                text=text,
                set_on=set_on,
                author=uow.author[:30],
                seq=store.clock.tick(),
            )
        )
    return mark


def current_marks(session: Session, subject_ids: Iterable[str]) -> dict[str, dict[str, Mark]]:
    """subject id → kind → the mark in force (the latest set; withdrawn ones left out)."""
    ids = list(dict.fromkeys(subject_ids))
    latest: dict[tuple[str, str], ShowcaseMark] = {}
    for i in range(0, len(ids), 500):
        stmt = select(ShowcaseMark).where(col(ShowcaseMark.subject_id).in_(ids[i : i + 500]))
        for row in session.exec(stmt):
            key = (row.subject_id, row.kind)
            old = latest.get(key)
            if old is None or (row.set_on, row.seq, row.id) > (old.set_on, old.seq, old.id):
                latest[key] = row
    out: dict[str, dict[str, Mark]] = {}
    for (sid, kind), row in latest.items():
        if row.text:
            out.setdefault(sid, {})[kind] = Mark(kind, row.text, row.set_on)
    return out


def marks_of(store: Store, subject_id: str) -> dict[str, Mark]:
    with store.session() as session:
        return current_marks(session, [subject_id]).get(subject_id, {})


def history_of(store: Store, subject_id: str) -> list[Mark]:
    """Every mark ever set for a station or person, newest first."""
    stmt = select(ShowcaseMark).where(ShowcaseMark.subject_id == subject_id)
    with store.session() as session:
        rows = sorted(session.exec(stmt), key=lambda r: (r.set_on, r.seq), reverse=True)
        return [Mark(r.kind, r.text, r.set_on) for r in rows]
