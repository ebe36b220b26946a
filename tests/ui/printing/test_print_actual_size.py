"""Printing from the window keeps actual size on any paper: the calibration bars measure 100 mm
on A4 and on Letter, and an A5 receipt on A4 paper is printed at 100 %, centred."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from xhdesk.printing.overlay import render_calibration
from xhdesk.printing.receipt import render_receipt
from xhdesk.ui.common.workers import Progress
from xhdesk.ui.printing.print_job import print_pages

RECEIPT = {"number": "XH-20261128-S07-003", "requester_name": "单志强", "description": "维权。"}
PX_PER_MM = 10  # the printed PDF is read back at 254 dpi: one pixel is 0.1 mm
DARK = re.compile(rb"[\x00-\x32]+")  # black ink (not the grey grid, not the red crosses)
RED = re.compile(rb"[\x32-\x6e]+")  # the receipt's party-red rule, as grey levels


def _print_to_pdf(data: bytes, paper: QPageSize.PageSizeId, landscape: bool, out: Path) -> QImage:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(paper))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    assert print_pages(printer, data, Progress(lambda *_: None)) == 1
    document = QPdfDocument()
    assert document.load(str(out)) == QPdfDocument.Error.None_
    points = document.pagePointSize(0)
    size = QSize(round(points.width() / 72 * 254), round(points.height() / 72 * 254))
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))  # QtPdf renders onto a transparent background
    painter = QPainter(page)
    painter.drawImage(0, 0, document.render(0, size))
    painter.end()
    document.close()
    return page.convertToFormat(QImage.Format.Format_Grayscale8)


def _row(image: QImage, y: int) -> bytes:
    return bytes(image.constScanLine(y))[: image.width()]


def _columns(image: QImage, xs: range, top: int, bottom: int) -> list[bytes]:
    rows = [_row(image, y) for y in range(top, bottom)]
    return [bytes(row[x] for row in rows) for x in xs]


def _longest(lines: list[bytes], pattern: re.Pattern[bytes]) -> tuple[int, int]:
    """(index of the line with the longest run, that run's length in pixels)."""
    best = max(
        (
            (i, max((len(m[0]) for m in pattern.finditer(line)), default=0))
            for i, line in enumerate(lines)
        ),
        key=lambda t: t[1],
    )
    return best


def _tick_distance_mm(line: bytes) -> float:
    """Distance between the centres of the first and the last dark mark on a line (the ticks)."""
    runs = [m.span() for m in DARK.finditer(line)]
    assert len(runs) >= 2, runs
    (a0, a1), (b0, b1) = runs[0], runs[-1]
    return ((b0 + b1) / 2 - (a0 + a1) / 2) / PX_PER_MM


@pytest.mark.parametrize(
    "paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter], ids=["A4", "Letter"]
)
def test_calibration_bars_measure_100_mm(qtbot, tmp_path: Path, paper) -> None:
    image = _print_to_pdf(render_calibration(), paper, True, tmp_path / "out.pdf")
    # the horizontal bar lies 60 mm below the top edge, from 50 mm to 150 mm
    band = range(55 * PX_PER_MM, 65 * PX_PER_MM)
    index, _ = _longest([_row(image, y)[: 200 * PX_PER_MM] for y in band], DARK)
    bar_y = band[index]
    ticks = _row(image, bar_y - PX_PER_MM)[40 * PX_PER_MM : 160 * PX_PER_MM]
    assert _tick_distance_mm(ticks) == pytest.approx(100, abs=0.3)
    # the vertical bar lies 60 mm from the left edge, from 70 mm to 170 mm below the top
    columns = range(55 * PX_PER_MM, 66 * PX_PER_MM)
    lines = _columns(image, columns, 65 * PX_PER_MM, 180 * PX_PER_MM)  # below the other bar
    index, _ = _longest(lines[: 8 * PX_PER_MM], DARK)
    ticks = lines[index + PX_PER_MM]
    assert _tick_distance_mm(ticks) == pytest.approx(100, abs=0.3)


def test_an_a5_receipt_on_a4_paper_is_printed_at_actual_size_centred(qtbot, tmp_path) -> None:
    image = _print_to_pdf(
        render_receipt(RECEIPT), QPageSize.PageSizeId.A4, False, tmp_path / "r.pdf"
    )
    assert image.width() == pytest.approx(210 * PX_PER_MM, abs=2)  # A4 paper
    # the red rule spans the A5 page less 14 mm margins: 120 mm, 10 mm below the A5 top edge
    rows = [_row(image, y) for y in range(image.height() // 3)]
    runs = [max((len(m[0]) for m in RED.finditer(row)), default=0) for row in rows]
    index = next(i for i, n in enumerate(runs) if n >= 100 * PX_PER_MM)  # the topmost long line
    assert runs[index] / PX_PER_MM == pytest.approx(120, abs=0.5)
    top_of_a5 = (297 - 210) / 2
    assert index / PX_PER_MM == pytest.approx(top_of_a5 + 10, abs=0.6)
    start = RED.search(rows[index]).start()  # type: ignore[union-attr]
    assert start / PX_PER_MM == pytest.approx((210 - 148) / 2 + 14, abs=0.5)
