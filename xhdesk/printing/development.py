"""党员发展 documents: the 公示 (发展对象 / 预备党员转正), the 政审 cover sheet, 入党材料目录.

Built from the plain dicts of ``xhdesk.data.development.notices``. The 公示 rows carry no ID or
phone number, and every table cell is redacted as on the other notices.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import Column, TableNotice, cn_date, render_table_notice

CANDIDATE_COLUMNS = [
    Column("序号", 10, "center"),
    Column("姓名", 17, "center"),
    Column("性别", 10, "center"),
    Column("出生年月", 17, "center"),
    Column("职业群体", 20, "center"),
    Column("所在党支部", 40, "left"),
    Column("申请入党时间", 26, "center"),
    Column("确定为积极分子时间", 26, "center"),
]
PROBATIONARY_COLUMNS = [
    *CANDIDATE_COLUMNS[:6],
    Column("接收为预备党员时间", 26, "center"),
    Column("预备期满时间", 26, "center"),
]
INTRO = {
    "candidate": (
        "根据《中国共产党发展党员工作细则》，经党员推荐、党支部委员会研究，"
        "拟将下列同志列为发展对象，报上级党委预审。现将有关情况予以公示。"
    ),
    "probationary": (
        "根据《中国共产党发展党员工作细则》，下列预备党员预备期即将期满，"
        "党支部将召开党员大会讨论其转为正式党员的问题。现将有关情况予以公示。"
    ),
}


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def notice_document(data: Mapping[str, Any]) -> TableNotice:
    kind = data.get("kind", "candidate")
    period = f"{cn_date(data.get('period_start'))}至{cn_date(data.get('period_end'))}"
    issuer = data.get("issuer", "")
    rows = [[i, *(_iso(v) for v in row)] for i, row in enumerate(data.get("rows", ()), start=1)]
    return TableNotice(
        title=data.get("title") or "公示",
        intro=[
            INTRO[kind],
            f"公示时间：{period}（不少于5个工作日）。公示期间，党员和群众如有意见，"
            f"可通过来信、来电或来访等方式向{issuer or '党支部'}或上级党委反映。"
            "反映情况应实事求是，以真实姓名反映。",
        ],
        columns=CANDIDATE_COLUMNS if kind == "candidate" else PROBATIONARY_COLUMNS,
        rows=rows,
        closing=["特此公示。"],
        issuer=issuer,
        issued_on=data.get("issued_on"),
        empty_text="本期无公示对象",
    )


def cover_document(data: Mapping[str, Any]) -> TableNotice:
    return TableNotice(
        title=data.get("title") or "发展对象政治审查材料",
        intro=[],
        columns=[Column("项　目", 48, "center"), Column("内　容", 118, "left")],
        rows=[[k, _iso(v)] for k, v in data.get("fields", ())],
        closing=["本材料包括：本人自传、政审函调材料、政治审查综合性结论材料等，按目录装订。"],
        issuer=data.get("issuer", ""),
        issued_on=data.get("issued_on"),
    )


def record_document(data: Mapping[str, Any]) -> TableNotice:
    who = f"姓名：{data.get('name', '')}；当前阶段：{data.get('stage', '')}"
    if data.get("probation_end"):
        who += f"；预备期满：{cn_date(data['probation_end'])}"
    where = f"所在党支部：{data.get('branch', '')}（{data.get('committee', '')}）"
    return TableNotice(
        title=f"入党材料目录（{data.get('name', '')}）",
        intro=[who, where],
        columns=[
            Column("序号", 11, "center"),
            Column("材料名称", 50, "left"),
            Column("对应步骤", 38, "left"),
            Column("形成时间", 25, "center"),
            Column("附件", 11, "center"),
            Column("备注", 31, "left"),
        ],
        rows=[[i, *row] for i, row in enumerate(data.get("rows", ()), start=1)],
        closing=["以上材料按序号顺序装订成册，由党支部保管，转正后移交党员档案。"],
    )


def render_development_notice(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    return render_table_notice(notice_document(data), fonts or load_fonts())


def render_review_cover(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    return render_table_notice(cover_document(data), fonts or load_fonts())


def render_record(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    return render_table_notice(record_document(data), fonts or load_fonts())
