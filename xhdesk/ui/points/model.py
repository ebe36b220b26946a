"""Table model over the filtered declarations: count from SQL, rows fetched a page at a time."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from xhdesk.data.core.store import Store
from xhdesk.data.points.queries import (
    DeclarationFilter,
    DeclarationRow,
    count_declarations,
    list_declarations,
)
from xhdesk.data.points.vocab import CATEGORIES, KINDS, STATES, UNITS
from xhdesk.i18n import tr

IdRole = Qt.ItemDataRole.UserRole + 1
BLOCK = 200
MAX_BLOCKS = 20
Index = QModelIndex | QPersistentModelIndex

# (title, sort key in SQL, width)
COLUMNS = [
    (tr("申报编号"), "number", 128),
    (tr("姓名"), "name_pinyin", 64),
    (tr("状态"), "state", 84),
    (tr("党支部"), "branch", 140),
    (tr("类别"), "category", 64),
    (tr("细则"), "title", 176),
    (tr("数量"), "quantity", 56),
    (tr("分值"), "points", 48),
    (tr("事项日期"), "deed_date", 84),
]
KEYS = [key for _title, key, _width in COLUMNS]
RIGHT = {KEYS.index("quantity"), KEYS.index("points")}
STATE_COLUMN, RULE_COLUMN, DATE_COLUMN = (
    KEYS.index("state"),
    KEYS.index("title"),
    KEYS.index("deed_date"),
)
STATE_COLOURS = {
    "returned": QColor("#9a6700"),
    "objected": QColor("#C8161D"),
    "rejected": QColor("#8a8a8a"),
    "effective": QColor("#1a7f37"),
}


def fmt_points(value: float) -> str:
    return f"{value:+g}" if value < 0 else f"{value:g}"


class DeclarationModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = DeclarationFilter()
        self.order, self.descending = "deed_date", True
        self._count = 0
        self._blocks: OrderedDict[int, list[DeclarationRow]] = OrderedDict()

    def set_filter(self, flt: DeclarationFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self._count = count_declarations(self.store, flt)
        self._blocks.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def row(self, row: int) -> DeclarationRow | None:
        if not 0 <= row < self._count:
            return None
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = list_declarations(
                self.store,
                self.filter,
                order=self.order,
                descending=self.descending,
                offset=block * BLOCK,
                limit=BLOCK,
            )
            self._blocks[block] = rows
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        offset = row - block * BLOCK
        return rows[offset] if offset < len(rows) else None

    def row_id(self, row: int) -> str | None:
        item = self.row(row)
        return item.id if item else None

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row(index.row())
        if item is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = col in RIGHT
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE_COLUMN:
            return STATE_COLOURS.get(item.state)
        if role == Qt.ItemDataRole.ToolTipRole and col == RULE_COLUMN:
            return f"{item.rule_title}（{KINDS.get(item.kind, item.kind)}）"
        if role == IdRole:
            return item.id
        return None

    @staticmethod
    def _display(item: DeclarationRow, col: int) -> str:
        unit = UNITS.get(item.unit, item.unit)
        values = {
            "number": item.number,
            "name_pinyin": item.person_name,
            "state": STATES.get(item.state, item.state),
            "branch": item.branch,
            "category": CATEGORIES.get(item.category, item.category),
            "title": item.rule_title,
            "quantity": f"{item.quantity:g} {unit}",
            "points": fmt_points(item.points),
            "deed_date": item.deed_date.isoformat(),
        }
        return values[KEYS[col]]

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.order = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(replace(self.filter))
