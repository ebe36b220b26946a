"""数据体检: run the check in the background, list the findings, offer 修复 for what can be fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.check import CheckResult, check, repair
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import confirm, show_error
from xhdesk.ui.common.workers import Progress, run_task

KINDS = {
    "integrity": "文件损坏",
    "foreign_key": "外键断开",
    "derived": "派生数据不符",
    "fold": "与变更记录不符",
    "missing_row": "缺少记录",
    "no_changes": "无变更记录",
}


class CheckDialog(QDialog):
    repaired = Signal()  # after a repair: the tabs should reload
    finished_check = Signal(object)  # the CheckResult of each check (for tests)

    def __init__(self, store: Store, parent: QWidget | None = None, *, start: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.result: CheckResult | None = None
        self.setWindowTitle(tr("数据体检"))
        self.resize(860, 480)
        intro = tr(
            "检查数据库文件是否完好、记录之间的关联是否完整、派生数据（积分合计、申报状态、"
            "诉求状态）是否与同步数据一致，以及每条记录是否与其变更记录一致。"
        )
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([tr("问题类别"), tr("数据表"), tr("说明")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(tr("尚未体检。"), self)
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.fontMetrics().height() * 4)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.check_button = buttons.addButton(
            tr("重新体检"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.setIcon(qta.icon("fa5s.stethoscope", color="#444"))
        self.check_button.clicked.connect(self.on_check_clicked)
        self.repair_button = buttons.addButton(tr("修复"), QDialogButtonBox.ButtonRole.ActionRole)
        self.repair_button.setIcon(qta.icon("fa5s.wrench", color="#C8161D"))
        self.repair_button.setEnabled(False)
        self.repair_button.clicked.connect(self.on_repair_clicked)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        if start:
            self.on_check_clicked()

    # -- running -----------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.check_button.setEnabled(False)
        self.repair_button.setEnabled(False)
        self.summary.setText(text)

    def on_check_clicked(self) -> None:
        self._busy(tr("正在体检…"))

        def work(progress: Progress) -> CheckResult:
            return check(self.store, progress=progress.report)

        run_task(
            work,
            parent=self,
            title=tr("正在进行数据体检…"),
            on_done=self.show_result,
            on_error=self._on_error,
            on_cancel=self._on_cancel,
        )

    def on_repair_clicked(self, _checked: bool = False, *, ask: bool = True) -> None:
        question = tr("修复前会先备份数据库，然后重建派生数据、按变更记录恢复记录内容。继续吗？")
        if ask and not confirm(self, question, tr("数据体检")):
            return
        self._busy(tr("正在修复…"))

        def work(progress: Progress) -> CheckResult:
            return repair(self.store, progress=progress.report)

        run_task(
            work,
            parent=self,
            title=tr("正在修复…"),
            on_done=self._on_repaired,
            on_error=self._on_error,
            on_cancel=self._on_cancel,
        )

    def _on_repaired(self, result: CheckResult) -> None:
        self.show_result(result)
        self.repaired.emit()

    def _on_error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.summary.setText(tr("体检未完成：") + str(exc))
        show_error(self, exc)

    def _on_cancel(self) -> None:
        self.check_button.setEnabled(True)
        self.summary.setText(tr("已取消，数据库未作任何改动。"))

    # -- showing -----------------------------------------------------------------------------------
    def show_result(self, result: CheckResult) -> None:
        self.result = result
        self.table.setRowCount(len(result.findings))
        for row, f in enumerate(result.findings):
            cells = (tr(KINDS.get(f.kind, f.kind)), f.table, f.message)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f.message)
                if col == 0 and not f.repairable:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        listed = {f.message for f in result.findings}
        lines = [line for line in result.lines() if line not in listed]
        lines.insert(0, lines.pop())  # the verdict first
        if result.findings and not any(f.repairable for f in result.findings):
            lines.append(tr("以上问题无法自动修复：请从备份恢复，或等待缺少的同步数据到达。"))
        self.summary.setText("\n".join(lines))
        self.check_button.setEnabled(True)
        self.repair_button.setEnabled(any(f.repairable for f in result.findings))
        self.finished_check.emit(result)
