"""Activity papers: the sign-in sheet (签到表) and member cards (党员服务卡) with a QR code.

The sheet lists names to tick and sign, so that the desk can enter the ticks afterwards in one go;
the card carries the person's signed code as a QR that a scanner gun types into the sign-in field.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, TableStyle

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import (
    GREY,
    INK,
    PARTY_RED,
    cn_date,
    draw_qr,
    draw_text,
    new_canvas,
    numbered_canvas,
    para,
    redact,
)

SHEET_MARGIN = 16 * mm
CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, the size of a bank card
CARD_COLUMNS, CARD_ROWS = 2, 5
CARD_GAP = 4 * mm


@dataclass(frozen=True)
class SignInSheet:
    title: str  # the activity's title
    number: str
    time: str
    place: str
    organiser: str
    rows: Sequence[tuple[str, str, str]]  # (name, unit, masked phone)
    blank_rows: int = 5  # for walk-ins
    printed_on: date | None = None


def check_sheet(sheet: SignInSheet, fonts: FontSet) -> None:
    fonts.check(sheet.title, sheet.title, sheet.place, sheet.organiser, sheet.time)
    for row in sheet.rows:
        fonts.check(row[0], *(redact(v) for v in row))


def _sheet_styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("c", fontName=fonts.serif, fontSize=10.5, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "t", fontName=fonts.sans, fontSize=18, leading=26, alignment=TA_CENTER
        ),
        "info": ParagraphStyle("i", parent=cell, fontSize=10, leading=16),
        "cell": cell,
        "centre": ParagraphStyle("m", parent=cell, alignment=TA_CENTER),
        "head": ParagraphStyle("h", parent=cell, fontName=fonts.sans, alignment=TA_CENTER),
    }


def render_sign_in_sheet(sheet: SignInSheet, fonts: FontSet | None = None) -> bytes:
    """The sheet as PDF bytes: A4 portrait, header row repeated, blank rows for walk-ins."""
    fonts = fonts or load_fonts()
    check_sheet(sheet, fonts)
    st = _sheet_styles(fonts)
    heads = ("序号", "姓名", "所在党支部", "手机号", "签到 √", "本人签名")
    data: list[list[Any]] = [[para(fonts, h, st["head"], role="sans") for h in heads]]
    for i, (name, unit, phone) in enumerate(sheet.rows, start=1):
        data.append(
            [
                para(fonts, str(i), st["centre"]),
                para(fonts, name, st["cell"]),
                para(fonts, unit, st["cell"]),
                para(fonts, phone, st["centre"]),
                para(fonts, "□", st["centre"]),
                "",
            ]
        )
    for i in range(sheet.blank_rows):
        data.append([para(fonts, str(len(sheet.rows) + i + 1), st["centre"]), "", "", "", "", ""])
    widths = [12 * mm, 28 * mm, 52 * mm, 30 * mm, 17 * mm, 39 * mm]
    table = LongTable(data, colWidths=widths, repeatRows=1, rowHeights=[9 * mm] * len(data))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, INK),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    info = (
        f"活动编号：{sheet.number}　　组织单位：{sheet.organiser}",
        f"活动时间：{sheet.time}",
        f"活动地点：{sheet.place}",
    )
    story: list[Any] = [
        para(fonts, f"{sheet.title} 签到表", st["title"], redacted=False, role="sans"),
        Spacer(1, 4 * mm),
        *(para(fonts, line, st["info"], redacted=False) for line in info),
        Spacer(1, 3 * mm),
        table,
    ]
    printed = cn_date(sheet.printed_on or date.today())

    def footer(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFillColor(GREY)
        text = f"请在「签到」栏打 √ 并签名；签到后由驿站录入系统。打印日期：{printed}"
        draw_text(c, fonts, text, SHEET_MARGIN, 18 * mm, 8)
        c.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SHEET_MARGIN,
        rightMargin=SHEET_MARGIN,
        topMargin=16 * mm,
        bottomMargin=24 * mm,
        title=f"{sheet.title} 签到表",
        author="xhdesk",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=numbered_canvas(fonts))
    return buffer.getvalue()


@dataclass(frozen=True)
class MemberCard:
    name: str
    unit: str  # the branch
    station: str  # the person's station, if any
    code: str  # what the QR carries (the signed member-card code)
    issuer: str
    issued_on: date


def check_cards(cards: Sequence[MemberCard], fonts: FontSet) -> None:
    for card in cards:
        fonts.check(card.name, card.name, card.unit, card.station, card.issuer)


def _draw_card(c: Canvas, fonts: FontSet, card: MemberCard, x: float, y: float) -> None:
    c.saveState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.setDash(2, 2)
    c.rect(x, y, CARD_W, CARD_H)  # the cutting line
    c.setDash()
    c.setFillColor(PARTY_RED)
    c.rect(x, y + CARD_H - 11 * mm, CARD_W, 11 * mm, stroke=0, fill=1)
    c.setFillColor(colors.white)
    draw_text(c, fonts, "党员服务卡", x + 5 * mm, y + CARD_H - 7.5 * mm, 12, "sans")
    draw_text(c, fonts, "扫码签到", x + CARD_W - 4 * mm, y + CARD_H - 7 * mm, 7.5, align="right")
    c.setFillColor(INK)
    draw_text(c, fonts, card.name, x + 5 * mm, y + CARD_H - 21 * mm, 15, "sans")
    lines = [card.unit, card.station]
    ty = y + CARD_H - 28 * mm
    for line in (ln for ln in lines if ln):
        size = 7.5
        while size > 5.5 and fonts.width(line, size) > CARD_W - 38 * mm:
            size -= 0.5
        draw_text(c, fonts, line, x + 5 * mm, ty, size)
        ty -= 4.5 * mm
    c.setFillColor(GREY)
    draw_text(c, fonts, f"{card.issuer}　{cn_date(card.issued_on)}", x + 5 * mm, y + 4 * mm, 6)
    draw_qr(c, card.code, x + CARD_W - 33 * mm, y + 3 * mm, 30 * mm)
    c.restoreState()


def render_member_cards(cards: Sequence[MemberCard], fonts: FontSet | None = None) -> bytes:
    """Cards at bank-card size, ten to an A4 page, with dashed cutting lines."""
    fonts = fonts or load_fonts()
    check_cards(cards, fonts)
    buffer = io.BytesIO()
    c = new_canvas(buffer, A4, "党员服务卡")
    left = (A4[0] - CARD_COLUMNS * CARD_W - (CARD_COLUMNS - 1) * CARD_GAP) / 2
    top = A4[1] - (A4[1] - CARD_ROWS * CARD_H - (CARD_ROWS - 1) * CARD_GAP) / 2
    per_page = CARD_COLUMNS * CARD_ROWS
    for i, card in enumerate(cards):
        slot = i % per_page
        if i and slot == 0:
            c.showPage()
        col, row = slot % CARD_COLUMNS, slot // CARD_COLUMNS
        x = left + col * (CARD_W + CARD_GAP)
        y = top - (row + 1) * CARD_H - row * CARD_GAP
        _draw_card(c, fonts, card, x, y)
    c.showPage()
    c.save()
    return buffer.getvalue()
