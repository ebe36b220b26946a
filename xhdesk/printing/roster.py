"""名册: the current list of a registry tab as a landscape A4 roster.

The columns and values are those the table shows (masked ID numbers and phones), with a 序号
column in front; the header row repeats on every page, which carries "第 n 页 共 m 页" at its foot.
Column widths follow the table's widths, scaled to the page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, TableStyle

from xhdesk.printing.fonts import FontSet
from xhdesk.printing.layout import (
    GREY,
    INK,
    PARTY_RED,
    cn_date,
    draw_text,
    numbered_canvas,
    para,
    redact,
)

MARGIN = 12 * mm
NUMBER_WIDTH = 10 * mm
CELL_SIZE = 8.5


@dataclass
class Roster:
    title: str  # 党员队伍名册
    subtitle: str  # what the list was filtered by, and how many rows
    headers: Sequence[str]
    widths: Sequence[int]  # relative widths (the table's pixel widths)
    rows: Sequence[Sequence[str]]
    numeric: Sequence[bool] = ()
    issuer: str = ""
    printed_on: date | None = None


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle(
        "cell", fontName=fonts.serif, fontSize=CELL_SIZE, leading=CELL_SIZE + 2.5, wordWrap="CJK"
    )
    return {
        "title": ParagraphStyle(
            "title", fontName=fonts.sans, fontSize=17, leading=24, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "sub", fontName=fonts.serif, fontSize=9, leading=13, alignment=TA_CENTER, textColor=GREY
        ),
        "cell": cell,
        "num": ParagraphStyle("num", parent=cell, alignment=TA_RIGHT),
        "head": ParagraphStyle(
            "head", parent=cell, fontName=fonts.sans, fontSize=9, alignment=TA_CENTER
        ),
    }


def _fit(roster: Roster, fonts: FontSet, usable: float) -> list[float]:
    """Widths scaled from the table's, but wide enough that an ID number or a phone (Latin text
    that cannot break) stays on one line; the other columns give up the difference."""
    scale = usable / max(sum(roster.widths), 1)
    widths = [w * scale for w in roster.widths]
    needed = [0.0] * len(widths)
    for row in roster.rows[:200]:
        for i, value in enumerate(row):
            if value and str(value).isascii():
                needed[i] = max(needed[i], fonts.width(str(value), CELL_SIZE) + 8)
    short = sum(max(n - w, 0) for n, w in zip(needed, widths, strict=True))
    slack = sum(w for n, w in zip(needed, widths, strict=True) if n <= w)
    shrink = (slack - short) / slack if slack and short < slack else 1.0
    return [n if n > w else w * shrink for n, w in zip(needed, widths, strict=True)]


def check_roster(roster: Roster, fonts: FontSet) -> None:
    """Every cell can be drawn (a row is named by its first cell, usually the name)."""
    fonts.check(roster.title, roster.title, roster.subtitle, *roster.headers, roster.issuer)
    for row in roster.rows:
        fonts.check(str(row[0]) if row else roster.title, *(redact(v) for v in row))


def render_roster(roster: Roster, fonts: FontSet) -> bytes:
    """The roster as PDF bytes."""
    check_roster(roster, fonts)
    st = _styles(fonts)
    page = landscape(A4)
    widths = [NUMBER_WIDTH] + _fit(roster, fonts, page[0] - 2 * MARGIN - NUMBER_WIDTH)
    numeric = list(roster.numeric) or [False] * len(roster.headers)
    data = [
        [para(fonts, "序号", st["head"], role="sans")]
        + [para(fonts, h, st["head"], role="sans") for h in roster.headers]
    ]
    for number, row in enumerate(roster.rows, start=1):
        data.append(
            [para(fonts, str(number), st["num"])]
            + [
                para(fonts, v, st["num" if n else "cell"])
                for v, n in zip(row, numeric, strict=True)
            ]
        )
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, INK),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
                ("LINEBELOW", (0, 0), (-1, 0), 1.0, INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    printed = cn_date(roster.printed_on or date.today())
    footer = "　".join(x for x in (roster.issuer, f"打印日期：{printed}") if x)

    def decorate(c, _doc) -> None:  # noqa: ANN001 — reportlab canvas and doc
        c.saveState()
        c.setStrokeColor(PARTY_RED)
        c.setLineWidth(1.2)
        c.line(MARGIN, page[1] - 9 * mm, page[0] - MARGIN, page[1] - 9 * mm)
        c.setFillColor(GREY)
        draw_text(c, fonts, roster.title, MARGIN, page[1] - 7.5 * mm, 8)
        draw_text(c, fonts, footer, page[0] - MARGIN, 8 * mm, 8, align="right")
        c.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=roster.title,
        author="xhdesk",
    )
    story = [
        para(fonts, roster.title, st["title"], role="sans"),
        para(fonts, roster.subtitle, st["sub"]),
        Spacer(1, 4 * mm),
        table,
    ]
    doc.build(
        story,
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=numbered_canvas(fonts, size=8, bottom=8 * mm),
    )
    return buffer.getvalue()
