"""Checking every row before anything is written: normalise, then the dialogs' own validation.

Each row becomes a :class:`Line` holding the cleaned values (as the dialog's ``clean_*`` function
returns them, derived fields included) or the reasons it cannot be imported, each tied to the field
(and so to the cell) at fault. Every bad cell of a row is named, not just the
first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.imports import normalise as norm
from xhdesk.data.imports.columns import Field, Kind
from xhdesk.data.imports.mapping import Layout
from xhdesk.data.imports.reading import Sheet
from xhdesk.data.models import Station
from xhdesk.data.registry.persons import _check_party_fields

ProgressFn = Callable[[int, int], None]  # (done, total); may raise to cancel
AMBIGUOUS = "\x00ambiguous"
PROGRESS_EVERY = 5000


@dataclass(slots=True)
class Line:
    """One data row of the sheet and what checking made of it."""

    number: int  # the row number Excel shows (1-based)
    cells: list[Any]
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str | None, str]] = field(default_factory=list)  # (field key, message)
    outcome: str = ""  # new / match / error / duplicate (set by matching)
    existing_id: str | None = None
    duplicate_of: int | None = None

    @property
    def reason(self) -> str:
        messages = dict.fromkeys(message.rstrip("。") for _key, message in self.errors)
        return "；".join(messages) + "。" if messages else ""


class Units:
    """Names (and station codes) of the live units a cell may name → their ids."""

    def __init__(self, store: Store, kind: Kind) -> None:
        self.by_model: dict[Any, dict[str, str]] = {}
        with store.engine.connect() as conn:
            for f in kind.refs.values():
                table = f.ref.__table__  # type: ignore[union-attr]
                cols = [table.c.id, table.c.name]
                if f.ref is Station:
                    cols.append(table.c.code)
                found: dict[str, str] = {}
                for row in conn.execute(sa.select(*cols).where(table.c.deleted == sa.false())):
                    labels = list(row[1:])
                    if f.ref is Station:  # "S07 名称", as the full export writes it
                        labels.append(f"{row[2]} {row[1]}")
                    for label in labels:
                        key = norm.choice_key(label)
                        if key:
                            found[key] = AMBIGUOUS if found.get(key, row[0]) != row[0] else row[0]
                self.by_model[f.ref] = found

    def resolve(self, f: Field, value: Any) -> str:
        found = self.by_model[f.ref].get(norm.choice_key(value))
        if found is None:
            raise ValidationError(
                f"{f.header}「{norm.text(value)}」在系统中不存在，请先登记或核对名称。"
            )
        if found == AMBIGUOUS:
            raise ValidationError(
                f"{f.header}「{norm.text(value)}」有多个同名记录，无法确定是哪一个。"
            )
        return found


def _choice(f: Field, value: Any) -> str:
    key = norm.choice_key(value)
    vocab = f.vocabulary or {}
    if key in vocab:
        return key
    for code, label in vocab.items():
        if norm.choice_key(label) == key:
            return code
    if f.aliases and key in f.aliases:
        return f.aliases[key]
    raise ValidationError(
        f"{f.header}「{norm.text(value)}」不在可选范围内（{'、'.join(vocab.values())}）。"
    )


def convert(f: Field, value: Any, units: Units) -> Any:
    """A non-blank cell as the dialog's field would hold it (may raise ValidationError)."""
    kind = f.kind
    if kind == "name":
        return norm.name(value)
    if kind == "id_number":
        return norm.id_number(value)
    if kind in ("phone", "contact_phone", "int"):
        return norm.compact_number(value)
    if kind in ("credit_code", "code"):
        return norm.compact_number(value).upper()
    if kind == "date":
        return norm.a_date(value)
    if kind == "choice":
        return _choice(f, value)
    if kind == "ref":
        return units.resolve(f, value)
    return norm.text(value)


def _max_lengths(kind: Kind) -> dict[str, int]:
    out = {}
    for col in kind.model.__table__.columns:  # type: ignore[attr-defined]
        length = getattr(col.type, "length", None)
        if length and col.name in {f.key for f in kind.fields if f.kind == "text"}:
            out[col.name] = length
    return out


UNIQUE_KINDS = ("id_number", "phone", "contact_phone", "credit_code", "code")
MEMO_TRIAL = 1000  # a column whose first 1,000 cells are mostly distinct is not remembered


