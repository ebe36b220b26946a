"""The activity list as a table model: rows from one query, sorted in Python (≤ 500 rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from xhdesk.data.activities.plans import ActivityRow
from xhdesk.data.activities.vocab import KINDS
from xhdesk.i18n import tr

IdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("编号", lambda r: r.number),
    ("活动名称", lambda r: r.title),
    ("类型", lambda r: KINDS.get(r.kind, r.kind)),
    ("组织单位", lambda r: r.organiser),
    ("地点", lambda r: r.place),
    ("开始时间", lambda r: r.starts_at.strftime("%Y-%m-%d %H:%M")),
    ("报名", lambda r: r.signups),
    ("签到", lambda r: r.attendees),
    ("上限", lambda r: r.capacity if r.capacity is not None else ""),
    ("状态", lambda r: r.state_label),
)
WIDTHS = (118, 160, 64, 130, 140, 122, 44, 44, 44, 56)
NUMERIC = {6, 7, 8}


class ActivityModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ActivityRow] = []

    def set_rows(self, rows: list[ActivityRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = COLUMNS[index.column()][1](row)
            return f"{value:,}" if isinstance(value, int) else value
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(
            key=lambda r: (str(type(key(r))), key(r)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    def row_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None
