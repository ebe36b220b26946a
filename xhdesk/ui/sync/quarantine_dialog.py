"""隔离区: every change refused on import — who, why, what it tried — and an export to CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.sync.quarantine import export_quarantine, quarantine_rows
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error


class QuarantineDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("隔离区"))
        self.resize(1100, 480)
        from xhdesk.ui.sync.models import QuarantineModel

        rows = quarantine_rows(store)
        header = QLabel(
            tr(
                f"共 {len(rows):,} 条被拒绝的变更。它们没有写入本节点的数据，"
                "请与来源节点核实（例如由中心重新登记该节点，或在来源节点改正后重新录入）。"
            ),
            self,
        )
        header.setWordWrap(True)
        self.model = QuarantineModel(rows, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        heads = self.view.horizontalHeader()
        heads.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((110, 80, 260, 140, 50, 300, 140)):
            self.view.setColumnWidth(column, width)
        heads.setStretchLastSection(True)
        empty = QLabel(tr("隔离区是空的：导入的同步包中没有被拒绝的变更。"), self)
        empty.setVisible(not rows)
        self.view.setVisible(bool(rows))
        buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(
            qta.icon("fa5s.file-export", color="#444"), tr("导出…"), self
        )
        self.export_button.setEnabled(bool(rows))
        self.export_button.clicked.connect(self.on_export_clicked)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)

    def on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出隔离区"), str(Path.home() / "隔离区.csv"), tr("CSV 文件 (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        try:
            return export_quarantine(self.store, path)
        except XhdeskError as exc:
            show_error(self, exc)
            return 0
