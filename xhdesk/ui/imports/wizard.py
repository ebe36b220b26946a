"""文件 → 导入: choose the file, correct the mapping, preview, import; each long step off the UI thread.

Reading and checking run in the background with progress and cancel; the write runs there too, in
one transaction, so a cancel leaves the database as it was. Afterwards a summary, and the refused
rows can be saved as an error report beside the source file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.imports.columns import Kind
from xhdesk.data.imports.mapping import (
    Layout,
    check_mapping,
    detect_layout,
    recall_mapping,
    remember_mapping,
)
from xhdesk.data.imports.plan import ImportPlan, ImportResult, apply_plan, plan_sheet
from xhdesk.data.imports.reading import Sheet, read_sheet
from xhdesk.data.imports.report import write_error_report
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Progress, run_task
from xhdesk.ui.imports.pages import FilePage, MappingPage, PreviewPage

STEPS = ("1 选择文件", "2 核对列对应", "3 预览与确认", "4 完成")


class ImportWizard(QDialog):
    imported = Signal(object)  # the Changes of a finished import

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("从Excel导入"))
        self.resize(900, 600)
        self.steps = QLabel(self)
        self.pages = QStackedWidget(self)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        done_page = QWidget(self)
        self.done_label = QLabel(done_page)
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("font-size: 11pt")
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(
            qta.icon("fa5s.folder-open", color="#444"), tr("打开错误报告所在文件夹"), done_page
        )
        self.open_folder.clicked.connect(self.on_open_folder_clicked)
        done_layout = QVBoxLayout(done_page)
        done_layout.setContentsMargins(24, 24, 24, 24)
        done_layout.addWidget(self.done_label)
        done_layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        done_layout.addStretch(1)
        for page in (self.file_page, self.mapping_page, self.preview_page, done_page):
            self.pages.addWidget(page)
        buttons = QHBoxLayout()
        self.back = QPushButton(qta.icon("fa5s.arrow-left", color="#444"), tr("上一步"), self)
        self.next = QPushButton(tr("下一步"), self)
        self.next.setDefault(True)
        self.close_button = QPushButton(tr("取消"), self)
        buttons.addStretch(1)
        for button in (self.back, self.next, self.close_button):
            buttons.addWidget(button)
        self.back.clicked.connect(self.on_back_clicked)
        self.next.clicked.connect(self.on_next_clicked)
        self.close_button.clicked.connect(self.reject)
        self.preview_page.report_button.clicked.connect(self.on_report_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.sheet: Sheet | None = None
        self.kind: Kind | None = None
        self.source: Path | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.report_path: Path | None = None
        self._busy = False
        self._show_step(0)

    # -- navigation ----------------------------------------------------------------------------
    def _show_step(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        marks = [
            f"<b style='color:#C8161D'>{tr(s)}</b>" if i == index else tr(s)
            for i, s in enumerate(STEPS)
        ]
        self.steps.setText("  ›  ".join(marks))
        self.back.setVisible(index in (1, 2))
        self.next.setVisible(index < 3)
        self.next.setText(tr("导入") if index == 2 else tr("下一步"))
        self.next.setIcon(
            qta.icon("fa5s.file-import", color="#C8161D")
            if index == 2
            else qta.icon("fa5s.arrow-right", color="#444")
        )
        self.close_button.setText(tr("完成") if index == 3 else tr("取消"))

    def on_back_clicked(self) -> None:
        self._show_step(max(0, self.pages.currentIndex() - 1))

    def on_next_clicked(self) -> None:
        if self._busy:
            return
        step = self.pages.currentIndex()
        try:
            (self._read, self._check, self._write)[step]()
        except XhdeskError as exc:
            show_error(self, exc)

    def _run(self, work: Any, title: str, on_done: Any, on_cancel: Any = None) -> None:
        self._busy = True
        self.next.setEnabled(False)

        def finish(result: Any) -> None:
            self._idle()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._idle()
            show_error(self, exc)

        def cancelled() -> None:
            self._idle()
            if on_cancel is not None:
                on_cancel()

        self.task = run_task(
            work,
            parent=self,
            title=tr(title),
            on_done=finish,
            on_error=failed,
            on_cancel=cancelled,
        )

    def _idle(self) -> None:
        self._busy = False
        self.next.setEnabled(True)

    # -- step 1 → 2: read the sheet and find its header ----------------------------------------
    def _read(self) -> None:
        source, sheet, kind = self.file_page.choice()

        def work(progress: Progress) -> tuple[Sheet, Layout]:
            progress.report(0, 0, tr("正在读取表格…"))
            data = read_sheet(source, sheet)
            progress.check()
            return data, recall_mapping(self.store, kind, detect_layout(data, kind))

        def done(result: tuple[Sheet, Layout]) -> None:
            self.source, self.kind = source, kind
            self.sheet, layout = result
            self.mapping_page.show_layout(kind, self.sheet, layout)
            self._show_step(1)

        self._run(work, "正在读取表格…", done)

    # -- step 2 → 3: check and match every row -------------------------------------------------
    def _check(self) -> None:
        assert self.kind is not None and self.sheet is not None and self.source is not None
        kind, sheet, source = self.kind, self.sheet, self.source
        old = self.mapping_page.layout
        layout = Layout(old.headers, old.first_row, self.mapping_page.mapping())
        check_mapping(kind, layout.mapping)
        remember_mapping(self.store, kind, layout)

        def work(progress: Progress) -> ImportPlan:
            report = lambda done, total: progress.report(done, total, tr("正在检查每一行…"))  # noqa: E731
            return plan_sheet(self.store, kind, source, sheet, layout, report)

        def done(plan: ImportPlan) -> None:
            self.plan = plan
            self.report_path = None
            self.preview_page.show_plan(plan)
            self._show_step(2)

        self._run(work, "正在检查每一行…", done)

    # -- step 3 → 4: the one write -------------------------------------------------------------
    def _write(self) -> None:
        plan = self.plan
        assert plan is not None
        mode, overrides = self.preview_page.default_mode(), self.preview_page.overrides()
        if plan.refused and self.report_path is None:
            self.report_path = write_error_report(plan)

        def work(progress: Progress) -> ImportResult:
            report = lambda done, total: progress.report(done, total, tr("正在写入…"))  # noqa: E731
            return apply_plan(self.store, plan, mode, overrides, progress=report)

        self._run(work, "正在导入…", self._finished, self._write_cancelled)

    def _write_cancelled(self) -> None:
        self.preview_page.refused_label.setText(tr("已取消导入，数据库未作任何改动。"))

    def _finished(self, result: ImportResult) -> None:
        assert self.plan is not None
        self.result = result
        unit = self.plan.kind.unit
        c = result.counts
        lines = [
            tr(
                f"导入完成：新增 {c.new:,} {unit}，更新 {c.updated:,} {unit}，无变化 {c.unchanged:,} {unit}。"
            )
        ]
        if c.refused:
            lines.append(
                tr(
                    f"未导入 {c.refused:,} 行（错误 {c.errors:,} 行，文件内重复 {c.duplicates_in_file:,} 行），"
                )
                + tr(f"已写入错误报告：{self.report_path}。改正后可以再次导入该文件。")
            )
        self.done_label.setText("<br><br>".join(lines))
        self.open_folder.setVisible(bool(c.refused) and self.report_path is not None)
        self._show_step(3)
        if result.changes:
            self.imported.emit(result.changes)

    def on_report_clicked(self) -> None:
        if self.plan is None:
            return
        try:
            self.report_path = write_error_report(self.plan)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.preview_page.refused_label.setText(tr(f"错误报告已保存：{self.report_path}"))

    def on_open_folder_clicked(self) -> None:
        if self.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path.parent)))
