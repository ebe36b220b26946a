"""The print preview: a PDF shown with QtPdf, page navigation, zoom, Print and Save as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSettings, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.i18n import tr
from xhdesk.printing.layout import save_pdf
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.printing.print_job import print_pdf

ZOOM_STEP = 1.25


class PrintPreviewDialog(QDialog):
    """Shows ``data`` (PDF bytes) before it is printed or saved."""

    def __init__(
        self, data: bytes, title: str, parent: QWidget | None = None, file_name: str = ""
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.title = title
        self.file_name = file_name or f"{title}.pdf"
        self.setWindowTitle(tr("打印预览 — ") + title)
        self.resize(980, 760)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.page_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.document.statusChanged.connect(self._update_page_label)
        self.document.load(self._buffer)
        self._update_page_label()

    # -- toolbar --------------------------------------------------------------------------------
    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        def add(icon: str, text: str, slot: object, tip: str = "") -> None:
            action = bar.addAction(qta.icon(icon, color="#444"), tr(text))
            action.triggered.connect(slot)
            if tip:
                action.setToolTip(tr(tip))

        add("fa5s.print", "打印…", self.on_print_clicked)
        add("fa5s.file-pdf", "另存为PDF…", self.on_save_clicked)
        bar.addSeparator()
        add("fa5s.chevron-left", "上一页", lambda: self.go_to(self.current_page() - 1))
        bar.addWidget(self.page_label)
        add("fa5s.chevron-right", "下一页", lambda: self.go_to(self.current_page() + 1))
        bar.addSeparator()
        add("fa5s.search-minus", "缩小", lambda: self.zoom_by(1 / ZOOM_STEP))
        add("fa5s.search-plus", "放大", lambda: self.zoom_by(ZOOM_STEP))
        add(
            "fa5s.arrows-alt-h",
            "适合宽度",
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth),
        )
        add("fa5s.expand", "整页", lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        return bar

    # -- navigation and zoom -------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom_by(self, factor: float) -> None:
        zoom = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(zoom * factor, 8.0)))

    def _update_page_label(self, *_: object) -> None:
        total = self.page_count()
        text = tr(f" 第 {self.current_page() + 1} / {total} 页 ") if total else tr(" 正在载入… ")
        self.page_label.setText(text)

    # -- actions --------------------------------------------------------------------------------
    def is_landscape(self) -> bool:
        size = self.document.pagePointSize(0)
        return size.width() > size.height()

    def on_print_clicked(self) -> None:
        print_pdf(self, self.data, self.title, self.is_landscape())

    def on_save_clicked(self) -> None:
        settings = QSettings()
        folder = settings.value("printing/save_dir", "", str)
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("另存为PDF"),
            f"{folder}/{self.file_name}" if folder else self.file_name,
            tr("PDF 文件 (*.pdf)"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            save_pdf(self.data, path)
        except OSError as exc:
            show_error(self, XhdeskError(tr(f"无法保存 {path}：{exc.strerror or exc}")))
            return
        settings.setValue("printing/save_dir", str(Path(path).parent))


def show_preview(
    parent: QWidget | None, data: bytes, title: str, file_name: str = ""
) -> PrintPreviewDialog:
    """Open the preview (non-modal, deleted on close) and return it."""
    dialog = PrintPreviewDialog(data, title, parent, file_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
