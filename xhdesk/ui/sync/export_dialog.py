"""导出同步包: choose the peer and the file; the export runs in the background."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.sync.export import ExportReport, describe, export_package
from xhdesk.data.sync.peers import list_peers
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.workers import Progress, run_task


class ExportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("导出同步包"))
        self.setMinimumWidth(520)
        self.peer = QComboBox(self)
        self.peer.addItem(tr("任意节点（导出全部变更）"), None)
        for p in list_peers(store):
            when = f"{p.last_exchange:%m-%d %H:%M}" if p.last_exchange else tr("从未交换")
            self.peer.addItem(f"{p.name}（{label(ROLES, p.role)}，{tr('上次')} {when}）", p.node_id)
        self.path = QLineEdit(self)
        self.path.setText(str(self._default_path()))
        browse = QPushButton(qta.icon("fa5s.folder-open", color="#444"), tr("浏览…"), self)
        browse.clicked.connect(self.on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("发往节点"), self.peer)
        form.addRow(tr("保存到"), row)
        hint = QLabel(
            tr("只导出对方尚未收到的变更（含转交的其他节点变更）；对方未知时导出全部。"), self
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setIcon(qta.icon("fa5s.file-export", color="#C8161D"))
        buttons.addButton(tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.on_export_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.report: ExportReport | None = None

    def _default_path(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Path.home() / f"{self.store.node_name}-{stamp}.xhsync"

    def on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("保存同步包"), self.path.text(), tr("同步包 (*.xhsync)")
        )
        if path:
            self.path.setText(path if path.endswith(".xhsync") else path + ".xhsync")

    def on_export_clicked(self) -> None:
        path = Path(self.path.text().strip())
        peer = self.peer.currentData()
        if not self.path.text().strip():
            show_error(self, tr("请选择保存同步包的位置。"))
            return
        self.ok.setEnabled(False)

        def work(progress: Progress) -> ExportReport:
            return export_package(self.store, path, peer, progress.report)

        run_task(
            work,
            parent=self,
            title=tr("正在导出同步包…"),
            on_done=self._on_done,
            on_error=self._on_error,
            on_cancel=lambda: self.ok.setEnabled(True),
        )

    def _on_done(self, report: ExportReport) -> None:
        self.report = report
        inform(self, describe(report), tr("导出完成"))
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        show_error(self, exc)
