"""组织架构: committees, branches, stations, departments and service kinds — create, rename,
merge and retire, one tab per kind."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.vocab import BRANCH_KINDS, STATION_KINDS
from xhdesk.data.models.base import table_of
from xhdesk.data.network import organisation as org
from xhdesk.data.registry.units import own_place
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import confirm, show_error

HEADERS = {
    "committee": ("代码", "名称", ""),
    "branch": ("代码", "名称", "类型 · 上级党委"),
    "station": ("代码", "名称", "类型 · 上级党委"),
    "department": ("", "名称", ""),
    "service_kind": ("", "名称", "承办部门"),
}


class UnitDialog(QDialog):
    """新建 one unit of ``kind``: its name, code (or the next free one) and what it belongs to."""

    def __init__(self, store: Store, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kind = store, kind
        self.created_id = ""
        self.setWindowTitle(tr(f"新建{org.unit_kind(kind).label}"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        form.addRow(tr("名称"), self.name)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("留空则自动编号"))
        if org.unit_kind(kind).code_field:
            form.addRow(tr("单位代码"), self.code)
        self.kind_box = QComboBox()
        choices = BRANCH_KINDS if kind == "branch" else STATION_KINDS
        for value, text in choices.items():
            self.kind_box.addItem(text, value)
        if kind == "station":
            self.kind_box.setCurrentIndex(self.kind_box.findData("warm_bee"))
        if kind in ("branch", "station"):
            form.addRow(tr("类型"), self.kind_box)
        self.parent_box = QComboBox()
        if kind in ("branch", "station"):
            own = own_place(store) if store.node_role == "committee" else None
            if kind == "station" and own is None:
                self.parent_box.addItem(tr("（不属于行业党委）"), "")
            for unit in org.list_org_units(store, "committee"):
                if own is None or unit.id == own.id:  # a committee adds only below itself
                    self.parent_box.addItem(f"{unit.code} {unit.name}", unit.id)
            form.addRow(tr("上级行业党委"), self.parent_box)
        if kind == "service_kind":
            for unit in org.list_org_units(store, "department"):
                self.parent_box.addItem(unit.name, unit.id)
            form.addRow(tr("承办部门"), self.parent_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name.text(), "code": self.code.text()}
        if self.kind in ("branch", "station"):
            out["kind"] = self.kind_box.currentData()
            out["committee_id"] = self.parent_box.currentData()
        if self.kind == "service_kind":
            out["department_id"] = self.parent_box.currentData()
        return out

    def save(self) -> None:
        try:
            self.created_id = org.create_unit(self.store, self.kind, self.values())
        except XhdeskError as exc:
            show_error(self, exc, tr("无法保存"))
            return
        self.accept()


class _KindPage(QWidget):
    def __init__(self, dialog: OrganisationDialog, kind: str) -> None:
        super().__init__()
        self.dialog, self.kind = dialog, kind
        self.units: list[org.UnitRow] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS[kind]])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if not HEADERS[kind][0]:
            self.table.setColumnHidden(0, True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("new", "新建…"),
            ("rename", "改名…"),
            ("merge", "合并到…"),
            ("retire", "撤销"),
        ):
            button = QPushButton(tr(text))
            button.clicked.connect(getattr(self, key))
            buttons.addWidget(button)
            self.buttons[key] = button
        if dialog.store.node_role not in org.unit_kind(kind).managers:  # shown, not managed here
            for button in self.buttons.values():
                button.setEnabled(False)
                button.setToolTip(tr(f"{org.unit_kind(kind).label}由中心节点管理"))
        buttons.addStretch(1)
        self.count = QLabel()
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.units = org.list_org_units(self.dialog.store, self.kind)
        self.table.setRowCount(len(self.units))
        for row, unit in enumerate(self.units):
            for column, text in enumerate((unit.code, unit.name, unit.detail)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.count.setText(tr(f"共 {len(self.units)} 个{org.unit_kind(self.kind).label}"))

    def selected(self) -> org.UnitRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            show_error(self, tr("请先在列表中选中一行。"))
            return None
        return self.units[rows[0].row()]

    def select_name(self, name: str) -> None:
        """Select the row of the unit named ``name`` (after a change; and for tests)."""
        for row, unit in enumerate(self.units):
            if unit.name == name:
                self.table.selectRow(row)

    def _done(self, changes: Changes | None = None) -> None:
        for page in self.dialog.pages.values():  # a merge moves rows shown on other pages too
            page.reload()
        table = table_of(org.unit_kind(self.kind).model).name
        self.dialog.changed.emit(changes or Changes(updated=Counter({table: 1})))

    def new(self) -> None:
        editor = UnitDialog(self.dialog.store, self.kind, self)
        self.dialog.editor = editor
        editor.accepted.connect(self._done)
        editor.open()

    def rename(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        name, ok = QInputDialog.getText(self, tr("改名"), tr("新名称"), text=unit.name)
        if ok and name.strip() and name.strip() != unit.name:
            self._run(lambda: org.rename_unit(self.dialog.store, self.kind, unit.id, name))
            self.select_name(name.strip())

    def merge(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        others = [u for u in self.units if u.id != unit.id]
        if not others:
            show_error(self, tr("没有可以合并到的其他单位。"))
            return
        labels = [f"{u.code} {u.name}".strip() for u in others]
        text, ok = QInputDialog.getItem(
            self, tr("合并"), tr(f"把「{unit.name}」的全部人员和记录合并到："), labels, 0, False
        )
        if not ok:
            return
        target = others[labels.index(text)]
        question = tr(
            f"确定把「{unit.name}」合并到「{target.name}」？\n"
            f"指向「{unit.name}」的人员、驿站等记录都改为「{target.name}」，然后撤销「{unit.name}」。"
        )
        if confirm(self, question, tr("合并")):
            self._run(lambda: org.merge_units(self.dialog.store, self.kind, unit.id, target.id))

    def retire(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        if confirm(self, tr(f"确定撤销「{unit.name}」？撤销后不再出现在列表中，历史记录保留。")):
            self._run(lambda: org.retire_unit(self.dialog.store, self.kind, unit.id))

    def _run(self, op: Any) -> None:
        try:
            changes = op()
        except XhdeskError as exc:
            show_error(self, exc, tr("无法完成"))
            return
        self._done(changes)


class OrganisationDialog(QDialog):
    """工具 → 组织架构: one tab per unit kind."""

    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.editor: UnitDialog | None = None
        self.setWindowTitle(tr("组织架构"))
        self.tabs = QTabWidget()
        self.pages: dict[str, _KindPage] = {}
        for kind, title in (
            ("committee", "行业党委"),
            ("branch", "党支部"),
            ("station", "驿站"),
            ("department", "职能部门"),
            ("service_kind", "服务事项"),
        ):
            page = _KindPage(self, kind)
            self.pages[kind] = page
            self.tabs.addTab(page, tr(title))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("合并：把一个单位的人员和记录全部并入另一个单位，然后撤销它（一步完成）。"))
        )
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(860, 560)

    def page(self, kind: str) -> _KindPage:
        self.tabs.setCurrentWidget(self.pages[kind])
        return self.pages[kind]
