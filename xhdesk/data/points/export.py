"""Export the filtered declarations to Excel, the same rows and columns the queue shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.store import Store
from xhdesk.data.points.queries import DeclarationFilter, count_declarations, list_declarations
from xhdesk.data.points.vocab import CATEGORIES, KINDS, STATES, UNITS

PAGE = 2000
HEADERS = (
    ("申报编号", 18),
    ("姓名", 10),
    ("党支部", 26),
    ("类别", 10),
    ("分类", 8),
    ("积分细则", 36),
    ("数量", 8),
    ("单位", 6),
    ("分值", 8),
    ("事项日期", 12),
    ("状态", 12),
)


def export_declarations(
    store: Store,
    flt: DeclarationFilter,
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the declarations matching ``flt`` to ``path``; returns how many were written."""
    path = Path(path)
    existed = path.exists()
    total = count_declarations(store, flt)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("积分申报")
    for i, (_title, width) in enumerate(HEADERS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for title, _width in HEADERS:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F3F3")
        header.append(cell)
    ws.append(header)
    done = 0
    try:
        while done < total:
            rows = list_declarations(store, flt, offset=done, limit=PAGE)
            if not rows:
                break
            for r in rows:
                ws.append(
                    [
                        r.number,
                        r.person_name,
                        r.branch,
                        CATEGORIES.get(r.category, r.category),
                        KINDS.get(r.kind, r.kind),
                        r.rule_title,
                        r.quantity,
                        UNITS.get(r.unit, r.unit),
                        r.points,
                        r.deed_date,
                        STATES.get(r.state, r.state),
                    ]
                )
            done += len(rows)
            if progress:
                progress(done, total)
        wb.save(path)
    except BaseException as exc:  # cancelled or failed: no half-written file is left behind
        if not existed:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StorageError(
                f"无法保存Excel文件：{path}（{exc.strerror or exc}）。"
                "请确认文件没有在Excel/WPS中打开，或换一个位置保存。"
            ) from exc
        raise
    return done