class Checker:
    """Checks the rows of one sheet against one kind (built once, used per row).

    Every cell is converted, then cleaned by the dialog's ``clean_*`` function (all its rules
    concern one field; the cross-field rules are checked after). A column whose values repeat down
    a roster (names, labels, units, towns) is cleaned once per distinct value and remembered — the
    pinyin of 100,000 names is the slow part otherwise; the other cells of a row (ID number,
    phone, address) go through ``clean_*`` together, and only a refused row is cleaned cell by cell,
    so that each bad cell gives its own reason.
    """

    def __init__(self, kind: Kind, layout: Layout, units: Units) -> None:
        self.kind = kind
        self.units = units
        self.columns = [
            (i, kind.field(key)) for i, key in enumerate(layout.mapping) if key is not None
        ]
        self.required = [f for f in kind.fields if f.required]
        self.max_lengths = _max_lengths(kind)
        self.memo: dict[str, dict[Any, dict[str, Any] | str]] = {
            f.key: {} for _, f in self.columns if f.kind not in UNIQUE_KINDS
        }
        self.lookups: dict[str, int] = dict.fromkeys(self.memo, 0)

    def convert(self, f: Field, value: Any) -> Any:
        converted = convert(f, value, self.units)
        limit = self.max_lengths.get(f.key)
        if limit and len(converted) > limit:
            raise ValidationError(f"{f.header}不能超过{limit}个字。")
        return converted

    def remembered(self, f: Field, value: Any) -> dict[str, Any] | str:
        """The cleaned field(s) of one cell of a repeating column, or the reason it is refused."""
        memo = self.memo[f.key]
        key = (type(value), value)
        found = memo.get(key)
        if found is not None:
            return found
        try:
            result: dict[str, Any] | str = self.kind.clean({f.key: self.convert(f, value)})
        except ValidationError as exc:
            result = exc.message
        memo[key] = result
        self.lookups[f.key] += 1
        if self.lookups[f.key] == MEMO_TRIAL and len(memo) > MEMO_TRIAL // 2:
            del self.memo[f.key]  # mostly distinct values: cleaned with the row from now on
        return result

    def check(self, number: int, cells: list[Any]) -> Line:
        line = Line(number, cells)
        values: dict[str, Any] = {}
        together: dict[str, Any] = {}
        width = len(cells)
        memo = self.memo
        for i, f in self.columns:
            value = cells[i] if i < width else None
            if value is None or value == "" or (isinstance(value, str) and not value.strip()):
                continue
            if f.key in memo:
                result = self.remembered(f, value)
                if isinstance(result, str):
                    line.errors.append((f.key, result))
                else:
                    values.update(result)
                continue
            try:
                together[f.key] = self.convert(f, value)
            except ValidationError as exc:
                line.errors.append((f.key, exc.message))
        if together:
            self._clean_together(line, together, values)
        for f in self.required:
            if f.key not in values and not any(k == f.key for k, _ in line.errors):
                line.errors.append((f.key, f"请填写{f.header}。"))
        line.values = values
        if not line.errors and self.kind.name == "persons":
            self._party_fields(line)
        return line

    def _clean_together(self, line: Line, raw: dict[str, Any], values: dict[str, Any]) -> None:
        try:
            values.update(self.kind.clean(raw))
            return
        except ValidationError:
            pass
        for key, value in raw.items():  # name every cell at fault, not just the first
            try:
                values.update(self.kind.clean({key: value}))
            except ValidationError as exc:
                line.errors.append((key, exc.message))

    @staticmethod
    def _party_fields(line: Line) -> None:
        if "political_status" in line.values or not line.values.get("joined_party_on"):
            party_fields(line, {})
        # else: judged after matching, against the registered person's status (or 群众 if new)


def party_fields(line: Line, existing: dict[str, Any]) -> None:
    """The dialog's cross-field rule (入党日期 only for party members, not before birth)."""
    v = existing | line.values
    probe = SimpleNamespace(
        political_status=v.get("political_status") or "masses",
        joined_party_on=v.get("joined_party_on"),
        birth_date=v.get("birth_date"),
    )
    try:
        _check_party_fields(probe)  # type: ignore[arg-type]
    except ValidationError as exc:
        line.errors.append((exc.field, exc.message))


def is_instruction_row(cells: list[Any]) -> bool:
    """The templates' 【填写说明】 and 【示例】 rows, and blank rows, are not data."""
    for value in cells:
        if not norm.is_blank(value):
            return isinstance(value, str) and value.lstrip().startswith("【")
    return True


def check_rows(
    store: Store, kind: Kind, sheet: Sheet, layout: Layout, progress: ProgressFn | None = None
) -> list[Line]:
    checker = Checker(kind, layout, Units(store, kind))
    rows = sheet.rows
    total = len(rows) - layout.first_row
    lines = []
    for offset, cells in enumerate(rows[layout.first_row :]):
        if progress and offset % PROGRESS_EVERY == 0:
            progress(offset, total)
        if is_instruction_row(cells):
            continue
        lines.append(checker.check(layout.first_row + offset + 1, cells))
    if progress:
        progress(total, total)
    return lines
