"""套打: print only the variable text of a certificate onto pre-printed certificate stock.

Positions are millimetres from the top-left corner of the sheet, as a person measures them with a
ruler. Each printer feeds paper slightly off; its offset (right and down positive) is added to every
position. The calibration page prints a millimetre grid with labelled crosses and 100 mm bars, so
the offset (and any scaling by the driver) can be measured and entered.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xhdesk.printing.certificate import Certificate, check_certificate
from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import (
    GREY,
    INK,
    PARTY_RED,
    cn_date,
    draw_fitted,
    draw_paragraph,
    draw_qr,
    draw_text,
    new_canvas,
)


@dataclass(frozen=True)
class FieldPosition:
    """Where one piece of text goes: mm from the sheet's left and top edges (text baseline)."""

    x_mm: float
    y_mm: float
    size: float = 16
    align: str = "left"  # left / center / right
    width_mm: float = 0  # > 0: wrap within this width (the award wording)
    fit_mm: float = 0  # > 0: one centred line, shrunk (then wrapped) to this width (the issuer)


@dataclass(frozen=True)
class PrinterOffset:
    """How far this printer's output lands from where it should (mm; right and down positive)."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0


@dataclass(frozen=True)
class QrPosition:
    """Where the verification QR code goes: its top-left corner and side, mm from the sheet's
    left and top edges; "扫码验真" is printed centred under it."""

    x_mm: float
    y_mm: float
    size_mm: float = 28


@dataclass(frozen=True)
class OverlayLayout:
    """The positions of the variable fields (and the QR code) on one kind of pre-printed stock."""

    page_mm: tuple[float, float] = (297.0, 210.0)
    fields: dict[str, FieldPosition] = field(default_factory=dict)
    qr: QrPosition | None = None


# Inner page of a common landscape A4 certificate cover (title pre-printed at the top).
CERTIFICATE_STOCK = OverlayLayout(
    fields={
        "recipient": FieldPosition(60, 92, 22),
        "wording": FieldPosition(60, 110, 17, width_mm=180),
        "issuer": FieldPosition(225, 160, 16, "center", fit_mm=80),
        "date": FieldPosition(225, 176, 16, "center"),
        "number": FieldPosition(60, 181, 10),
    },
    qr=QrPosition(27, 156, 28),
)
# Grid labels and texts stay this far inside the sheet: printers cannot print nearer the edge.
SAFE_MARGIN_MM = 6.0
# How to read the calibration page — the same sentence as in the 套打校准 dialog.
OFFSET_RULE = "实际值比标注值大几毫米，就把偏移量减去几毫米（向右、向下为正）。"


def _draw_text(
    c: Canvas, text: str, pos: FieldPosition, offset: PrinterOffset, height: float, fonts: FontSet
) -> None:
    x = (pos.x_mm + offset.dx_mm) * mm
    y = height - (pos.y_mm + offset.dy_mm) * mm
    if pos.width_mm > 0:
        draw_paragraph(c, text, x, y, pos.width_mm * mm, fonts, pos.size, indent_chars=2)
        return
    if pos.fit_mm > 0:
        draw_fitted(c, fonts, text, x, y, pos.size, pos.fit_mm * mm)
        return
    draw_text(c, fonts, text, x, y, pos.size, align=pos.align)


def _draw_qr(
    c: Canvas, code: str, pos: QrPosition, offset: PrinterOffset, height: float, fonts: FontSet
) -> None:
    x = (pos.x_mm + offset.dx_mm) * mm
    top = height - (pos.y_mm + offset.dy_mm) * mm
    size = pos.size_mm * mm
    draw_qr(c, code, x, top - size, size)
    c.setFillColor(GREY)
    draw_text(c, fonts, "扫码验真", x + size / 2, top - size - 3 * mm, 8, align="center")
    c.setFillColor(INK)


def _values(cert: Certificate) -> dict[str, str]:
    return {
        "recipient": f"{cert.recipient} 同志：",
        "wording": cert.wording,
        "issuer": cert.issuer,
        "date": cn_date(cert.issued_on),
        "number": f"证书编号：{cert.number}",
    }


def render_overlay(
    certificates: Sequence[Certificate],
    layout: OverlayLayout = CERTIFICATE_STOCK,
    offset: PrinterOffset = PrinterOffset(),
    fonts: FontSet | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Only the variable text of each certificate, one sheet each, shifted by the printer offset."""
    fonts = fonts or load_fonts()
    page = (layout.page_mm[0] * mm, layout.page_mm[1] * mm)
    buffer = io.BytesIO()
    c = new_canvas(buffer, page, "荣誉证书（套打）")
    for cert in certificates:
        check_certificate(cert, fonts)
    for done, cert in enumerate(certificates, start=1):
        c.setFillColor(INK)
        values = _values(cert)
        for name, pos in layout.fields.items():
            if values.get(name):
                _draw_text(c, values[name], pos, offset, page[1], fonts)
        if cert.code and layout.qr is not None:
            _draw_qr(c, cert.code, layout.qr, offset, page[1], fonts)
        c.showPage()
        if progress is not None:
            progress(done, len(certificates))
    c.save()
    return buffer.getvalue()


