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
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from xhdesk.printing.fonts import FontSet
from xhdesk.printing.linebreak import NO_LINE_END, NO_LINE_START
from xhdesk.printing.qrcode import qr_modules
from xhdesk.redaction import redact

PARTY_RED = colors.HexColor("#C8161D")
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*|.")

_DARK_RUN = re.compile(b"\x01+")


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
    return redact(phone or "")


def points_text(value: Any) -> str:
    """Points as printed: 12, 2.5, -3."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:+g}" if isinstance(value, (int, float)) and value < 0 else f"{value}"


# -- text on a canvas ----------------------------------------------------------------------------
def _tokens(para: str, fonts: FontSet, size: float, width: float, role: str) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN_RE.findall(para):
        # a Latin run wider than the line (a long URL) breaks between its characters
        too_wide = len(token) > 1 and fonts.width(token, size, role) > width
        tokens += list(token) if too_wide else [token]
    return tokens


@lru_cache(maxsize=512)
def wrap(
    text: str, fonts: FontSet, size: float, width: float, role: str = "serif"
) -> tuple[str, ...]:
    """Break Chinese (and mixed) text into lines no wider than ``width`` points.

    Chinese breaks between any two characters; a run of Latin letters or digits (2026, XH-01)
    stays whole; closing punctuation never starts a line and opening punctuation never ends one
    (the character before it moves down with it).
    """
    lines: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for token in _tokens(para, fonts, size, width, role):
            w = fonts.width(token, size, role)
            if line and used + w > width:
                kept, carried = list(line), [token]
                while kept and (carried[0][0] in NO_LINE_START or kept[-1][-1] in NO_LINE_END):
                    carried.insert(0, kept.pop())
                if not kept:  # no break that keeps the rules: break before the token anyway
                    kept, carried = line, [token]
                lines.append("".join(kept))
                line = carried
                used = fonts.width("".join(line), size, role)
                continue
            line.append(token)
            used += w
        lines.append("".join(line))
    return tuple(lines)


def draw_text(
    c: Canvas,
    fonts: FontSet,
    text: str,
    x: float,
    y: float,
    size: float,
    role: str = "serif",
    align: str = "left",
) -> float:
    """Draw one line, each character in the first face that has it; returns its width."""
    runs = fonts.runs(text, role)
    widths = [stringWidth(piece, name, size) for name, piece in runs]
    total = sum(widths)
    x -= {"left": 0.0, "center": total / 2, "right": total}[align]
    for (name, piece), w in zip(runs, widths, strict=True):
        c.setFont(name, size)
        c.drawString(x, y, piece)
        x += w
    return total


def draw_paragraph(
    c: Canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    fonts: FontSet,
    size: float,
    leading: float | None = None,
    indent_chars: int = 2,
    role: str = "serif",
) -> float:
    """Draw a body paragraph with the customary two-character first-line indent; returns next y."""
    leading = leading or size * 1.8
    for para in text.split("\n"):
        indent = "\u3000" * indent_chars if para.strip() else ""
        for line in wrap(indent + para.strip(), fonts, size, width, role):
            draw_text(c, fonts, line, x, y, size, role)
            y -= leading
    return y


def draw_spaced(
    c: Canvas, text: str, cx: float, y: float, fonts: FontSet, size: float, gap: float
) -> None:
    """A centred title with letter spacing (荣 誉 证 书), in the sans role."""
    widths = [fonts.width(ch, size, "sans") for ch in text]
    total = sum(widths) + gap * (len(text) - 1)
    x = cx - total / 2
    for ch, w in zip(text, widths, strict=True):
        draw_text(c, fonts, ch, x, y, size, "sans")
        x += w + gap


def draw_fitted(
    c: Canvas,
    fonts: FontSet,
    text: str,
    cx: float,
    y: float,
    size: float,
    max_width: float,
    min_size: float = 13,
) -> float:
    """One line centred on ``cx`` that never runs past ``max_width``: shrunk down to
    ``min_size``, then wrapped onto lines below ``y``. Returns the last line's baseline."""
    while size > min_size and fonts.width(text, size) > max_width:
        size = max(min_size, size - 0.5)
    lines = wrap(text, fonts, size, max_width) if fonts.width(text, size) > max_width else (text,)
    for i, line in enumerate(lines):
        draw_text(c, fonts, line, cx, y - i * size * 1.3, size, align="center")
    return y - (len(lines) - 1) * size * 1.3


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
                self.setFillColor(GREY)
                text = f"第 {number} 页 共 {total} 页"
                draw_text(self, fonts, text, self._pagesize[0] / 2, bottom, size, align="center")
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
    name_column: int = 1  # the column that names a row's person (for "王𠮷：无法打印「𠮷」")


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


