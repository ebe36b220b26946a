"""操作日志: the audit trail with filters (user, dates, data type, record), paged in SQL, and an
export to Excel off the UI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.users import audit
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.tables import office_table
from xhdesk.ui.common.workers import run_task

HEADERS = ["时间", "操作人", "节点", "操作", "数据类别", "内容"]
PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    """The filtered trail: the count from SQL, rows fetched a page at a time as the view scrolls."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = audit.AuditFilter()
        self.total = 0
        self.rows: list[audit.AuditRow] = []

    def set_filter(self, flt: audit.AuditFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self.total = audit.count_entries(self.store, flt)
        self.rows = audit.list_entries(self.store, flt, 0, PAGE)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = audit.list_entries(self.store, self.filter, len(self.rows), PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        values = (f"{r.when:%Y-%m-%d %H:%M}", r.author, r.node, r.action, r.table, r.summary)
        return values[index.column()]


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AuditDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, row_id: str = "") -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("操作日志"))
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.author = QComboBox()
        self.author.addItem(tr("全部人员"), "")
        for name in audit.authors(store):
            self.author.addItem(name, name)
        self.table_kind = QComboBox()
        self.table_kind.addItem(tr("全部类别"), "")
        for code, text in audit.tables(store):
            self.table_kind.addItem(tr(text), code)
        today = date.today()
        self.date_from = _date_edit(today.replace(month=1, day=1))
        self.date_to = _date_edit(today)
        self.record = QLineEdit(row_id)
        self.record.setPlaceholderText(tr("记录编号（可选）"))
        for caption, widget in (
            ("操作人", self.author),
            ("类别", self.table_kind),
            ("从", self.date_from),
            ("到", self.date_to),
            ("记录", self.record),
        ):
            bar.addWidget(QLabel(tr(caption)))
            bar.addWidget(widget)
        search = QPushButton(tr("查询"))
        search.setDefault(True)
        search.clicked.connect(self.apply_filter)
        bar.addWidget(search)
        export = QPushButton(tr("导出Excel"))
        export.clicked.connect(self.on_export_clicked)
        bar.addWidget(export)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = AuditModel(store, self)
        self.view: QTableView = office_table(
            self.model, self, (130, 150, 130, 50, 90), multi_select=False
        )
        self.view.setSortingEnabled(False)  # newest first, as the trail is read
        layout.addWidget(self.view, 1)
        self.count = QLabel("")
        layout.addWidget(self.count)
        for combo in (self.author, self.table_kind):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.apply_filter()

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            author=str(self.author.currentData() or ""),
            table=str(self.table_kind.currentData() or ""),
            row_id=self.record.text().strip(),
            date_from=self.date_from.date().toPython(),  # type: ignore[arg-type]
            date_to=self.date_to.date().toPython(),  # type: ignore[arg-type]
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.count.setText(tr(f"共 {self.model.total:,} 条操作记录"))

    def on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出操作日志"), str(Path.home() / "操作日志.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):  # noqa: ANN201 — the background Task
        flt, store = self.current_filter(), self.store
        return run_task(
            lambda _progress: audit.export_entries(store, flt, path),
            parent=self,
            title=tr("正在导出操作日志…"),
            on_done=lambda n: inform(self, tr(f"已导出 {n:,} 条操作记录到 {path}")),
            on_error=lambda exc: show_error(self, exc),
        )
