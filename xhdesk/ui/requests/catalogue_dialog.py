"""The catalogue editor (centre only): the service kinds and the departments behind them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.requests import catalogue
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error


class CatalogueDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.saved = False
        self.editable = store.node_role == "centre"
        self.setWindowTitle(tr("服务事项目录"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        hint = QLabel(
            tr("修改后点击「保存」。办结时限按工作日计算，只影响此后受理的诉求。")
            if self.editable
            else tr("服务事项目录由中心节点统一维护，同步后自动更新。"),
            self,
        )
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.kinds, self.departments = catalogue.catalogue_overview(store)
        tabs = QTabWidget(self)
        tabs.addTab(self._kinds_table(), tr(f"服务事项（{len(self.kinds)}项）"))
        tabs.addTab(self._departments_table(), tr(f"职能部门（{len(self.departments)}个）"))
        layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.editable)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _table(self, headers: list[str], rows: int) -> QTableWidget:
        table = QTableWidget(rows, len(headers), self)
        table.setHorizontalHeaderLabels([tr(h) for h in headers])
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        if not self.editable:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return table

    def _kinds_table(self) -> QTableWidget:
        self.kind_table = self._table(
            ["服务事项", "默认承办部门", "时限(工作日)", "说明"], len(self.kinds)
        )
        for row, kind in enumerate(self.kinds):
            self.kind_table.setItem(row, 0, QTableWidgetItem(kind.name))
            dept = QComboBox(self.kind_table)
            for d in self.departments:
                dept.addItem(d.name, d.id)
            dept.setCurrentIndex(max(dept.findData(kind.department_id), 0))
            dept.setEnabled(self.editable)
            self.kind_table.setCellWidget(row, 1, dept)
            limit = QSpinBox(self.kind_table)
            limit.setRange(1, 60)
            limit.setValue(kind.time_limit_days)
            limit.setEnabled(self.editable)
            self.kind_table.setCellWidget(row, 2, limit)
            self.kind_table.setItem(row, 3, QTableWidgetItem(kind.description))
        self.kind_table.setColumnWidth(0, 170)
        self.kind_table.setColumnWidth(1, 130)
        return self.kind_table

    def _departments_table(self) -> QTableWidget:
        self.dept_table = self._table(
            ["部门名称", "联系人/科室", "联系电话"], len(self.departments)
        )
        for row, dept in enumerate(self.departments):
            for col, value in enumerate((dept.name, dept.contact, dept.phone)):
                self.dept_table.setItem(row, col, QTableWidgetItem(value))
        self.dept_table.setColumnWidth(0, 160)
        self.dept_table.setColumnWidth(1, 200)
        return self.dept_table

    def save(self) -> None:
        """Write the rows that differ from what was loaded (each edit is one change-log entry)."""
        try:
            for row, kind in enumerate(self.kinds):
                values = {
                    "name": self.kind_table.item(row, 0).text(),
                    "department_id": self.kind_table.cellWidget(row, 1).currentData(),
                    "time_limit_days": self.kind_table.cellWidget(row, 2).value(),
                    "description": self.kind_table.item(row, 3).text(),
                }
                if any(getattr(kind, k) != v for k, v in values.items()):
                    catalogue.save_kind(self.store, values, kind.id)
                    self.saved = True
            for row, dept in enumerate(self.departments):
                values = {
                    k: self.dept_table.item(row, col).text()
                    for col, k in enumerate(("name", "contact", "phone"))
                }
                if any(getattr(dept, k) != v for k, v in values.items()):
                    catalogue.save_department(self.store, values, dept.id)
                    self.saved = True
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.accept()
