"""同步 → 节点管理 (centre): every node with its place, last package and clock; issue a node file
bound to one place, replace a lost PC, retire a node. Key work runs off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.registry.units import UNIT_KINDS, list_units
from xhdesk.data.sync.nodes import Enrolled, NodeRow, enrol, list_nodes, replace_node, retire_node
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import confirm, show_error
from xhdesk.ui.common.workers import run_task

COLUMNS = ("节点", "角色", "所属单位", "上次收到同步包", "时钟", "状态")
NODE_FILTER = "节点登记文件 (*.xhnode)"


def _passphrase_text(done: Enrolled, path: Path) -> str:
    if done.generated:
        return tr(
            f"已写入登记文件：{path}\n\n口令：{done.passphrase}\n\n"
            "口令只显示这一次，请抄下后当面或电话告诉对方，不要和文件放在一起发送。"
        )
    return tr(f"已写入登记文件：{path}\n\n口令为您输入的口令。")


class IssueDialog(QDialog):
    """签发登记文件: a node bound to one place (a committee, a branch or a station)."""

    issued = Signal(object)  # Enrolled

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.enrolled: Enrolled | None = None
        self.setWindowTitle(tr("签发节点登记文件"))
        self.place = QComboBox()
        for unit in list_units(store):
            self.place.addItem(f"{UNIT_KINDS[unit.kind]}：{unit.code} {unit.name}", unit)
        self.name = QLineEdit()
        self.place.currentIndexChanged.connect(self._suggest_name)
        self.passphrase = QLineEdit()
        self.passphrase.setPlaceholderText(tr("留空则自动生成（只显示一次）"))
        self.out = QLineEdit()
        browse = QPushButton(tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.browse = browse
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(self)
        form.addRow(tr("所属单位"), self.place)
        form.addRow(tr("节点名称"), self.name)
        form.addRow(tr("口令"), self.passphrase)
        form.addRow(tr("保存到"), holder)
        form.addRow(self.result_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("签发"))
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._suggest_name()
        self.setMinimumWidth(520)

    def _suggest_name(self) -> None:
        unit = self.place.currentData()
        if unit is not None:
            self.name.setText(unit.name)

    def _browse(self) -> None:
        start = str(self.store.path.parent / f"{self.name.text().strip() or 'node'}.xhnode")
        name, _ = QFileDialog.getSaveFileName(self, tr("保存节点登记文件"), start, tr(NODE_FILTER))
        if name:
            self.out.setText(name if name.endswith(".xhnode") else name + ".xhnode")

    def issue(self) -> None:
        if self.enrolled is not None:  # the passphrase has been shown: 关闭
            self.accept()
            return
        unit = self.place.currentData()
        if unit is None:
            show_error(
                self,
                tr("还没有可以绑定的单位。请先在「工具 → 组织架构」中新建行业党委、党支部或驿站。"),
            )
            return
        if not self.out.text().strip():
            show_error(self, tr("请选择登记文件的保存位置（点「浏览…」）。"))
            return
        out = Path(self.out.text().strip())
        if out.exists():
            show_error(self, tr(f"文件已存在：{out}。请换一个文件名。"))
            return
        args = (self.name.text(), unit.kind, out, self.passphrase.text() or None, unit.code)
        self.buttons.setEnabled(False)
        self.task = run_task(
            lambda _progress: enrol(self.store, args[0], args[1], args[2], args[3], unit=args[4]),
            parent=self,
            title=tr("正在签发登记文件…"),
            on_done=lambda done: self._issued(done, out),
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, exc, tr("无法签发"))

    def _issued(self, done: Enrolled, out: Path) -> None:
        self.enrolled = done
        self.buttons.setEnabled(True)
        self.result_label.setText(_passphrase_text(done, out))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("关闭"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        for widget in (self.place, self.name, self.passphrase, self.out, self.browse):
            widget.setEnabled(False)
        self.issued.emit(done)


class NodesDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[NodeRow] = []
        self.issue_dialog: IssueDialog | None = None
        self.setWindowTitle(tr("节点管理"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("issue", "签发登记文件…"),
            ("replace", "更换电脑…"),
            ("retire", "停用节点"),
        ):
            button = QPushButton(tr(text))
            button.clicked.connect(getattr(self, key))
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)
        note = QLabel(
            tr(
                "每台电脑一个节点，绑定一个单位（行业党委、党支部或驿站），只能处理本单位的事务。"
                "电脑丢失或损坏：选中它，点「更换电脑」——旧密钥立即吊销，之后用它做的同步包一律拒收。"
            )
        )
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(940, 520)
        self.reload()

    def reload(self) -> None:
        self.rows = list_nodes(self.store)
        self.table.setRowCount(len(self.rows))
        for r, node in enumerate(self.rows):
            values = (
                node.name,
                label(ROLES, node.role),
                f"{node.unit_code} {node.unit_name}".strip(),
                node.last_package_at or "—",
                node.clock,
                node.state_label,
            )
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        active = sum(1 for n in self.rows if n.state == "active")
        self.count.setText(tr(f"共 {len(self.rows)} 个节点，在用 {active} 个"))

    def select_name(self, name: str) -> None:
        for r, node in enumerate(self.rows):
            if node.name == name and node.state == "active":
                self.table.selectRow(r)

    def _selected(self) -> NodeRow | None:
        rows = self.table.selectionModel().selectedRows()
        node = self.rows[rows[0].row()] if rows else None
        if node is None or node.role == "centre" or node.state != "active":
            show_error(self, tr("请先选中一个在用的下级节点（中心节点本身不能更换或停用）。"))
            return None
        return node

    def issue(self) -> None:
        dialog = IssueDialog(self.store, self)
        self.issue_dialog = dialog
        dialog.issued.connect(lambda _done: self.reload())
        dialog.open()

    def replace(self) -> None:
        node = self._selected()
        if node is None:
            return
        question = tr(
            f"为「{node.name}」签发新的登记文件？\n旧电脑的密钥立即吊销，之后用它做的同步包一律拒收。"
        )
        if not confirm(self, question, tr("更换电脑")):
            return
        start = str(self.store.path.parent / f"{node.name}（新）.xhnode")
        name, _ = QFileDialog.getSaveFileName(self, tr("保存新的登记文件"), start, tr(NODE_FILTER))
        if not name:
            return
        out = Path(name)
        self._background(
            lambda: replace_node(self.store, node.id, out), lambda done: self._show(done, out)
        )

    def _show(self, done: Enrolled, out: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, tr("已签发新的登记文件"), _passphrase_text(done, out))

    def retire(self) -> None:
        node = self._selected()
        if node is None:
            return
        if confirm(
            self, tr(f"确定停用「{node.name}」？停用后不再接收它的同步包，已收到的数据保留。")
        ):
            self._background(lambda: retire_node(self.store, node.id), lambda _n: None)

    def _background(self, op: Callable[[], Any], then: Callable[[Any], None]) -> None:
        def done(result: Any) -> None:
            self.reload()
            then(result)

        self.task = run_task(
            lambda _progress: op(),
            parent=self,
            title=tr("正在处理…"),
            on_done=done,
            on_error=lambda exc: show_error(self, exc, tr("无法完成")),
        )
