"""The table of a selection's candidates (a few dozen rows at most, read in one service call)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from xhdesk.data.awards import Candidate
from xhdesk.i18n import tr

COLUMNS = ("结果", "姓名", "职业", "工作单位 / 支部", "年度积分", "推荐理由", "推荐人")
WINNER_COLOUR = QColor("#C8161D")
Index = QModelIndex | QPersistentModelIndex


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Candidate] = []

    def set_rows(self, rows: list[Candidate]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                tr("当选") if row.winner else tr("候选"),
                row.name,
                row.occupation,
                row.unit,
                f"{row.points:,.1f}".rstrip("0").rstrip("."),
                row.reason,
                row.nominated_by,
            )
            return values[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return row.reason
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and row.winner:
            return WINNER_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def candidate(self, row: int) -> Candidate:
        return self.rows[row]
