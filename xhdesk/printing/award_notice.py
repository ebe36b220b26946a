"""评选结果公示: the award result notice (winners of a year's selections), same rules as 积分公示.

Built from a plain dict: title, year, period_start, period_end (the 公示期), contact, issuer,
issued_on, rows of award/name/unit/occupation/reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import Column, TableNotice, cn_date, render_table_notice

COLUMNS = [
    Column("序号", 12, "center"),
    Column("评选项目", 27, "center"),
    Column("姓名", 16, "center"),
    Column("工作单位 / 所在支部", 40, "left"),
    Column("职业", 21, "center"),
    Column("主要事迹", 50, "left"),
]


def _row(number: int, row: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    if isinstance(row, Mapping):
        values = [row.get(k, "") for k in ("award", "name", "unit", "occupation", "reason")]
    else:
        values = list(row)
    return [number, *values]


def notice_document(data: Mapping[str, Any]) -> TableNotice:
    year = data.get("year", "")
    issuer = data.get("issuer", "")
    period = f"{cn_date(data.get('period_start'))}至{cn_date(data.get('period_end'))}"
    intro = [
        f"根据{year}年度新就业群体先进典型评选推荐工作安排，经个人自荐、组织推荐、"
        "资格审查和综合评议，确定以下同志为拟表彰（推荐）对象，现予以公示。",
        f"公示时间：{period}。公示期间，任何单位和个人如有异议，可通过来电、来信、来访等方式"
        f"向{issuer or '评选工作办公室'}反映。反映问题应实事求是，并提供具体事实或线索。"
        f"联系方式：{data.get('contact', '')}。",
    ]
    rows = [_row(i, r) for i, r in enumerate(data.get("rows", ()), start=1)]
    return TableNotice(
        title=data.get("title") or f"{year}年度先进典型评选结果公示",
        intro=intro,
        columns=COLUMNS,
        rows=rows,
        closing=["特此公示。"],
        issuer=issuer,
        issued_on=data.get("issued_on") or data.get("period_start"),
        empty_text="本年度尚未确定评选结果",
        name_column=2,
    )


def render_award_notice(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    """The 评选结果公示 as PDF bytes."""
    return render_table_notice(notice_document(data), fonts or load_fonts())
