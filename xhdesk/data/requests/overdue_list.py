"""超期清单 as a table: the same rows for the print preview and for the Excel file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.store import Store
from xhdesk.data.requests.deadlines import overdue_report

HEADERS = ("承办部门", "诉求编号", "诉求人", "服务事项", "办结时限", "超期天数")
WIDTHS = (120, 150, 70, 120, 90, 70)
NUMERIC = (False, False, False, False, False, True)


@dataclass(frozen=True)
class OverdueList:
    title: str
    subtitle: str
    rows: list[tuple[str, str, str, str, str, int]]


def overdue_list(store: Store, today: date) -> OverdueList:
    """The overdue requests grouped by department, as printed and exported."""
    groups = overdue_report(store, today)
    rows = [
        (dept, r.number, r.requester_name, r.kind, r.due_on.isoformat(), r.days_late)
        for dept, items in groups.items()
        for r in items
    ]
    subtitle = (
        f"截至 {today:%Y年%m月%d日}，共 {len(rows)} 件诉求超过办结时限，涉及 {len(groups)} 个部门"
    )
    return OverdueList("超期诉求清单（按承办部门）", subtitle, rows)


def export_overdue(store: Store, today: date, path: str | Path) -> int:
    """Write the 超期清单 to an .xlsx file; returns the number of requests written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = overdue_list(store, today)
    wb = Workbook()
    ws = wb.active
    ws.title = "超期清单"
    ws.append([sheet.title])
    ws.append([sheet.subtitle])
    ws.append(list(HEADERS))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    ws["A1"].font = Font(bold=True, size=14)
    for row in sheet.rows:
        ws.append(list(row))
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width / 7
    ws.freeze_panes = "A4"
    try:
        wb.save(Path(path))
    except OSError as exc:
        raise StorageError(
            f"无法保存Excel文件：{path}（{exc.strerror or exc}）。"
            "请确认文件没有在Excel/WPS中打开，或换一个位置保存。"
        ) from exc
    return len(sheet.rows)
