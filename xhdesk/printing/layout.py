"""Layout helpers shared by every document: dates, redaction, CJK wrapping, QR codes, seals,
page numbers "第 1 页 共 3 页", and the paginated table that the 公示 notices are made of.

Everything here draws on a reportlab canvas from plain values; no database, no Qt.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from xhdesk.printing.fonts import FontSet
from xhdesk.printing.qrcode import qr_modules

PARTY_RED = colors.HexColor("#C8161D")
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
# Characters that may not start a line (避头) in Chinese typesetting.
NO_LINE_START = set("，。、；：？！”’）》」』】…%,.;:?!)")
NO_LINE_END = set("“‘（《「『【(")
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*|.")

_DARK_RUN = re.compile(b"\x01+")
_ID_RE = re.compile(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


# -- values ------------------------------------------------------------------------------------
def cn_date(value: date | datetime | str | None) -> str:
    """2026年11月28日 (documents spell dates this way; strings pass through)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: datetime | str | None) -> str:
    if isinstance(value, datetime):
        return f"{cn_date(value)} {value:%H:%M}"
    return cn_date(value)


def mask_phone(phone: str) -> str:
    """138****5678: a printed page never shows a full mobile number."""
    return _PHONE_RE.sub(r"\1****\3", phone or "")


def redact(text: Any) -> str:
    """Mask ID numbers and mobile numbers hidden in free text before it goes on a notice board."""
    value = "" if text is None else str(text)
    value = _ID_RE.sub(lambda m: m.group(1) + "********" + m.group(3), value)
    return mask_phone(value)


