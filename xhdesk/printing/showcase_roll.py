"""四亮 roll for a station's wall: the station's flag, its posts and its members' 四亮, A4 portrait.

Plain values in (``ShowcaseSheet``), PDF bytes out. The member table repeats its header on every
page; each cell shows what was set and, below it in grey, the date it was set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, TableStyle

from xhdesk.printing.fonts import FontSet
from xhdesk.printing.layout import GREY, INK, PARTY_RED, cn_date, draw_text, numbered_canvas, para

MARGIN = 14 * mm
HEADERS = ("姓名", "所在支部", "亮身份", "亮车标", "亮承诺", "党员责任区", "先锋示范岗")
WIDTHS = (16, 26, 24, 22, 34, 26, 26)


@dataclass
class ShowcaseSheet:
    station: str  # 城东暖蜂驿站
    address: str
    station_lines: Sequence[tuple[str, str, str]]  # (亮旗帜, what, 2024年3月1日)
    rows: Sequence[Sequence[tuple[str, str]]]  # per member, per column: (text, date set)
    issuer: str = ""
    printed_on: date | None = None
    title: str = "“四亮”党员公示栏"
    notes: Sequence[str] = field(default_factory=tuple)


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle(
        "cell", fontName=fonts.serif, fontSize=9, leading=12, wordWrap="CJK", textColor=INK
    )
    return {
        "title": ParagraphStyle(
            "title",
            fontName=fonts.sans,
            fontSize=22,
            leading=30,
            alignment=TA_CENTER,
            textColor=PARTY_RED,
        ),
        "station": ParagraphStyle(
            "station", fontName=fonts.sans, fontSize=14, leading=20, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "sub", fontName=fonts.serif, fontSize=9, leading=13, alignment=TA_CENTER, textColor=GREY
        ),
        "line": ParagraphStyle("line", parent=cell, fontSize=10.5, leading=16),
        "cell": cell,
        "date": ParagraphStyle("date", parent=cell, fontSize=7, leading=9, textColor=GREY),
        "head": ParagraphStyle(
            "head", parent=cell, fontName=fonts.sans, alignment=TA_CENTER, textColor=colors.white
        ),
    }


def check_sheet(sheet: ShowcaseSheet, fonts: FontSet) -> None:
    fonts.check(sheet.station, sheet.title, sheet.station, sheet.address, sheet.issuer)
    for label, text, when in sheet.station_lines:
        fonts.check(sheet.station, label, text, when)
    for row in sheet.rows:
        fonts.check(row[0][0] if row else sheet.station, *(t for t, _ in row))


def _cell(fonts: FontSet, st: dict[str, ParagraphStyle], text: str, when: str) -> list:
    out = [para(fonts, text or "—", st["cell"])]
    if text and when:
        out.append(para(fonts, f"{when}设", st["date"]))
    return out


def _table(sheet: ShowcaseSheet, fonts: FontSet, st: dict[str, ParagraphStyle]) -> LongTable:
    usable = A4[0] - 2 * MARGIN
    widths = [w * usable / sum(WIDTHS) for w in WIDTHS]
    data: list[list] = [[para(fonts, h, st["head"], role="sans") for h in HEADERS]]
    for row in sheet.rows:
        data.append([_cell(fonts, st, text, when) for text, when in row])
    if not sheet.rows:
        data.append([para(fonts, "本阵地暂无党员", st["cell"])] + [""] * (len(HEADERS) - 1))
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, INK),
                ("BACKGROUND", (0, 0), (-1, 0), PARTY_RED),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render_showcase_roll(sheet: ShowcaseSheet, fonts: FontSet) -> bytes:
    """The roll as PDF bytes."""
    check_sheet(sheet, fonts)
    st = _styles(fonts)
    story: list = [
        para(fonts, sheet.title, st["title"], role="sans", redacted=False),
        para(fonts, sheet.station, st["station"], role="sans"),
        para(fonts, sheet.address, st["sub"]),
        Spacer(1, 4 * mm),
    ]
    for label, text, when in sheet.station_lines:
        dated = f"（{when}起）" if when else ""
        story.append(para(fonts, f"【{label}】{text}{dated}", st["line"]))
    story += [Spacer(1, 4 * mm), _table(sheet, fonts, st)]
    story.append(Spacer(1, 2 * mm))
    for note in sheet.notes:
        story.append(para(fonts, note, st["sub"]))
    printed = cn_date(sheet.printed_on or date.today())
    footer = "　".join(x for x in (sheet.issuer, f"更新日期：{printed}") if x)

    def decorate(c, _doc) -> None:  # noqa: ANN001 — reportlab canvas and doc
        c.saveState()
        c.setStrokeColor(PARTY_RED)
        c.setLineWidth(2)
        c.rect(7 * mm, 7 * mm, A4[0] - 14 * mm, A4[1] - 14 * mm)
        c.setFillColor(GREY)
        draw_text(c, fonts, footer, A4[0] - MARGIN, 10 * mm, 8, align="right")
        c.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{sheet.title} {sheet.station}",
        author="xhdesk",
    )
    doc.build(
        story,
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=numbered_canvas(fonts, size=8, bottom=10 * mm),
    )
    return buffer.getvalue()
