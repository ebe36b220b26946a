"""Templates (下载模板) and the full export: the same columns, so an export imports again unchanged.

A template has the header, a 【填写说明】 row, a 【示例】 row (both skipped on import), drop-down
lists for every closed vocabulary and for the units registered here (所在党支部, 所属企业 …, kept
on a hidden 选项 sheet), and text format on the ID-number and phone columns so that Excel does
not turn them into numbers. The full export writes every live record's unmasked values under the
same header; it is for moving a roster between offices, not for showing on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.store import Store
from xhdesk.data.imports.columns import Field, Kind, get_kind
from xhdesk.data.models import Station

ProgressFn = Callable[[int, int], None]
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F3F3F3")
_NOTE_FONT = Font(italic=True, color="808080")
_TEXT_KINDS = ("id_number", "phone", "contact_phone", "credit_code", "code")
EXPORT_PAGE = 5000


def _width(f: Field) -> float:
    return {"id_number": 22, "credit_code": 22, "ref": 24, "text": 16}.get(f.kind, 14)


def _unit_names(store: Store | None, f: Field) -> list[str]:
    if store is None or f.ref is None:
        return []
    table = f.ref.__table__  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        label = table.c.code + " " + table.c.name if f.ref is Station else table.c.name
        stmt = sa.select(label).where(table.c.deleted == sa.false())
        return sorted(set(conn.execute(stmt).scalars()))


def write_template(kind: str | Kind, path: str | Path, store: Store | None = None) -> Path:
    """Write the import template of ``kind`` to ``path``."""
    kind = get_kind(kind) if isinstance(kind, str) else kind
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = kind.label
    options = wb.create_sheet("选项")
    options.sheet_state = "hidden"
    ws.append([f.header for f in kind.fields])
    notes = [f.note for f in kind.fields]
    examples = [f.example for f in kind.fields]
    notes[0], examples[0] = f"【填写说明】{notes[0]}", f"【示例】{examples[0]}"
    ws.append(notes)
    ws.append(examples)
    for i, f in enumerate(kind.fields, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _width(f)
        head = ws.cell(row=1, column=i)
        head.font, head.fill = _HEADER_FONT, _HEADER_FILL
        head.alignment = Alignment(horizontal="center")
        ws.cell(row=2, column=i).font = _NOTE_FONT
        ws.cell(row=3, column=i).font = _NOTE_FONT
        if f.kind in _TEXT_KINDS:
            ws.column_dimensions[letter].number_format = "@"
            for row in range(2, 1001):
                ws.cell(row=row, column=i).number_format = "@"
        choices = list(f.vocabulary.values()) if f.vocabulary else _unit_names(store, f)
        if choices:
            _add_list(ws, options, i, letter, f.header, choices)
    ws.freeze_panes = "A2"
    _save(wb, path)
    return path


def _add_list(
    ws: Any, options: Any, column: int, letter: str, header: str, values: list[str]
) -> None:
    """A drop-down on the column, its values on the hidden 选项 sheet (no 255-character limit)."""
    options.cell(row=1, column=column, value=header)
    for r, value in enumerate(values, start=2):
        options.cell(row=r, column=column, value=value)
    ref = f"{quote_sheetname('选项')}!${letter}$2:${letter}${len(values) + 1}"
    dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=False)
    dv.add(f"{letter}4:{letter}5000")
    ws.add_data_validation(dv)


def _save(wb: Workbook, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise StorageError(
            f"无法保存文件：{path}（{exc.strerror or exc}）。请确认文件没有在Excel/WPS中打开。"
        ) from exc


# -- the full export -------------------------------------------------------------------------------
def _export_select(kind: Kind) -> sa.Select:
    table = kind.model.__table__  # type: ignore[attr-defined]
    source: Any = table
    columns = []
    for f in kind.fields:
        if f.ref is not None:
            ref = f.ref.__table__.alias(f"ref_{f.key}")  # type: ignore[attr-defined]
            source = source.outerjoin(ref, table.c[f.key] == ref.c.id)
            # station names repeat (two 暖蜂驿站 of one centre); "S07 名称" is unique and readable
            columns.append(ref.c.code + " " + ref.c.name if f.ref is Station else ref.c.name)
        else:
            columns.append(table.c[f.key])
    return (
        sa.select(*columns)
        .select_from(source)
        .where(table.c.deleted == sa.false())
        .order_by(sa.literal_column(f"{table.name}.rowid"))
    )


def _export_value(f: Field, value: Any) -> Any:
    if value is None or value == "":
        return None
    if f.vocabulary is not None:
        return f.vocabulary.get(value, value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_full(
    store: Store, kind: str | Kind, path: str | Path, progress: ProgressFn | None = None
) -> int:
    """Write every live record of ``kind``, unmasked, under the template's header; returns rows.

    Only roles that work with personal data may export it, and every such export is recorded in
    the 操作日志 (who, what, how many rows).
    """
    from xhdesk.data.users.audit import record_personal_export
    from xhdesk.data.users.roles import require_personal_data

    kind = get_kind(kind) if isinstance(kind, str) else kind
    require_personal_data(store.user.role if store.user else None)
    path = Path(path)
    table = kind.model.__table__  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        total = conn.execute(
            sa.select(sa.func.count()).select_from(table).where(table.c.deleted == sa.false())
        ).scalar_one()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(kind.label)
        for i, f in enumerate(kind.fields, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _width(f)
        ws.freeze_panes = "A2"
        header = []
        for f in kind.fields:
            cell = WriteOnlyCell(ws, value=f.header)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            header.append(cell)
        ws.append(header)
        done = 0
        result = conn.execution_options(yield_per=EXPORT_PAGE).execute(_export_select(kind))
        for row in result:
            ws.append([_export_value(f, v) for f, v in zip(kind.fields, row, strict=True)])
            done += 1
            if progress and done % EXPORT_PAGE == 0:
                progress(done, total)
    _save(wb, path)
    record_personal_export(store, f"{kind.label}完整名册 {path.name}", done)
    if progress:
        progress(done, total)
    return done
