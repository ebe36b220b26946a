"""导入同步包: choose the file, import in the background (progress, cancel), then a summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.sync.importer import ImportReport, import_package
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Progress, run_task

FIGURES = (("inserted", "新增"), ("updated", "更新"), ("conflicts", "冲突"), ("refused", "拒绝"))


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport, after a successful import

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        show_conflicts: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.show_conflicts = show_conflicts
        self.setWindowTitle(tr("导入同步包"))
        self.setMinimumWidth(560)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(tr("选择其他节点导出的 .xhsync 文件"))
        browse = QPushButton(qta.icon("fa5s.folder-open", color="#444"), tr("浏览…"), self)
        browse.clicked.connect(self.on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("同步包"), self))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.summary = QWidget(self)
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout(self.summary)
        for col, (key, title) in enumerate(FIGURES):
            number = QLabel("0", self.summary)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setStyleSheet("font-size: 20pt; font-weight: bold")
            caption = QLabel(tr(title), self.summary)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, col)
            grid.addWidget(caption, 1, col)
            self.numbers[key] = number
        self.summary.hide()
        self.message = QLabel(tr("导入前会先校验同步包的完整性和签名，并自动备份数据库。"), self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setIcon(qta.icon("fa5s.file-import", color="#C8161D"))
        self.conflicts_button = buttons.addButton(
            tr("处理冲突…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.conflicts_button.hide()
        self.conflicts_button.clicked.connect(self.on_conflicts_clicked)
        self.close_button = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.on_import_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.report: ImportReport | None = None

    def on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("选择同步包"), self.path.text(), tr("同步包 (*.xhsync);;所有文件 (*)")
        )
        if path:
            self.path.setText(path)

    def on_import_clicked(self) -> None:
        text = self.path.text().strip()
        if not text:
            show_error(self, tr("请先选择要导入的同步包文件。"))
            return
        path = Path(text)
        self.ok.setEnabled(False)
        self.message.setText(tr("正在导入…"))

        def work(progress: Progress) -> ImportReport:
            return import_package(self.store, path, progress.report)

        run_task(
            work,
            parent=self,
            title=tr("正在导入同步包…"),
            on_done=self.show_report,
            on_error=self._on_error,
            on_cancel=self._on_cancel,
        )

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        for key, _title in FIGURES:
            self.numbers[key].setText(f"{getattr(report, key):,}")
        self.numbers["conflicts"].setStyleSheet(
            "font-size: 20pt; font-weight: bold" + ("; color: #C8161D" if report.conflicts else "")
        )
        lines = [report.summary()]
        lines += [tr("已拒绝：") + r for r in report.refusals]
        if report.backup:
            lines.append(tr(f"导入前的备份：{report.backup}"))
        self.message.setText("\n".join(lines))
        self.summary.setVisible(not report.already)
        self.conflicts_button.setVisible(bool(report.conflicts) and self.show_conflicts is not None)
        self.ok.setEnabled(True)
        self.close_button.setText(tr("完成"))
        self.imported.emit(report)

    def _on_error(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(tr("未导入：") + str(exc))
        show_error(self, exc)

    def _on_cancel(self) -> None:
        self.ok.setEnabled(True)
        self.message.setText(tr("已取消导入，数据库未作任何改动。"))

    def on_conflicts_clicked(self) -> None:
        if self.show_conflicts is not None:
            self.accept()
            self.show_conflicts()
