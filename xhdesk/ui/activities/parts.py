"""Pieces the programme pages share: a read-only rows model, a page frame, a person search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_id_number
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.tables import empty_hint, office_table

Index = QModelIndex | QPersistentModelIndex
W = TypeVar("W", bound=QWidget)
AMBER = QColor("#FFF4D6")
RED = QColor("#FBE3E4")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


class RowsModel(QAbstractTableModel):
    """Rows of plain values (the first of each row is its id, not shown); numbers right-aligned."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = [tr(h) for h in headers]
        self.rows: list[Sequence[Any]] = []
        self.colours: list[QColor | None] = []

    def set_rows(
        self, rows: Sequence[Sequence[Any]], colours: Sequence[QColor | None] = ()
    ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.colours = list(colours) or [None] * len(self.rows)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        self.beginResetModel()
        self.headers = [tr(h) for h in headers]
        self.rows, self.colours = [], []
        self.endResetModel()

    def row_id(self, row: int) -> str:
        return str(self.rows[row][0])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.headers[section] if 0 <= section < len(self.headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column() + 1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.colours[index.row()] if index.row() < len(self.colours) else None
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        pairs = list(zip(self.rows, self.colours, strict=True))

        def key(pair: tuple[Sequence[Any], QColor | None]) -> tuple[int, Any]:
            value = pair[0][column + 1]
            return (0, value) if value is not None else (1, "")

        try:
            pairs.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:
            pairs.sort(
                key=lambda p: cell_text(p[0][column + 1]),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self.layoutAboutToBeChanged.emit()
        self.rows = [r for r, _ in pairs]
        self.colours = [c for _, c in pairs]
        self.layoutChanged.emit()


class Page(QWidget):
    """A toolbar of text buttons, a table (with its empty hint), a detail pane, a status line."""

    def __init__(
        self,
        store: Store,
        headers: Sequence[str],
        widths: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.model = RowsModel(headers, self)
        self.toolbar = QHBoxLayout()
        self.toolbar.setSpacing(6)
        self.table: QTableView = office_table(self.model, self, widths, multi_select=False)
        self.hint = empty_hint(self.table)
        self.detail = DetailPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 380])
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.on_row_selected(current.row())
        )

    def add_button(
        self, text: str, slot: Callable[[], None], *, primary: bool = False
    ) -> QPushButton:
        button = QPushButton(tr(text), self)
        if primary:
            button.setProperty("primary", True)
        button.clicked.connect(slot)
        self.toolbar.addWidget(button)
        return button

    def end_toolbar(self) -> None:
        self.toolbar.addStretch(1)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def show_rows(
        self, rows: Sequence[Sequence[Any]], empty: str, colours: Sequence[QColor | None] = ()
    ) -> None:
        keep = self.current_id()
        self.model.set_rows(rows, colours)
        self.hint.setText(tr(empty))
        self.hint.setVisible(not rows)
        for i, row in enumerate(self.model.rows):
            if str(row[0]) == keep:
                self.table.selectRow(i)
                break
        else:
            self.detail.show_empty("在左侧表格中选择一条记录，这里显示详细信息。")

    def on_row_selected(self, row: int) -> None:  # subclasses show the record
        pass


class PersonSearch(QWidget):
    """The one search (name, pinyin, initials, phone, ID number) with a result list to pick from."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, members_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.members_only = members_only
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(tr("姓名/拼音/首字母/手机号/身份证号"))
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        self.edit.textChanged.connect(self.search)

    def search(self, text: str) -> None:
        from xhdesk.data.registry.search import match_persons

        self.results.clear()
        if not text.strip():
            return
        found = match_persons(self.store, text, limit=30, members_only=self.members_only)
        for person in found.persons:
            label = f"{person.name}　{mask_id_number(person.id_number)}　{person.station or ''}"
            item = QListWidgetItem(label, self.results)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
        if self.results.count():
            self.results.setCurrentRow(0)

    def person_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class SimpleDialog(QDialog):
    """A small form: rows of (label, widget); 保存 runs ``save`` and stays open on an error.

    Each subclass defines ``save()``, which writes through a service and returns what it made.
    """

    save: Callable[[], Any]

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(title))
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setProperty("primary", True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.result_value: Any = None

    def add_row(self, label: str, widget: W) -> W:
        self.form.addRow(tr(label), widget)
        return widget

    def on_ok_clicked(self) -> None:
        try:
            self.result_value = self.save()
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.accept()


def qdate(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
