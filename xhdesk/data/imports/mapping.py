"""Finding the header row and mapping its columns to fields, by the headers offices use.

The header row is the row (among the first 30) whose cells name the most known columns; a title
row above it and merged cells are no obstacle: merged ranges are filled before matching, and a
two-row header (联系方式 over 手机 | 住址) takes the lower row where it names a field. A mapping the
user corrected is remembered per file layout (the kind and the header texts) on this installation.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.imports.columns import IGNORED_HEADERS, KINDS, Kind
from xhdesk.data.imports.normalise import text
from xhdesk.data.imports.reading import Sheet

SCAN_ROWS = 30
_NOISE = re.compile(r"[\s*＊:：]|[（(][^）)]*[）)]")


@dataclass
class Layout:
    """Where the data is: the header texts, the first data row, and each column's field."""

    headers: list[str]
    first_row: int  # index into sheet.rows
    mapping: list[str | None]  # column → field key (None: not imported)
    remembered: bool = False

    @property
    def signature(self) -> str:
        return layout_signature(self.headers)


def header_key(value: Any) -> str:
    """A header as compared: half-width, no spaces, no (notes) or * marks."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text(value)))


def _names(kind: Kind) -> dict[str, str | None]:
    names: dict[str, str | None] = {header_key(h): None for h in IGNORED_HEADERS}
    for f in kind.fields:
        for n in f.names:
            names.setdefault(header_key(n), f.key)
    return names


def _filled(sheet: Sheet, limit: int) -> list[list[Any]]:
    """The first ``limit`` rows with every merged range carrying its top-left value."""
    grid = [list(r) for r in sheet.rows[:limit]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
    return grid


def _score(row: list[Any], names: dict[str, str | None]) -> int:
    return len({header_key(v) for v in row if header_key(v) in names})


def detect_layout(sheet: Sheet, kind: Kind) -> Layout:
    """The header row and the mapping guessed from its texts."""
    names = _names(kind)
    grid = _filled(sheet, SCAN_ROWS)
    scores = [_score(row, names) for row in grid]
    if not scores or max(scores) < 2:
        raise ValidationError(
            f"在工作表「{sheet.name}」的前{SCAN_ROWS}行中找不到{kind.label}的表头"
            f"（如「{kind.fields[0].header}」「{kind.fields[1].header}」）。请确认选择了正确的工作表和导入类型。"
        )
    top = scores.index(max(scores))
    headers = [text(v) for v in grid[top]]
    first = top + 1
    if first < len(grid) and scores[first] >= 1 and _is_header_below(grid[top], grid[first], names):
        lower = grid[first]
        lower = lower + [None] * (len(headers) - len(lower))
        headers += [""] * (len(lower) - len(headers))
        for c, value in enumerate(lower):
            if header_key(value) in names:
                headers[c] = text(value)
        first += 1
    width = max(len(headers), sheet.width)
    headers += [""] * (width - len(headers))
    return Layout(headers, first, guess_mapping(headers, kind))


def _is_header_below(upper: list[Any], lower: list[Any], names: dict[str, str | None]) -> bool:
    """The row under the header continues it: its named cells sit under unnamed or merged ones."""
    for c, value in enumerate(lower):
        if header_key(value) in names and header_key(value) != header_key(
            upper[c] if c < len(upper) else None
        ):
            return True
    return False


def guess_mapping(headers: list[str], kind: Kind) -> list[str | None]:
    names = _names(kind)
    taken: set[str] = set()
    mapping: list[str | None] = []
    for h in headers:
        key = names.get(header_key(h))
        if key is not None and key not in taken:
            taken.add(key)
            mapping.append(key)
        else:
            mapping.append(None)
    return mapping


def guess_kind(sheet: Sheet) -> str:
    """The kind whose headers the sheet names best (persons on a tie)."""
    grid = _filled(sheet, SCAN_ROWS)
    best = {name: max((_score(r, _names(k)) for r in grid), default=0) for name, k in KINDS.items()}
    return max(best, key=lambda name: (best[name], name == "persons"))


def layout_signature(headers: list[str]) -> str:
    joined = "\x1f".join(header_key(h) for h in headers)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def _state_key(kind: Kind, signature: str) -> str:
    return f"import_mapping:{kind.name}:{signature}"


def recall_mapping(store: Store, kind: Kind, layout: Layout) -> Layout:
    """The layout with the mapping this installation remembered for the same headers, if any."""
    saved = store.local_state().get(_state_key(kind, layout.signature))
    if not saved:
        return layout
    keys = {f.key for f in kind.fields}
    mapping = [k if k in keys else None for k in json.loads(saved)]
    if len(mapping) != len(layout.headers):
        return layout
    return Layout(layout.headers, layout.first_row, mapping, remembered=True)


def remember_mapping(store: Store, kind: Kind, layout: Layout) -> None:
    store.set_local_state(**{_state_key(kind, layout.signature): json.dumps(layout.mapping)})


def check_mapping(kind: Kind, mapping: list[str | None]) -> None:
    """Every required field has a column, and no field has two."""
    chosen = [k for k in mapping if k]
    twice = {k for k in chosen if chosen.count(k) > 1}
    if twice:
        labels = "、".join(kind.field(k).header for k in sorted(twice))
        raise ValidationError(f"{labels} 对应了多列，请每个字段只选一列。")
    missing = [f.header for f in kind.fields if f.required and f.key not in chosen]
    if missing:
        raise ValidationError(f"请为必填字段指定对应的列：{'、'.join(missing)}。")
