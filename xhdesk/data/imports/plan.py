"""The import as a plan: read → map → check → match → preview counts → one write.

``build_plan`` does everything but writing and returns the counts a preview shows; ``apply_plan``
writes the accepted rows in one unit of work (the change log records every field, so they sync),
matching again inside the write transaction so that what it writes is judged against the database
as it is then. A cancel (the progress function raising) or a failure rolls everything back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import apply_fields
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.imports.checking import Line, ProgressFn, check_rows, party_fields
from xhdesk.data.imports.columns import Kind, get_kind
from xhdesk.data.imports.mapping import (
    Layout,
    check_mapping,
    detect_layout,
    recall_mapping,
)
from xhdesk.data.imports.matching import MODES, changes_for, load_existing, match_lines
from xhdesk.data.imports.reading import Sheet, read_sheet
from xhdesk.data.models import Station

WRITE_CHUNK = 5000


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    duplicates_in_file: int = 0

    @property
    def matched(self) -> int:
        return self.updated + self.unchanged

    @property
    def refused(self) -> int:
        return self.errors + self.duplicates_in_file

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "duplicates_in_file": self.duplicates_in_file,
        }

    def summary(self, label: str = "条") -> str:
        return (
            f"新增 {self.new:,} {label}，更新 {self.updated:,} {label}，无变化 {self.unchanged:,} {label}，"
            f"文件内重复 {self.duplicates_in_file:,} 行，错误 {self.errors:,} 行"
        )


@dataclass
class ImportPlan:
    kind: Kind
    source: Path
    sheet: Sheet
    layout: Layout
    lines: list[Line]
    existing: dict[str, dict[str, Any]] = field(default_factory=dict)
    late_errors: dict[int, tuple[str | None, str]] = field(default_factory=dict)  # after matching
    matched_at: int = -1  # the change log's last rowid when the lines were matched

    def changes(self, line: Line, mode: str) -> dict[str, Any]:
        existing = self.existing.get(line.existing_id or "")
        return changes_for(self.kind, line, existing, mode) if existing is not None else {}

    def counts(self, mode: str = "skip", overrides: dict[int, str] | None = None) -> Counts:
        """What the import would do; ``overrides`` maps a row number to its own mode."""
        overrides = overrides or {}
        tally: Counter[str] = Counter()
        for line in self.lines:
            if line.outcome == "match":
                changed = self.changes(line, overrides.get(line.number, mode))
                tally["updated" if changed else "unchanged"] += 1
            else:
                tally[line.outcome] += 1
        return Counts(
            new=tally["new"],
            updated=tally["updated"],
            unchanged=tally["unchanged"],
            errors=tally["error"],
            duplicates_in_file=tally["duplicate"],
        )

    @property
    def refused(self) -> list[Line]:
        return [line for line in self.lines if line.outcome in ("error", "duplicate")]

    @property
    def matches(self) -> list[Line]:
        return [line for line in self.lines if line.outcome == "match"]


def build_plan(
    store: Store,
    path: str | Path,
    kind: str | Kind = "persons",
    *,
    sheet: str | None = None,
    mapping: list[str | None] | None = None,
    progress: ProgressFn | None = None,
) -> ImportPlan:
    """Read, map, check and match ``path``; nothing is written."""
    kind = get_kind(kind) if isinstance(kind, str) else kind
    data = read_sheet(path, sheet)
    layout = detect_layout(data, kind)
    if mapping is not None:
        layout = Layout(layout.headers, layout.first_row, _fit(mapping, len(layout.headers)))
    else:
        layout = recall_mapping(store, kind, layout)
    return plan_sheet(store, kind, Path(path), data, layout, progress)


def _fit(mapping: list[str | None], width: int) -> list[str | None]:
    return (list(mapping) + [None] * width)[:width]


def plan_sheet(
    store: Store,
    kind: Kind,
    source: Path,
    data: Sheet,
    layout: Layout,
    progress: ProgressFn | None = None,
) -> ImportPlan:
    """Check and match a sheet whose layout is settled (the wizard's mapping step)."""
    check_mapping(kind, layout.mapping)
    lines = check_rows(store, kind, data, layout, progress)
    plan = ImportPlan(kind, source, data, layout, lines)
    with store.engine.connect() as conn:
        _match(conn, plan)
    return plan


def _last_change(conn: sa.Connection) -> int:
    """Every write to a synced table adds to the change log: its last rowid dates the data."""
    return int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM change").scalar_one())


def _match(conn: sa.Connection, plan: ImportPlan) -> None:
    """Match the lines and load what they match; then the rules that need the registered row."""
    plan.matched_at = _last_change(conn)
    for line in plan.lines:  # forget what the last matching concluded
        if line.number in plan.late_errors:
            line.errors.remove(plan.late_errors.pop(line.number))
    match_lines(conn, plan.kind, plan.lines)
    plan.existing = load_existing(conn, plan.kind, [m.existing_id for m in plan.matches])  # type: ignore[misc]
    if plan.kind.name != "persons":
        return
    for line in plan.lines:
        if (
            line.outcome in ("new", "match")
            and "political_status" not in line.values
            and line.values.get("joined_party_on")
        ):
            party_fields(line, plan.existing.get(line.existing_id or "", {}))
            if line.errors:
                plan.late_errors[line.number] = line.errors[-1]
                line.outcome, line.existing_id = "error", None


@dataclass
class ImportResult:
    counts: Counts
    changes: Changes


def apply_plan(
    store: Store,
    plan: ImportPlan,
    mode: str = "skip",
    overrides: dict[int, str] | None = None,
    *,
    author: str | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Write the accepted rows in one transaction; returns what was done."""
    if mode not in MODES or any(m not in MODES for m in (overrides or {}).values()):
        raise ValidationError(f"匹配处理方式应为 {'、'.join(MODES)} 之一。")
    kind, overrides = plan.kind, overrides or {}
    with store.unit_of_work(author) as uow:
        conn = uow.session.connection()
        if _last_change(conn) != plan.matched_at:  # a write since the preview: judge again
            _match(conn, plan)
        counts = plan.counts(mode, overrides)
        total = counts.new + counts.updated
        new_rows = _new_rows(uow, plan)
        for start in range(0, len(new_rows), WRITE_CHUNK):
            if progress:
                progress(start, total)
            uow.insert_many(kind.model, new_rows[start : start + WRITE_CHUNK])
        updates = {
            line.existing_id: changed
            for line in plan.matches
            if (changed := plan.changes(line, overrides.get(line.number, mode)))
        }
        _write_updates(uow, kind, updates, len(new_rows), total, progress)
        if progress:
            progress(total, total)
    return ImportResult(counts, uow.changes)


def _new_rows(uow: UnitOfWork, plan: ImportPlan) -> list[dict[str, Any]]:
    defaults = dict(plan.kind.defaults)
    rows = [defaults | line.values for line in plan.lines if line.outcome == "new"]
    if plan.kind.model is Station:
        _number_stations(uow, rows)
    return rows


def _number_stations(uow: UnitOfWork, rows: list[dict[str, Any]]) -> None:
    """New stations without a code get the next free S-numbers, taken inside the transaction."""
    table = Station.__table__  # type: ignore[attr-defined]
    codes: list[str] = list(uow.session.connection().execute(sa.select(table.c.code)).scalars())
    numbers = [int(c[1:]) for c in codes if c and c[0] == "S" and c[1:].isdigit()]
    numbers += [int(r["code"][1:]) for r in rows if r.get("code", "")[1:].isdigit()]
    last = max(numbers, default=0)
    for row in rows:
        if not row.get("code"):
            last += 1
            row["code"] = f"S{last:02d}"


def _write_updates(
    uow: UnitOfWork,
    kind: Kind,
    updates: dict[Any, dict[str, Any]],
    done: int,
    total: int,
    progress: ProgressFn | None,
) -> None:
    model: Any = kind.model
    ids = list(updates)
    for start in range(0, len(ids), WRITE_CHUNK):
        if progress:
            progress(done + start, total)
        chunk = ids[start : start + WRITE_CHUNK]
        found: list[Any] = list(
            uow.session.execute(sa.select(model).where(model.id.in_(chunk))).scalars()
        )
        for obj in found:
            apply_fields(obj, updates[obj.id])
        uow.flush()


__all__ = [
    "Counts",
    "ImportPlan",
    "ImportResult",
    "apply_plan",
    "build_plan",
    "plan_sheet",
]
