"""The period report as an .xlsx workbook: one sheet per table, numbers as numbers, and each
chart's numbers beside a native Excel chart of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xhdesk.data.core.excel import _check_writable, _unwritable
from xhdesk.data.overview.charts import Chart
from xhdesk.data.overview.report import PeriodReport, ReportTable

SHEETS = ("主要数据", "覆盖情况", "未落实清单")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F3F3")


def _sheet(wb: Workbook, name: str, table: ReportTable, first_row: int = 1) -> Any:
    ws = wb.create_sheet(title=name[:31])
    ws.cell(row=first_row, column=1, value=table.title).font = Font(bold=True, size=12)
    header = first_row + 1
    for col, title in enumerate(table.columns, start=1):
        cell = ws.cell(row=header, column=col, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        width = (
            max(len(str(title)), *(len(str(r[col - 1])) for r in table.rows))
            if table.rows
            else len(title)
        )
        ws.column_dimensions[get_column_letter(col)].width = min(max(8, width * 2 + 2), 48)
    for r, row in enumerate(table.rows, start=header + 1):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    if not table.rows:
        ws.cell(row=header + 1, column=1, value=table.empty_text)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    return ws


def _excel_chart(ws: Any, chart: Chart, rows: int, columns: int) -> None:
    if not rows:
        return
    if chart.kind == "line":
        xl: Any = LineChart()
    else:
        xl = BarChart()
        xl.type = "bar" if chart.kind == "hbar" else "col"
        if chart.kind == "stacked":
            xl.grouping, xl.overlap = "stacked", 100
    xl.title = chart.title
    xl.height, xl.width = 9, 18
    data = Reference(ws, min_col=2, max_col=columns, min_row=2, max_row=rows + 2)
    xl.add_data(data, titles_from_data=True)
    xl.set_categories(Reference(ws, min_col=1, min_row=3, max_row=rows + 2))
    ws.add_chart(xl, f"{get_column_letter(columns + 2)}2")


def write_workbook(report: PeriodReport, path: Path) -> None:
    _check_writable(path)
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in zip(SHEETS, report.tables, strict=False):
        _sheet(wb, name, table)
    for n, (chart, table) in enumerate(
        zip(report.charts, report.tables[len(SHEETS) :], strict=True), 1
    ):
        ws = _sheet(wb, f"图{n} {chart.title}".replace("/", "／")[:31], table)
        _excel_chart(ws, chart, len(table.rows), len(table.columns))
    wb.properties.title = report.title
    wb.properties.creator = "xhdesk"
    try:
        wb.save(path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
