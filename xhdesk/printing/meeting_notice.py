"""活动/会议通知: a one-page notice from a short form (title, time, place, body, issuing body)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Spacer

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import INK, PARTY_RED, numbered_canvas, para, signature_block
from xhdesk.redaction import redact


@dataclass(frozen=True)
class MeetingNotice:
    title: str  # 关于召开2026年度新就业群体党建工作推进会的通知
    time: str  # 2026年12月3日（星期四）下午2:30
    place: str
    body: str  # paragraphs separated by blank lines or newlines
    issuer: str
    issued_on: date
    addressees: str = ""  # 各行业党委、各党支部：
    attendees: str = ""
    contact: str = ""


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "b", fontName=fonts.serif, fontSize=15, leading=28, wordWrap="CJK", textColor=INK
    )
    return {
        "title": ParagraphStyle(
            "t", parent=body, fontName=fonts.sans, fontSize=21, leading=32, alignment=TA_CENTER
        ),
        "plain": body,
        "body": ParagraphStyle("i", parent=body, firstLineIndent=30),
        "right": ParagraphStyle("r", parent=body, alignment=TA_RIGHT, rightIndent=12 * mm),
    }


def _items(notice: MeetingNotice) -> list[tuple[str, str]]:
    items = [("时间", notice.time), ("地点", notice.place)]
    if notice.attendees:
        items.append(("参加人员", notice.attendees))
    if notice.contact:
        items.append(("联系人", notice.contact))
    return items


def check_meeting_notice(notice: MeetingNotice, fonts: FontSet) -> None:
    """Every text of the notice can be drawn (named by its title)."""
    fonts.check(
        notice.title or "活动通知",
        notice.title,
        notice.addressees,
        redact(notice.body),
        notice.time,
        notice.place,
        redact(notice.attendees),
        notice.contact,
        notice.issuer,
    )


def render_meeting_notice(notice: MeetingNotice, fonts: FontSet | None = None) -> bytes:
    """The notice as PDF bytes (A4 portrait; a second page only if the body is long)."""
    fonts = fonts or load_fonts()
    check_meeting_notice(notice, fonts)
    st = _styles(fonts)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=30 * mm,
        title=notice.title,
        author="xhdesk",
    )
    story: list[Any] = [
        para(fonts, notice.title, st["title"], redacted=False, role="sans"),
        Spacer(1, 8 * mm),
    ]
    if notice.addressees:
        story.append(para(fonts, notice.addressees, st["plain"], redacted=False))
    story += [para(fonts, p.strip(), st["body"]) for p in notice.body.splitlines() if p.strip()]
    numerals = "一二三四五六七八九十"
    items = [
        para(fonts, f"{numerals[i]}、{label}：{value}", st["body"], redacted=label != "联系人")
        for i, (label, value) in enumerate(_items(notice))
    ]
    # the last item, the issuer and the date stay together: never a page with only a signature
    story += items[:-1]
    story.append(signature_block(fonts, notice.issuer, notice.issued_on, st["right"], items[-1:]))

    def header(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setStrokeColor(PARTY_RED)
        c.setLineWidth(2)
        c.line(28 * mm, A4[1] - 27 * mm, A4[0] - 26 * mm, A4[1] - 27 * mm)
        c.restoreState()

    doc.build(story, onFirstPage=header, onLaterPages=header, canvasmaker=numbered_canvas(fonts))
    return buffer.getvalue()
