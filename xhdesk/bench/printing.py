"""Printing at scale: 1,000 signed certificates with QR codes, and the first preview page.

Goals (issue 6):

* rendering 1,000 certificates — each number signed with the node's Ed25519 key, its QR code
  encoded and drawn — takes at most 5× as long as reportlab drawing the same text on bare pages
  with the same fonts, measured in the same run;
* from asking for a preview of one certificate to its first page shown: under 500 ms. Timed from
  the request (signing, rendering the PDF) until the preview has loaded the document and painted
  its first page. The baseline is rendering that one-page PDF alone, without Qt.

Part of ``xhdesk bench``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from xhdesk.bench import BenchContext, Row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_CERTIFICATES = 1000
RATIO_GOAL = 5.0
PREVIEW_GOAL_MS = 500.0
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗欧阳诸葛"
GIVEN = "晓明红梅建国志强丽娟海燕文华伟杰"


def _store():  # noqa: ANN202 — a fresh Store in a temp folder (a node with its key pair)
    from xhdesk.data.core.store import Store

    return Store.open(Path(tempfile.mkdtemp(prefix="xhdesk-bench-print-")) / "print.sqlite3")


def _certificates(store, count: int, offset: int = 0) -> list:  # noqa: ANN001
    """``count`` certificates, each signed now (as issuing does) and carrying its QR code text."""
    from xhdesk.data.awards.verification import encode_code, sign_certificate
    from xhdesk.data.awards.vocab import AWARD_KINDS
    from xhdesk.data.core import identity
    from xhdesk.printing.certificate import Certificate

    key = identity.private_key(store)
    kind = AWARD_KINDS["red_rider"]
    node = store.node_id.replace("-", "")[:6].upper()
    out = []
    for i in range(offset, offset + count):
        number = f"2026-{kind.short}-{node}-{i + 1:04d}"
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[i % len(GIVEN)]
        out.append(
            Certificate(
                number=number,
                recipient=name,
                wording=kind.wording(2026),
                issuer="中共兴化市委组织部",
                issued_on=date(2026, 11, 28),
                code=encode_code(number, store.node_id, sign_certificate(store, number, key)),
            )
        )
    return out


def _bare(certificates: list, fonts) -> bytes:  # noqa: ANN001
    """The baseline: the same strings drawn with the same fonts on bare landscape pages."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from xhdesk.printing.layout import cn_date

    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=landscape(A4))
    for cert in certificates:
        y = 180 * mm
        for text, size in (
            (cert.title, 46),
            (f"{cert.recipient} 同志：", 24),
            *((line, 19) for line in cert.wording.split("\n")),
            (cert.issuer, 17),
            (cn_date(cert.issued_on), 17),
            ("扫码验真", 8),
            (f"证书编号：{cert.number}", 10),
        ):
            c.setFont(fonts.serif, size)
            c.drawString(40 * mm, y, text)
            y -= 14 * mm
        c.showPage()
    c.save()
    return buffer.getvalue()


def _batch(count: int) -> dict:
    from xhdesk.printing.certificate import render_certificates
    from xhdesk.printing.fonts import load_fonts
    from xhdesk.printing.layout import qr_path

    fonts = load_fonts()
    store = _store()
    try:
        render_certificates(_certificates(store, 2, offset=count), fonts)  # warm fonts and imports
        qr_path.cache_clear()
        start = time.perf_counter()
        certs = _certificates(store, count)
        render_certificates(certs, fonts)
        full = time.perf_counter() - start
        start = time.perf_counter()
        _bare(certs, fonts)
        bare = time.perf_counter() - start
    finally:
        store.close()
    ratio = full / bare
    return {
        "name": f"{count} 张荣誉证书（签名 + 二维码）",
        "value": round(full, 2),
        "unit": "s",
        "baseline": round(bare, 2),
        "ratio": round(ratio, 2),
        "goal": f"≤ {RATIO_GOAL:g}× 基线（reportlab 空白页绘制同样文字）",
        "pass": ratio <= RATIO_GOAL,
    }


def _preview() -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from xhdesk.printing.certificate import render_certificates
    from xhdesk.printing.fonts import load_fonts
    from xhdesk.ui.printing.preview import PrintPreviewDialog

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts = load_fonts()
    store = _store()
    try:
        warm = PrintPreviewDialog(render_certificates(_certificates(store, 1, 50), fonts), "warm")
        warm.show()
        while warm.document.status() != QPdfDocument.Status.Ready:
            app.processEvents()
        warm.view.grab()
        warm.close()
        times, bases = [], []
        for i in range(5):
            start = time.perf_counter()
            data = render_certificates(_certificates(store, 1, i), fonts)
            bases.append(time.perf_counter() - start)
            dialog = PrintPreviewDialog(data, "荣誉证书")
            dialog.resize(980, 760)
            dialog.show()
            while dialog.document.status() != QPdfDocument.Status.Ready:
                app.processEvents()
            dialog.view.viewport().repaint()  # paints page 1 (rendered on demand)
            dialog.document.render(0, dialog.view.viewport().size())
            times.append(time.perf_counter() - start)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    finally:
        store.close()
    value = statistics.median(times) * 1000
    return {
        "name": "预览一张证书：从请求到显示第 1 页",
        "value": round(value),
        "unit": "ms",
        "baseline": round(statistics.median(bases) * 1000),
        "ratio": round(value / max(statistics.median(bases) * 1000, 1e-6), 2),
        "goal": f"< {PREVIEW_GOAL_MS:g} ms",
        "pass": value < PREVIEW_GOAL_MS,
    }


def run(certificates: int | None = None) -> list[dict]:
    return [_batch(certificates or DEFAULT_CERTIFICATES), _preview()]


def rows(ctx: BenchContext) -> list[Row]:
    batch, preview = run(100 if ctx.quick else DEFAULT_CERTIFICATES)
    return [
        Row.from_dict(batch, goal_ratio=RATIO_GOAL),
        Row.from_dict(preview, goal_abs=PREVIEW_GOAL_MS),
    ]
