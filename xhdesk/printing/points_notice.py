"""积分公示: the points public notice for the board, a paginated portrait A4 table.

Built from the dict that ``xhdesk.data.points.public_notice`` returns (title, period_start,
period_end, objection_deadline, contact, issuer, rows of name/branch/category/kind/points/reason).
ID numbers and mobile numbers never reach the page: the rows carry none, and free text is redacted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import Column, TableNotice, cn_date, points_text, render_table_notice

KIND_LABELS = {"base": "基础分", "pioneer": "先锋分"}
CATEGORY_LABELS = {
    "party_life": "党的生活",
    "study": "学习培训",
    "volunteer": "志愿服务",
    "governance": "基层治理",
    "praise": "工作好评",
}
COLUMNS = [
    Column("序号", 11, "center"),
    Column("姓名", 17, "center"),
    Column("所在党支部", 41, "left"),
    Column("积分类别", 19, "center"),
    Column("类型", 14, "center"),
    Column("分值", 12, "right"),
    Column("积分事由", 52, "left"),
]


def _row(number: int, row: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    if isinstance(row, Mapping):
        values = [
            row.get(k, "") for k in ("name", "branch", "category", "kind", "points", "reason")
        ]
    else:
        values = list(row)
    name, branch, category, kind, points, reason = values
    return [
        number,
        name,
        branch,
        CATEGORY_LABELS.get(category, category),
        KIND_LABELS.get(kind, kind),
        points_text(points),
        reason,
    ]


def notice_document(data: Mapping[str, Any]) -> TableNotice:
    issuer = data.get("issuer", "")
    period = f"{cn_date(data.get('period_start'))}至{cn_date(data.get('period_end'))}"
    intro = [
        "根据新就业群体党员积分管理办法，经个人申报、党支部审核、行业党委认定，"
        f"现将{period}党员积分情况予以公示。",
        f"公示期间，如有异议，请于{cn_date(data.get('objection_deadline'))}前"
        f"以书面或电话形式向{issuer or '积分管理部门'}反映。联系方式：{data.get('contact', '')}。",
    ]
    rows = [_row(i, r) for i, r in enumerate(data.get("rows", ()), start=1)]
    return TableNotice(
        title=data.get("title") or "党员积分公示",
        intro=intro,
        columns=COLUMNS,
        rows=rows,
        closing=["特此公示。"],
        issuer=issuer,
        # issued today unless the data says otherwise; never dated the last day of its own 公示期
        issued_on=data.get("issued_on") or date.today(),
        empty_text="本期无经认定的积分记录",
    )


def render_points_notice(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    """The 积分公示 as PDF bytes."""
    return render_table_notice(notice_document(data), fonts or load_fonts())
