"""受理回执: the A5 slip a requester takes home, with the request number and the due date.

Built from the dict that ``xhdesk.data.requests.receipt_fields`` returns (number,
requester_name, requester_phone, kind, station, channel, urgency, accepted_at, due_on,
description, department, hotline). The phone is printed masked (138****5678).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import GREY, INK, PARTY_RED, cn_date, cn_datetime, numbered_canvas, para
from xhdesk.redaction import redact

MARGIN = 14 * mm


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("r", fontName=fonts.serif, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "t", parent=base, fontName=fonts.sans, fontSize=19, leading=26, alignment=TA_CENTER
        ),
        "number": ParagraphStyle(
            "n", parent=base, fontName=fonts.sans, fontSize=11, alignment=TA_CENTER, textColor=INK
        ),
        "label": ParagraphStyle(
            "l", parent=base, fontName=fonts.sans, fontSize=10, alignment=TA_CENTER
        ),
        "value": base,
        "note": ParagraphStyle("no", parent=base, fontSize=9.5, leading=15, firstLineIndent=19),
        "sign": ParagraphStyle("sg", parent=base, leading=22, leftIndent=34 * mm),
        "small": ParagraphStyle("s", parent=base, fontSize=8, leading=12, textColor=GREY),
    }


FREE_TEXT = ("requester_name", "kind", "station", "channel", "urgency", "department")


def _fields_table(
    data: Mapping[str, Any], st: dict[str, ParagraphStyle], width: float, fonts: FontSet
) -> Table:
    def label(text: str) -> Paragraph:
        return para(fonts, text, st["label"], redacted=False, role="sans")

    def value(text: Any) -> Paragraph:
        return para(fonts, text, st["value"])

    pairs = [
        ("申请人", data.get("requester_name"), "联系电话", data.get("requester_phone")),
        ("服务事项", data.get("kind"), "紧急程度", data.get("urgency")),
        ("受理站点", data.get("station"), "受理渠道", data.get("channel")),
        ("受理时间", cn_datetime(data.get("accepted_at")), "承诺办结", cn_date(data.get("due_on"))),
    ]
    rows: list[list[Any]] = [[label(a), value(b), label(c), value(d)] for a, b, c, d in pairs]
    rows.append([label("承办部门"), value(data.get("department")), "", ""])
    rows.append(
        [
            label("诉求内容"),
            # a short description still gets a generous box, as on a paper form
            [value(data.get("description"))]
            + ([Spacer(1, 16 * mm)] if len(str(data.get("description") or "")) < 60 else []),
            "",
            "",
        ]
    )
    label_w = 20 * mm
    value_w = (width - 2 * label_w) / 2
    # a long description splits across pages inside its row instead of failing to fit
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, INK),
                ("SPAN", (1, 4), (3, 4)),
                ("SPAN", (1, 5), (3, 5)),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("BACKGROUND", (2, 0), (2, 3), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    table.setStyle(TableStyle([("VALIGN", (1, 5), (1, 5), "TOP")]))
    return table


def check_receipt(data: Mapping[str, Any], fonts: FontSet) -> None:
    """Every text on the receipt can be drawn (named by the request number and requester)."""
    record = f"{data.get('number') or ''} {data.get('requester_name') or ''}".strip()
    texts = [data.get(k) for k in (*FREE_TEXT, "number", "hotline")]
    fonts.check(record, *texts, redact(data.get("description")))


def render_receipt(data: Mapping[str, Any], fonts: FontSet | None = None) -> bytes:
    """The receipt as PDF bytes (one A5 page; a very long description continues overleaf)."""
    fonts = fonts or load_fonts()
    check_receipt(data, fonts)
    st = _styles(fonts)
    width = A5[0] - 2 * MARGIN
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title="诉求受理回执",
        author="xhdesk",
    )
    hotline = data.get("hotline", "")
    note = (
        f"您的诉求已受理，我们将于{cn_date(data.get('due_on'))}前办结并答复您。"
        "如需查询办理进度，请凭回执编号咨询受理站点"
        + (f"或拨打服务热线 {hotline}" if hotline else "")
        + "。"
    )
    story = [
        para(fonts, "诉求受理回执", st["title"], redacted=False, role="sans"),
        Spacer(1, 2 * mm),
        para(fonts, f"回执编号：{data.get('number') or ''}", st["number"], role="sans"),
        Spacer(1, 5 * mm),
        _fields_table(data, st, width, fonts),
        Spacer(1, 5 * mm),
        # the closing words and the signature lines never part
        KeepTogether(
            [
                para(fonts, note, st["note"], redacted=False),
                Spacer(1, 8 * mm),
                para(fonts, f"受理单位：{data.get('station') or ''}", st["sign"]),
                para(fonts, "受理人（签名）：______________", st["sign"], redacted=False),
                Spacer(1, 6 * mm),
                para(fonts, "本回执仅用于查询办理进度，请妥善保管。", st["small"], redacted=False),
            ]
        ),
    ]

    def top_rule(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setStrokeColor(PARTY_RED)
        c.setLineWidth(1.5)
        c.line(MARGIN, A5[1] - 10 * mm, A5[0] - MARGIN, A5[1] - 10 * mm)
        c.restoreState()

    doc.build(
        story,
        onFirstPage=top_rule,
        onLaterPages=top_rule,
        canvasmaker=numbered_canvas(fonts, 8, 7 * mm),
    )
    return buffer.getvalue()