def points_text(value: Any) -> str:
    """Points as printed: 12, 2.5, -3."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:+g}" if isinstance(value, (int, float)) and value < 0 else f"{value}"


# -- text on a canvas ----------------------------------------------------------------------------
@lru_cache(maxsize=512)
def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Break Chinese (and mixed) text into lines no wider than ``width`` points.

    Chinese breaks between any two characters; a run of Latin letters or digits (2026, XH-01)
    stays whole; closing punctuation never starts a line and opening quotes never end one.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for token in _TOKEN_RE.findall(para):
            if (
                line
                and stringWidth(line + token, font, size) > width
                and token[0] not in NO_LINE_START
            ):
                carry = ""
                while line and line[-1] in NO_LINE_END:
                    line, carry = line[:-1], line[-1] + carry
                lines.append(line)
                line = carry + token
            else:
                line += token
        lines.append(line)
    return tuple(lines)


def draw_paragraph(
    c: Canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    font: str,
    size: float,
    leading: float | None = None,
    indent_chars: int = 2,
) -> float:
    """Draw a body paragraph with the customary two-character first-line indent; returns next y."""
    leading = leading or size * 1.8
    c.setFont(font, size)
    for para in text.split("\n"):
        indent = "\u3000" * indent_chars if para.strip() else ""
        for line in wrap(indent + para.strip(), font, size, width):
            c.drawString(x, y, line)
            y -= leading
    return y


def draw_spaced(
    c: Canvas, text: str, cx: float, y: float, font: str, size: float, gap: float
) -> None:
    """A centred title with letter spacing (荣 誉 证 书)."""
    widths = [stringWidth(ch, font, size) for ch in text]
    total = sum(widths) + gap * (len(text) - 1)
    x = cx - total / 2
    c.setFont(font, size)
    for ch, w in zip(text, widths, strict=True):
        c.drawString(x, y, ch)
        x += w + gap


# -- QR code and seal ----------------------------------------------------------------------------
def qr_runs(code: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side, dark runs as (row, first column, length)) of the QR code of ``code``."""
    n, flat = qr_modules(code)
    runs = tuple(
        (m.start() // n, m.start() % n, m.end() - m.start())
        for r in range(n)
        for m in _DARK_RUN.finditer(flat, r * n, (r + 1) * n)
    )
    return n, runs


@lru_cache(maxsize=4)
def _rect_ops(n: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """("col row " for every module index, "len 1 re " for every run length) of an n×n symbol."""
    return (
        tuple(f"{i % n} {i // n} " for i in range(n * n)),
        tuple(f"{length} 1 re " for length in range(n + 1)),
    )


@lru_cache(maxsize=256)
def qr_path(code: str) -> tuple[int, str]:
    """(modules per side, the PDF path of the dark modules in module units, one rect per run)."""
    n, flat = qr_modules(code)
    at, length = _rect_ops(n)
    ops = []
    for r in range(n):
        for m in _DARK_RUN.finditer(flat, r * n, (r + 1) * n):
            start, end = m.span()
            ops.append(at[start] + length[end - start])
    return n, "".join(ops)


def draw_qr(c: Canvas, code: str, x: float, y: float, size: float) -> None:
    """A QR code with its lower-left corner at (x, y), ``size`` points wide (quiet zone included).

    The modules are written as one path in module units under a scaling transform: integer
    coordinates keep the content stream short and cheap to format for a thousand pages.
    """
    n, path = qr_path(code)
    module = size / (n + 8)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.transform(module, 0, 0, -module, x + 4 * module, y + size - 4 * module)
    c.addLiteral(path + "f")
    c.restoreState()


def draw_seal(c: Canvas, image: str | None, cx: float, cy: float, diameter: float) -> bool:
    """Place the user's seal image (PNG with transparency) centred on (cx, cy); False if none."""
    if not image or not Path(image).is_file():
        return False
    c.drawImage(
        str(image),
        cx - diameter / 2,
        cy - diameter / 2,
        diameter,
        diameter,
        mask="auto",
        preserveAspectRatio=True,
    )
    return True


# -- page numbers ----------------------------------------------------------------------------------
def numbered_canvas(fonts: FontSet, size: float = 9, bottom: float = 12 * mm) -> type[Canvas]:
    """A canvas class that writes "第 n 页 共 m 页" centred at the foot of every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 — reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(fonts.serif, size)
                self.setFillColor(GREY)
                width = self._pagesize[0]
                self.drawCentredString(width / 2, bottom, f"第 {number} 页 共 {total} 页")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


# -- output --------------------------------------------------------------------------------------
def save_pdf(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` beside ``path`` and rename it into place, so no half-written PDF is left."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".xhdesk-", suffix=".pdf.part", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def new_canvas(buffer: io.BytesIO, pagesize: tuple[float, float], title: str) -> Canvas:
    c = Canvas(buffer, pagesize=pagesize, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("xhdesk")
    c.setCreator("xhdesk 兴新向荣")
    return c


# -- the 公示 table ---------------------------------------------------------------------------------
@dataclass
class Column:
    title: str
    width_mm: float
    align: str = "left"  # left / center / right


@dataclass
class TableNotice:
    """A portrait A4 notice: title, opening text, a table that breaks across pages, closing text."""

    title: str
    intro: list[str]
    columns: list[Column]
    rows: Sequence[Sequence[Any]]
    closing: list[str] = field(default_factory=list)
    issuer: str = ""
    issued_on: date | str | None = None
    empty_text: str = "（无）"


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.serif, fontSize=12, leading=21, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.sans, fontSize=20, leading=30, alignment=TA_CENTER
        ),
        "body": ParagraphStyle("indent", parent=base, firstLineIndent=24, textColor=INK),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "cell_center": ParagraphStyle(
            "cellc", parent=base, fontSize=9.5, leading=13, alignment=TA_CENTER
        ),
        "cell_right": ParagraphStyle(
            "cellr", parent=base, fontSize=9.5, leading=13, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=fonts.sans, fontSize=10, leading=13, alignment=TA_CENTER
        ),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
    }


def _escape(text: Any, *, redacted: bool = True) -> str:
    """Text for a Paragraph; table cells are redacted, the office's own wording is not."""
    value = redact(text) if redacted else ("" if text is None else str(text))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(notice: TableNotice, st: dict[str, ParagraphStyle]) -> Flowable:
    align = {"left": "cell", "center": "cell_center", "right": "cell_right"}
    data: list[list[Any]] = [[Paragraph(_escape(col.title), st["head"]) for col in notice.columns]]
    for row in notice.rows:
        data.append(
            [
                Paragraph(_escape(value), st[align[col.align]])
                for col, value in zip(notice.columns, row, strict=True)
            ]
        )
    if not notice.rows:
        data.append(
            [Paragraph(_escape(notice.empty_text), st["cell_center"])]
            + [""] * (len(notice.columns) - 1)
        )
    table = Table(data, colWidths=[c.width_mm * mm for c in notice.columns], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, INK),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if not notice.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    return table


def render_table_notice(notice: TableNotice, fonts: FontSet) -> bytes:
    """The notice as PDF bytes: every page repeats the running title and the table header."""
    st = _styles(fonts)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=24 * mm,
        bottomMargin=22 * mm,
        title=notice.title,
        author="xhdesk",
    )

    def running_header(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFont(fonts.serif, 9)
        c.setFillColor(GREY)
        c.drawString(22 * mm, A4[1] - 14 * mm, notice.title)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(22 * mm, A4[1] - 16 * mm, A4[0] - 22 * mm, A4[1] - 16 * mm)
        c.restoreState()

    story: list[Flowable] = [Paragraph(_escape(notice.title), st["title"]), Spacer(1, 6 * mm)]
    story += [Paragraph(_escape(text, redacted=False), st["body"]) for text in notice.intro]
    story += [Spacer(1, 4 * mm), _table(notice, st), Spacer(1, 6 * mm)]
    story += [Paragraph(_escape(text, redacted=False), st["body"]) for text in notice.closing]
    if notice.issuer or notice.issued_on:
        story.append(Spacer(1, 10 * mm))
        story += [Paragraph(_escape(notice.issuer), st["right"])] if notice.issuer else []
        story.append(Paragraph(_escape(cn_date(notice.issued_on)), st["right"]))
    doc.build(
        story,
        onFirstPage=running_header,
        onLaterPages=running_header,
        canvasmaker=numbered_canvas(fonts),
    )
    return buffer.getvalue()