def _grid(c: Canvas, w_mm: float, h_mm: float, offset: PrinterOffset, fonts: FontSet) -> None:
    H = h_mm * mm

    def X(v: float) -> float:
        return (v + offset.dx_mm) * mm

    def Y(v: float) -> float:
        return H - (v + offset.dy_mm) * mm

    for v in range(0, int(w_mm) + 1, 5):
        c.setStrokeColor(colors.HexColor("#9A9A9A" if v % 10 == 0 else "#D0D0D0"))
        c.setLineWidth(0.5 if v % 10 == 0 else 0.25)
        c.line(X(v), Y(0), X(v), Y(h_mm))
    for v in range(0, int(h_mm) + 1, 5):
        c.setStrokeColor(colors.HexColor("#9A9A9A" if v % 10 == 0 else "#D0D0D0"))
        c.setLineWidth(0.5 if v % 10 == 0 else 0.25)
        c.line(X(0), Y(v), X(w_mm), Y(v))
    c.setFillColor(INK)
    edge = SAFE_MARGIN_MM + 2
    for v in range(10, int(w_mm), 10):
        draw_text(c, fonts, str(v), X(v), Y(edge), 6, align="center")
    for v in range(10, int(h_mm), 10):
        draw_text(c, fonts, str(v), X(SAFE_MARGIN_MM), Y(v) - 2, 6)


def _cross(
    c: Canvas, x_mm: float, y_mm: float, offset: PrinterOffset, h: float, fonts: FontSet
) -> None:
    x, y = (x_mm + offset.dx_mm) * mm, h - (y_mm + offset.dy_mm) * mm
    c.setStrokeColor(PARTY_RED)
    c.setLineWidth(0.6)
    c.line(x - 6 * mm, y, x + 6 * mm, y)
    c.line(x, y - 6 * mm, x, y + 6 * mm)
    c.circle(x, y, 2 * mm)
    c.setFillColor(PARTY_RED)
    draw_text(c, fonts, f"({x_mm:g}, {y_mm:g}) mm", x + 2.5 * mm, y + 2.5 * mm, 8)


def _bar(c: Canvas, x0: float, y0: float, x1: float, y1: float, label: str, fonts: FontSet) -> None:
    c.setStrokeColor(colors.black)
    c.setLineWidth(1.2)
    c.line(x0, y0, x1, y1)
    for x, y in ((x0, y0), (x1, y1)):
        if x0 == x1:
            c.line(x - 2 * mm, y, x + 2 * mm, y)
        else:
            c.line(x, y - 2 * mm, x, y + 2 * mm)
    c.setFillColor(colors.black)
    draw_text(c, fonts, label, min(x0, x1) + 2 * mm, min(y0, y1) + 2 * mm, 8)


def render_calibration(
    page_mm: tuple[float, float] = (297.0, 210.0),
    offset: PrinterOffset = PrinterOffset(),
    printer: str = "",
    fonts: FontSet | None = None,
) -> bytes:
    """A calibration sheet: mm grid, labelled crosses, 100 mm bars and how to read them."""
    fonts = fonts or load_fonts()
    fonts.check("套打校准页", printer)
    w_mm, h_mm = page_mm
    page = (w_mm * mm, h_mm * mm)
    buffer = io.BytesIO()
    c = new_canvas(buffer, page, "套打校准页")
    _grid(c, w_mm, h_mm, offset, fonts)
    for x_mm, y_mm in ((30, 30), (w_mm - 30, 30), (30, h_mm - 30), (w_mm - 30, h_mm - 30)):
        _cross(c, x_mm, y_mm, offset, page[1], fonts)
    _cross(c, round(w_mm / 2), round(h_mm / 2), offset, page[1], fonts)
    ox, oy = offset.dx_mm * mm, offset.dy_mm * mm
    _bar(
        c,
        50 * mm + ox,
        page[1] - 60 * mm - oy,
        150 * mm + ox,
        page[1] - 60 * mm - oy,
        "此线段应为 100 mm",
        fonts,
    )
    _bar(
        c,
        60 * mm + ox,
        page[1] - 170 * mm - oy,
        60 * mm + ox,
        page[1] - 70 * mm - oy,
        "此线段应为 100 mm",
        fonts,
    )
    lines = [
        "套打校准页" + (f" · 打印机：{printer}" if printer else ""),
        f"当前偏移：向右 {offset.dx_mm:+.1f} mm，向下 {offset.dy_mm:+.1f} mm",
        "校准方法：用直尺量出红色十字中心到纸张左边、上边的实际距离；",
        OFFSET_RULE,
        "将新的偏移量填入“套打校准”后重新打印核对。",
        "两条黑色线段应各长 100 mm；若不是，请在打印对话框中选择“实际大小”（不缩放）。",
    ]
    c.setFillColor(colors.white)
    c.rect(120 * mm + ox, page[1] - 172 * mm - oy, 150 * mm, 46 * mm, stroke=0, fill=1)
    c.setFillColor(INK)
    y = page[1] - 136 * mm - oy
    for i, text in enumerate(lines):
        role, size = ("sans", 13) if i == 0 else ("serif", 9)
        draw_text(c, fonts, text, 124 * mm + ox, y, size, role)
        y -= 8 * mm if i == 0 else 6 * mm
    c.showPage()
    c.save()
    return buffer.getvalue()


def landscape_a4_mm() -> tuple[float, float]:
    w, h = landscape(A4)
    return round(w / mm, 1), round(h / mm, 1)
