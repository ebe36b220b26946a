"""荣誉证书: landscape A4 award certificates, one page each, with a verification QR code.

The static parts of the page (border, title) are drawn once as a PDF form and reused on every page,
so a batch of a thousand certificates costs little more than its variable text and QR codes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import (
    GREY,
    INK,
    PARTY_RED,
    cn_date,
    draw_fitted,
    draw_paragraph,
    draw_qr,
    draw_seal,
    draw_spaced,
    draw_text,
    new_canvas,
)

PAGE = landscape(A4)
GOLD = colors.HexColor("#B8892B")
STATIC_FORM = "xhdesk_certificate_static"
ISSUER_WIDTH = 80 * mm  # centred on the seal, clear of the inner frame

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one certificate (plain values; the data layer fills them in)."""

    number: str
    recipient: str
    wording: str  # 在2026年度…评选活动中表现突出，被评为“2026年度最美红骑手”。特发此证，以资鼓励。
    issuer: str
    issued_on: date
    code: str = ""  # the verification code the QR carries; no QR when empty
    seal_image: str | None = None
    title: str = "荣誉证书"


def _corner(c: Canvas, x: float, y: float, dx: float, dy: float) -> None:
    """An L-shaped ornament in a corner of the inner frame (dx, dy give the direction)."""
    c.setLineWidth(2.2)
    c.line(x, y, x + dx * 16 * mm, y)
    c.line(x, y, x, y + dy * 16 * mm)
    c.rect(x + dx * 3 * mm - 2.2 * mm, y + dy * 3 * mm - 2.2 * mm, 4.4 * mm, 4.4 * mm, 0, 1)


def _draw_static(c: Canvas, fonts: FontSet, title: str) -> None:
    w, h = PAGE
    c.setStrokeColor(PARTY_RED)
    c.setFillColor(PARTY_RED)
    c.setLineWidth(5)
    c.rect(9 * mm, 9 * mm, w - 18 * mm, h - 18 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.rect(13 * mm, 13 * mm, w - 26 * mm, h - 26 * mm)
    c.setLineWidth(0.4)
    c.rect(14.5 * mm, 14.5 * mm, w - 29 * mm, h - 29 * mm)
    c.setStrokeColor(GOLD)
    c.setFillColor(GOLD)
    inset = 18 * mm
    for x, y, dx, dy in (
        (inset, inset, 1, 1),
        (w - inset, inset, -1, 1),
        (inset, h - inset, 1, -1),
        (w - inset, h - inset, -1, -1),
    ):
        _corner(c, x, y, dx, dy)
    c.setFillColor(PARTY_RED)
    draw_spaced(c, title, w / 2, h - 50 * mm, fonts, 46, 9 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.8)
    c.line(w / 2 - 70 * mm, h - 57 * mm, w / 2 + 70 * mm, h - 57 * mm)


def _draw_page(c: Canvas, cert: Certificate, fonts: FontSet) -> None:
    w, h = PAGE
    c.doForm(STATIC_FORM)
    left, width = 42 * mm, w - 84 * mm
    c.setFillColor(INK)
    draw_text(c, fonts, f"{cert.recipient} 同志：", left, h - 80 * mm, 24)
    draw_paragraph(c, cert.wording, left, h - 97 * mm, width, fonts, 19, leading=36)
    right = w - 58 * mm
    # the issuer shrinks, then wraps, to stay inside the frame; the date follows it
    last = draw_fitted(c, fonts, cert.issuer, right, 52 * mm, 17, ISSUER_WIDTH)
    date_y = min(42 * mm, last - 17 * 1.4)
    draw_text(c, fonts, cn_date(cert.issued_on), right, date_y, 17, align="center")
    draw_seal(c, cert.seal_image, right, 50 * mm, 42 * mm)
    if cert.code:
        draw_qr(c, cert.code, 27 * mm, 26 * mm, 28 * mm)
        c.setFillColor(GREY)
        draw_text(c, fonts, "扫码验真", 41 * mm, 24 * mm, 8, align="center")
    c.setFillColor(GREY)
    draw_text(c, fonts, f"证书编号：{cert.number}", 58 * mm, 29 * mm, 10)


def check_certificate(cert: Certificate, fonts: FontSet) -> None:
    """Every character of the certificate can be drawn (named by its recipient)."""
    fonts.check(cert.recipient, cert.recipient, cert.wording, cert.issuer, cert.number, cert.title)


def render_certificates(
    certificates: Sequence[Certificate],
    fonts: FontSet | None = None,
    progress: Progress | None = None,
) -> bytes:
    """All certificates as one PDF, a page each. ``progress(done, total)`` may raise to cancel."""
    fonts = fonts or load_fonts()
    buffer = io.BytesIO()
    title = certificates[0].title if certificates else "荣誉证书"
    c = new_canvas(buffer, PAGE, title)
    c.beginForm(STATIC_FORM)
    _draw_static(c, fonts, title)
    c.endForm()
    total = len(certificates)
    for cert in certificates:
        check_certificate(cert, fonts)
    for done, cert in enumerate(certificates, start=1):
        _draw_page(c, cert, fonts)
        c.showPage()
        if progress is not None and (done % 20 == 0 or done == total):
            progress(done, total)
    c.save()
    return buffer.getvalue()
