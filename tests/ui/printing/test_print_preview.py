"""The print preview opens on a certificate and shows its first page."""

from __future__ import annotations

from datetime import date

from PySide6.QtPdf import QPdfDocument

from xhdesk.printing.certificate import Certificate, render_certificates
from xhdesk.ui.printing.preview import PrintPreviewDialog


def _certificates(n: int) -> bytes:
    return render_certificates(
        [
            Certificate(
                number=f"2026-HQS-3FA2C1-{i:04d}",
                recipient="欧阳晓东",
                wording="在2026年度“最美红骑手”评选活动中表现突出。",
                issuer="中共兴化市委组织部",
                issued_on=date(2026, 11, 28),
                code=f"XHV1.2026-HQS-3FA2C1-{i:04d}.ABC.DEF",
            )
            for i in range(1, n + 1)
        ]
    )


def test_preview_shows_page_one_of_a_certificate(qtbot) -> None:
    dialog = PrintPreviewDialog(_certificates(1), "荣誉证书")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.page_count() == 1 and dialog.current_page() == 0
    assert "第 1 / 1 页" in dialog.page_label.text()
    assert dialog.is_landscape()
    image = dialog.view.grab().toImage()
    assert not image.isNull()


def test_preview_navigates_and_zooms(qtbot) -> None:
    dialog = PrintPreviewDialog(_certificates(3), "荣誉证书")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count() == 3)
    dialog.go_to(2)
    qtbot.waitUntil(lambda: dialog.current_page() == 2)
    assert "第 3 / 3 页" in dialog.page_label.text()
    dialog.go_to(5)  # past the end: stays
    assert dialog.current_page() == 2
    before = dialog.view.zoomFactor()
    dialog.zoom_by(1.25)
    assert dialog.view.zoomFactor() > before


def test_pages_are_sent_to_the_printer(qtbot, tmp_path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from xhdesk.ui.common.workers import Progress
    from xhdesk.ui.printing.print_job import print_pages

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(72)
    reports: list[tuple[int, int]] = []
    done = print_pages(printer, _certificates(2), Progress(lambda d, t, _s: reports.append((d, t))))
    assert done == 2 and reports == [(0, 2), (1, 2)]
    assert len(PdfReader(out).pages) == 2
