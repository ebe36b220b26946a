"""The working-day calendar: weekends off, plus holidays and make-up working days (调休).

The centre keeps the calendar as ``calendar_day`` rows (one per date, id derived from the date so
that two nodes editing the same date edit the same row). While no row exists at all, the shipped
example year (``resources/holidays-2026.csv``) is used, so due dates are right out of the box.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, col, select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.paths import resources_dir
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import parse_date, require_text
from xhdesk.data.models.requests import CalendarDay
from xhdesk.data.requests.vocab import CALENDAR_KINDS, CALENDAR_SOURCES

DEFAULT_CALENDAR_FILE = "holidays-2026.csv"
EXAMPLE_LABEL = "2026年节假日安排（示例，请中心核对后使用）"
_CALENDAR_NS = uuid.UUID("6f1d2a52-8c39-4a77-9d55-0b1f3c0e7a11")


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    kind: str  # holiday / workday
    name: str


@dataclass
class WorkCalendar:
    """Which days are working days. Weekends are off unless listed as make-up working days."""

    holidays: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)

    @classmethod
    def from_entries(cls, entries: list[CalendarEntry]) -> WorkCalendar:
        cal = cls()
        for entry in entries:
            (cal.holidays if entry.kind == "holiday" else cal.workdays).add(entry.day)
        return cal

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        day = start
        for _ in range(max(days, 0)):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def calendar_day_id(day: date) -> str:
    """The row id of a date: the same on every node."""
    return str(uuid.uuid5(_CALENDAR_NS, day.isoformat()))


# -- reading ---------------------------------------------------------------------------------
def parse_calendar_csv(text: str) -> list[CalendarEntry]:
    """Rows ``date,kind,name`` (header required; kind is holiday/workday or 节假日/调休上班)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not {"date", "kind"} <= {f.strip() for f in reader.fieldnames}:
        raise ValidationError("日历文件第一行应为列名：date,kind,name。")
    by_label = {v: k for k, v in CALENDAR_KINDS.items()}
    entries: dict[date, CalendarEntry] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        try:
            day = parse_date(row.get("date"), label="日期")
        except ValidationError as exc:
            raise ValidationError(f"日历文件第{line}行：{exc.message}") from None
        kind = by_label.get(row.get("kind", ""), row.get("kind", ""))
        if kind not in CALENDAR_KINDS:
            raise ValidationError(
                f"日历文件第{line}行：类型应为 holiday（节假日）或 workday（调休上班）。"
            )
        entries[day] = CalendarEntry(day, kind, row.get("name", "")[:30])
    if not entries:
        raise ValidationError("日历文件中没有任何日期。")
    return sorted(entries.values(), key=lambda e: e.day)


def read_calendar_file(path: str | Path) -> list[CalendarEntry]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取日历文件：{path}（{exc.strerror}）") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return parse_calendar_csv(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ValidationError("日历文件编码无法识别，请另存为 UTF-8 格式的 CSV。")


def default_entries() -> list[CalendarEntry]:
    """The shipped example year."""
    return list(_default_entries())


@lru_cache(maxsize=1)
def _default_entries() -> tuple[CalendarEntry, ...]:
    return tuple(read_calendar_file(resources_dir() / DEFAULT_CALENDAR_FILE))


def calendar_rows(session: Session, year: int | None = None) -> list[CalendarDay]:
    stmt = select(CalendarDay).where(CalendarDay.deleted == False)  # noqa: E712
    if year is not None:
        stmt = stmt.where(
            CalendarDay.day >= date(year, 1, 1),
            CalendarDay.day <= date(year, 12, 31),
        )
    return list(session.exec(stmt.order_by(col(CalendarDay.day))).all())


def has_calendar_rows(session: Session) -> bool:
    return session.exec(select(CalendarDay.id).limit(1)).first() is not None


def load_calendar(session: Session) -> WorkCalendar:
    """The calendar in force: this database's rows, or the shipped example if it has none."""
    if not has_calendar_rows(session):
        return WorkCalendar.from_entries(default_entries())
    rows = calendar_rows(session)
    return WorkCalendar.from_entries([CalendarEntry(r.day, r.kind, r.name) for r in rows])


def store_calendar(store: Store) -> WorkCalendar:
    with store.session() as session:
        return load_calendar(session)


# -- writing (centre only) -------------------------------------------------------------------
def _put(session: Session, entry: CalendarEntry, source: str) -> None:
    row = session.get(CalendarDay, calendar_day_id(entry.day))
    if row is None:
        session.add(
            CalendarDay(
                id=calendar_day_id(entry.day),
                day=entry.day,
                kind=entry.kind,
                name=entry.name,
                source=source,
            )
        )
        return
    for key, value in (("kind", entry.kind), ("name", entry.name), ("deleted", False)):
        if getattr(row, key) != value:
            setattr(row, key, value)
    if source != "example" and row.source != source:
        row.source = source


def import_entries(
    store: Store, entries: list[CalendarEntry], source: str = "import", author: str | None = None
) -> Changes:
    """Add or overwrite these dates (other dates stay as they are)."""
    require_role(store.node_role, ("centre",), "维护工作日历")
    if source not in CALENDAR_SOURCES:
        raise ValidationError("日历来源无效。")
    with store.unit_of_work(author) as uow:
        for entry in entries:
            _put(uow.session, entry, source)
    return uow.changes


def import_calendar_csv(store: Store, path: str | Path, author: str | None = None) -> Changes:
    return import_entries(store, read_calendar_file(path), "import", author)


def install_example_calendar(store: Store, author: str | None = None) -> Changes:
    """Write the shipped example year into this database, labelled as the example."""
    return import_entries(store, default_entries(), "example", author)


def set_calendar_day(
    store: Store, day: date | str, kind: str, name: str, author: str | None = None
) -> Changes:
    day = parse_date(day, label="日期")
    if kind not in CALENDAR_KINDS:
        raise ValidationError("请选择节假日或调休上班。", field="kind")
    name = require_text(name, field="name", label="名称", max_length=30)
    return import_entries(store, [CalendarEntry(day, kind, name)], "manual", author)


def remove_calendar_day(store: Store, day: date | str, author: str | None = None) -> Changes:
    """Take a date off the calendar (the row is kept with deleted=True)."""
    require_role(store.node_role, ("centre",), "维护工作日历")
    day = parse_date(day, label="日期")
    with store.unit_of_work(author) as uow:
        row = uow.session.get(CalendarDay, calendar_day_id(day))
        if row is None or row.deleted:
            raise ValidationError(f"日历中没有 {day.isoformat()}。")
        row.deleted = True
    return uow.changes


def calendar_label(session: Session) -> str:
    """How the window names the calendar in force ("示例" while it is the shipped example)."""
    rows = calendar_rows(session)
    if not rows:
        return EXAMPLE_LABEL
    years = sorted({r.day.year for r in rows})
    span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}–{years[-1]}年"
    if all(r.source == "example" for r in rows):
        return EXAMPLE_LABEL
    return f"{span}工作日历（{len(rows)} 个调整日）"


def calendar_overview(store: Store, year: int) -> tuple[str, list[CalendarDay]]:
    """(how the calendar in force is labelled, the year's adjusted days) for the editor."""
    with store.session() as session:
        rows = calendar_rows(session, year)
        if not has_calendar_rows(session):
            rows = [
                CalendarDay(
                    id=calendar_day_id(e.day), day=e.day, kind=e.kind, name=e.name, source="example"
                )
                for e in default_entries()
                if e.day.year == year
            ]
        return calendar_label(session), rows
