"""The 待办 table: one row per person in the pipeline, red when overdue and amber when due soon."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from xhdesk.data.development.queries import TodoRow
from xhdesk.data.development.vocab import FLAGS
from xhdesk.i18n import tr

AMBER = QColor("#FFF1C2")
RED = QColor("#FAD4D2")
RED_TEXT = QColor("#9B1016")
COLUMNS = ["姓名", "党支部", "发展阶段", "待办事项", "可办理日期", "最迟日期", "状态", "其他待办"]
WIDTHS = [80, 150, 96, 170, 92, 92, 76]
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class TodoModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TodoRow] = []

    def set_rows(self, rows: list[TodoRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def cell(self, row: TodoRow, column: int) -> str:
        return [
            row.name,
            row.branch,
            row.stage_label,
            row.step,
            _day(row.earliest),
            _day(row.latest),
            FLAGS.get(row.flag, ""),
            row.also,
        ][column]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == PERSON_ID_ROLE:
            return row.person_id
        if role == Qt.ItemDataRole.BackgroundRole and row.flag:
            return QBrush(RED if row.flag == "overdue" else AMBER)
        if role == Qt.ItemDataRole.ForegroundRole and row.flag == "overdue":
            return QBrush(RED_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and row.latest:
            return tr(f"{row.step}：应于 {row.latest.isoformat()} 前办理")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(
            key=lambda r: self.cell(r, column), reverse=order == Qt.SortOrder.DescendingOrder
        )
        self.layoutChanged.emit()
