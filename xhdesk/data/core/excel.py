"""Write a listing — exactly the rows and columns a table shows — to an .xlsx workbook.

The values are the table's display values (masked ID numbers and phones, Chinese labels), so an
export never reveals more than the screen. Rows are read page by page and written in openpyxl's
write-only mode, so 100,000 rows need little memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.listing import Criteria, Listing, display_value, is_numeric
from xhdesk.data.core.store import Store
from xhdesk.redaction import redact

PAGE = 2000
ProgressFn = Callable[[int, int], None]  # (done, total); may raise to cancel

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F3F3F3")


def _width(pixels: int) -> float:
    """Excel column width (characters) from the table's width in pixels."""
    return max(6.0, round(pixels / 7.0, 1))


def export_listing(
    store: Store,
    listing: Listing,
    criteria: Criteria,
    path: str | Path,
    *,
    sheet_title: str = "",
    progress: ProgressFn | None = None,
) -> int:
    """Write the rows matching ``criteria`` to ``path``; returns the number of rows written."""
    path = Path(path)
    existed = path.exists()
    _check_writable(path)
    total = listing.count(store, criteria)
    wb, ws = _new_sheet(listing, sheet_title or listing.name)
    done = 0
    try:
        if progress:
            progress(0, total)
        while done < total:
            rows = listing.page(store, criteria, done, PAGE, matched=total)
            if not rows:
                break
            for row in rows:
                ws.append(
                    [_cell_value(c, v) for c, v in zip(listing.columns, row[1:], strict=True)]
                )
            done += len(rows)
            if progress:
                progress(done, total)
        wb.save(path)
    except BaseException as exc:  # cancelled or failed: leave no half-written file behind
        ws.close()
        if not existed:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from exc
        raise
    return done


def _new_sheet(listing: Listing, title: str) -> tuple[Workbook, Any]:
    """A write-only workbook whose sheet has the listing's widths and a bold, frozen header."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    for i, column in enumerate(listing.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(column.width)
    ws.freeze_panes = "A2"
    header = []
    for column in listing.columns:
        cell = WriteOnlyCell(ws, value=column.title)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    return wb, ws


def _unwritable(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"无法保存Excel文件：{path}（{exc.strerror or exc}）。"
        "请确认文件没有在Excel/WPS中打开，或换一个位置保存。"
    )


def _check_writable(path: Path) -> None:
    """Fail before the work, not after it: the file must be creatable (and not open in Excel)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except OSError as exc:
        raise _unwritable(path, exc) from exc


def _cell_value(column, value):  # noqa: ANN001, ANN202 — a Column and a raw SQL value
    """Numbers stay numbers (so Excel can sum them); everything else is the display text, with
    ID and mobile numbers typed into free text masked as on paper."""
    if value is None:
        return None
    if is_numeric(column):
        return value
    shown = display_value(column, value)
    return redact(shown) if isinstance(shown, str) else shown
