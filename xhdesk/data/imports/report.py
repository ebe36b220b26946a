"""The error report: the rows that cannot be imported, as a workbook the secretary fixes in Excel.

It has the source's own header and cells, plus 错误原因; each cell at fault is filled red. The
header is the source's, so once fixed the report itself imports again (错误原因 is ignored).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from xhdesk.data.core.errors import StorageError
from xhdesk.data.imports.checking import Line
from xhdesk.data.imports.plan import ImportPlan

REASON_HEADER = "错误原因"
_BAD = PatternFill("solid", fgColor="FFC7CE")
_BAD_FONT = Font(color="9C0006")
_HEADER = PatternFill("solid", fgColor="F3F3F3")


def default_report_path(source: Path) -> Path:
    """``花名册.xlsx`` → ``花名册_错误报告.xlsx`` beside it."""
    return source.with_name(f"{source.stem}_错误报告.xlsx")


def reason(line: Line) -> str:
    if line.outcome == "duplicate":
        return f"与第{line.duplicate_of}行重复（同一人/同一记录），本行未导入。"
    return line.reason


def write_error_report(plan: ImportPlan, path: str | Path | None = None) -> Path:
    """Write the refused rows to ``path`` (default: beside the source); returns the path."""
    out = Path(path) if path is not None else default_report_path(plan.source)
    headers = [*plan.layout.headers, REASON_HEADER]
    columns = {key: i for i, key in enumerate(plan.layout.mapping) if key}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(plan.sheet.name[:31] or "错误报告")
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 40 if h == REASON_HEADER else 16
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, h) for h in headers])
    for line in plan.refused:
        bad = {columns[key] for key, _msg in line.errors if key in columns}
        cells = list(line.cells) + [None] * (len(plan.layout.headers) - len(line.cells))
        row = [_cell(ws, v, i in bad) for i, v in enumerate(cells[: len(plan.layout.headers)])]
        note = WriteOnlyCell(ws, value=reason(line))
        note.font = _BAD_FONT
        ws.append([*row, note])
    try:
        wb.save(out)
    except OSError as exc:
        raise StorageError(
            f"无法保存错误报告：{out}（{exc.strerror or exc}）。请确认文件没有在Excel/WPS中打开。"
        ) from exc
    return out


def _header_cell(ws: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    cell.fill = _HEADER
    return cell


def _cell(ws: Any, value: Any, bad: bool) -> WriteOnlyCell:
    if isinstance(value, datetime | date):
        value = value.isoformat()[:10] if not isinstance(value, datetime) else value
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.number_format = "@"  # keep ID numbers as text when the secretary edits them
    if bad:
        cell.fill = _BAD
        cell.font = _BAD_FONT
        cell.comment = Comment("请修改此单元格", "xhdesk")
    return cell
