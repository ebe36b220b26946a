"""冲突处理: concurrent edits side by side; a person picks one and the pick becomes a new change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.sync.conflicts import resolve
from xhdesk.data.sync.views import ConflictRow, conflict_rows
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.workers import run_task
from xhdesk.ui.sync.models import ConflictsModel


class _ValueBox(QGroupBox):
    """One side of a conflict: the value, who wrote it and when, and the button to keep it."""

    def __init__(self, title: str, button: str, parent: QWidget | None = None) -> None:
        super().__init__(tr(title), parent)
        self.value = QLabel(self)
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setStyleSheet("font-size: 12pt")
        self.who = QLabel(self)
        self.who.setStyleSheet("color: #666")
        self.keep = QPushButton(qta.icon("fa5s.check", color="#444"), tr(button), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.who)
        layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignRight)

    def show_value(self, value: str, who: str, when: object) -> None:
        self.value.setText(value)
        self.who.setText(tr(f"{who} · {when:%Y-%m-%d %H:%M}"))


class ConflictsDialog(QDialog):
    changed = Signal(object)  # a Changes value after a resolution

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("冲突处理"))
        self.resize(1000, 520)
        self.model = ConflictsModel([], self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.detail = QWidget(self)
        self.title = QLabel(self.detail)
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt")
        self.title.setWordWrap(True)
        hint = QLabel(
            tr("两个节点在互不知情时改了同一处。当前值由时间戳决定，各节点一致；"
               "请核实后选择保留哪一个，选择会作为新的修改同步到各节点。"),
            self.detail,
        )  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        self.shown = _ValueBox("当前值", "保留当前值", self.detail)
        self.other = _ValueBox("另一值", "改用另一值", self.detail)
        self.shown.keep.clicked.connect(lambda: self.on_keep_clicked("winner"))
        self.other.keep.clicked.connect(lambda: self.on_keep_clicked("loser"))
        side = QVBoxLayout(self.detail)
        side.addWidget(self.title)
        side.addWidget(hint)
        side.addWidget(self.shown)
        side.addWidget(self.other)
        side.addStretch(1)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.empty = QLabel(
            tr("没有待处理的冲突。导入其他节点的同步包后，如有冲突会列在这里。"), self
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 11pt")
        self.splitter = splitter
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        self.count = QLabel(self)
        footer.addWidget(self.count, 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(footer)
        self.refresh()

    def refresh(self) -> None:
        rows = conflict_rows(self.store)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.splitter.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.count.setText(tr(f"共 {len(rows)} 条待处理冲突"))
        if rows:
            self.view.selectRow(0)

    def current(self) -> ConflictRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def on_current_changed(self, *_: object) -> None:
        row = self.current()
        self.detail.setEnabled(row is not None)
        if row is None:
            return
        self.title.setText(f"{row.record} — {row.field}")
        self.shown.show_value(row.shown, row.shown_by, row.shown_at)
        self.other.show_value(row.other, row.other_by, row.other_at)
        if row.kind == "delete":
            self.shown.keep.setText(tr("确认删除"))
            self.other.keep.setText(tr("恢复记录并保留修改"))
        else:
            self.shown.keep.setText(tr("保留当前值"))
            self.other.keep.setText(tr("改用另一值"))

    def on_keep_clicked(self, keep: str) -> None:
        row = self.current()
        if row is None:
            return
        self.detail.setEnabled(False)
        run_task(
            lambda _progress: resolve(self.store, row.id, keep),
            parent=self,
            title=tr("正在保存…"),
            on_done=self._on_resolved,
            on_error=self._on_error,
        )

    def _on_resolved(self, changes: object) -> None:
        self.changed.emit(changes)
        self.refresh()

    def _on_error(self, exc: BaseException) -> None:
        from xhdesk.ui.common.messages import show_error

        show_error(self, exc)
        self.refresh()