def para(
    fonts: FontSet,
    text: Any,
    style: ParagraphStyle,
    *,
    redacted: bool = True,
    role: str = "serif",
) -> Paragraph:
    """A Paragraph of ``text``: free text redacted (not the office's own wording), every
    character in a face that has it."""
    value = redact(text) if redacted else ("" if text is None else str(text))
    return Paragraph(fonts.markup(value, role), style)


def _table(notice: TableNotice, st: dict[str, ParagraphStyle], fonts: FontSet) -> Flowable:
    align = {"left": "cell", "center": "cell_center", "right": "cell_right"}
    data: list[list[Any]] = [
        [para(fonts, col.title, st["head"], role="sans") for col in notice.columns]
    ]
    for row in notice.rows:
        data.append(
            [
                para(fonts, value, st[align[col.align]])
                for col, value in zip(notice.columns, row, strict=True)
            ]
        )
    if not notice.rows:
        data.append(
            [para(fonts, notice.empty_text, st["cell_center"])] + [""] * (len(notice.columns) - 1)
        )
    table = Table(
        data, colWidths=[c.width_mm * mm for c in notice.columns], repeatRows=1, splitInRow=1
    )
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


def check_notice(notice: TableNotice, fonts: FontSet) -> None:
    """Every text of the notice can be drawn (each row named by its person)."""
    fonts.check(notice.title, notice.title, *notice.intro, *notice.closing, notice.issuer)
    for row in notice.rows:
        label = str(row[notice.name_column]) if len(row) > notice.name_column else notice.title
        fonts.check(label, *(redact(v) for v in row))


def signature_block(
    fonts: FontSet, issuer: str, issued_on: Any, style: ParagraphStyle, lead: Sequence[Flowable]
) -> Flowable:
    """The closing words, issuer and date, kept on one page together."""
    block = list(lead) + [Spacer(1, 10 * mm)]
    if issuer:
        block.append(para(fonts, issuer, style, redacted=False))
    block.append(para(fonts, cn_date(issued_on), style, redacted=False))
    return KeepTogether(block)


def render_table_notice(notice: TableNotice, fonts: FontSet) -> bytes:
    """The notice as PDF bytes: every page repeats the running title and the table header."""
    check_notice(notice, fonts)
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
        c.setFillColor(GREY)
        draw_text(c, fonts, notice.title, 22 * mm, A4[1] - 14 * mm, 9)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(22 * mm, A4[1] - 16 * mm, A4[0] - 22 * mm, A4[1] - 16 * mm)
        c.restoreState()

    story: list[Flowable] = [
        para(fonts, notice.title, st["title"], redacted=False, role="sans"),
        Spacer(1, 6 * mm),
    ]
    story += [para(fonts, text, st["body"], redacted=False) for text in notice.intro]
    story += [Spacer(1, 4 * mm), _table(notice, st, fonts), Spacer(1, 6 * mm)]
    closing = [para(fonts, text, st["body"], redacted=False) for text in notice.closing]
    if notice.issuer or notice.issued_on:
        story.append(signature_block(fonts, notice.issuer, notice.issued_on, st["right"], closing))
    else:
        story += closing
    doc.build(
        story,
        onFirstPage=running_header,
        onLaterPages=running_header,
        canvasmaker=numbered_canvas(fonts),
    )
    return buffer.getvalue()
