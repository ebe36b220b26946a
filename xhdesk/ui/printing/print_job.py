"""Sending a PDF to a printer: the dialog on the UI thread, the pages rendered off it.

Each page is rasterised with QtPdf at the printer's resolution (at most 300 dpi, enough for text
and QR codes on office laser printers) and painted onto the QPrinter in a worker; QPainter may paint
on a QPrinter outside the GUI thread. A cancel stops after the current page.

Pages print at actual size, never stretched to the paper: 100 mm on the page is 100 mm on paper
whatever the printer's paper size (the 套打 offsets depend on it). A page smaller than the paper (an
A5 receipt on A4) is centred; otherwise it is placed at the paper's top-left corner, where 套打
positions are measured from, and what does not fit is cut off at the right and bottom edges.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from xhdesk.data.core.errors import XhdeskError
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import inform
from xhdesk.ui.common.workers import Progress, Task, run_task

MAX_DPI = 300


class PrintError(XhdeskError):
    """The printer could not be used."""


def _temp_pdf(data: bytes) -> str:
    fd, path = tempfile.mkstemp(prefix="xhdesk-print-", suffix=".pdf")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def actual_size_rect(printer: QPrinter, points: QSizeF) -> QRectF:
    """Where a page of ``points`` goes on the paper, in the painter's device pixels (the
    printer is in full-page mode: the origin is the paper's corner)."""
    res = printer.resolution()
    width, height = points.width() / 72 * res, points.height() / 72 * res
    paper = printer.pageLayout().fullRectPixels(res)
    if width <= paper.width() and height <= paper.height():
        return QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)
    return QRectF(0, 0, width, height)


def print_pages(printer: QPrinter, data: bytes, progress: Progress) -> int:
    """Paint the pages the user chose onto ``printer``; returns how many were printed."""
    path = _temp_pdf(data)
    document = QPdfDocument()
    try:
        if document.load(path) != QPdfDocument.Error.None_:
            raise PrintError(tr("无法读取要打印的文档。"))
        count = document.pageCount()
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), count) if printer.toPage() else count
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(tr("无法开始打印：请检查打印机是否连接、是否有纸。"))
        dpi = min(printer.resolution(), MAX_DPI)
        try:
            for number in range(first, last + 1):
                progress.report(number - first, last - first + 1, tr(f"正在打印第 {number} 页…"))
                if number > first:
                    printer.newPage()
                points = document.pagePointSize(number - 1)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = document.render(number - 1, size)
                painter.drawImage(actual_size_rect(printer, points), image)
        finally:
            painter.end()
        return last - first + 1
    finally:
        document.close()
        Path(path).unlink(missing_ok=True)


def choose_printer(parent: QWidget | None, title: str, landscape: bool) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(
    parent: QWidget | None, data: bytes, title: str, landscape: bool = False
) -> Task | None:
    """Ask for a printer, then print in the background with progress and cancel."""
    printer = choose_printer(parent, title, landscape)
    if printer is None:
        return None
    task = run_task(
        lambda progress: print_pages(printer, data, progress),
        parent=parent,
        title=tr("正在打印…"),
        on_done=lambda n: inform(parent, tr(f"已送往打印机：{n} 页。"), tr("打印")),
    )
    task.printer = printer  # keep the printer alive while the worker paints on it
    return task
