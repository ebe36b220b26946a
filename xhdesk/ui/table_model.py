"""A thin table model over a :class:`Listing`: count and pages come from SQL on demand.

Only the visible pages are fetched (blocks of ``BLOCK`` rows, a bounded cache), so a table of
100,000 persons opens as fast as one of 100.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from xhdesk.data.listing import Criteria, Listing
from xhdesk.data.store import Store
from xhdesk.ui.formatting import display, is_numeric

IdRole = Qt.ItemDataRole.UserRole + 1
RawRole = Qt.ItemDataRole.UserRole + 2
BLOCK = 200
MAX_BLOCKS = 40

Index = QModelIndex | QPersistentModelIndex


class ListingModel(QAbstractTableModel):
    def __init__(self, store: Store, listing: Listing, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.listing = listing
        self.criteria = Criteria()
        self._count = 0
        self._blocks: OrderedDict[int, list[tuple]] = OrderedDict()
        self.row_style: Any = None  # optional callable(row tuple) -> (background, foreground) or None

    # -- loading -------------------------------------------------------------------------------
    def set_criteria(self, criteria: Criteria) -> None:
        self.beginResetModel()
        self.criteria = criteria
        self._count = self.listing.count(self.store, criteria)
        self._blocks.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.set_criteria(self.criteria)

    def _row(self, row: int) -> tuple:
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self.listing.page(self.store, self.criteria, block * BLOCK, BLOCK)
            self._blocks[block] = rows
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        offset = row - block * BLOCK
        return rows[offset] if offset < len(rows) else ("",) + (None,) * len(self.listing.columns)

    def row_id(self, row: int) -> str:
        return self._row(row)[0]

    def row_values(self, row: int) -> tuple:
        return self._row(row)[1:]

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.listing.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._count):
            return None
        column = self.listing.columns[index.column()]
        row = self._row(index.row())
        value = row[index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if is_numeric(column) else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return row[0]
        if role == RawRole:
            return value
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and self.row_style:
            style = self.row_style(row)
            if style:
                return style[0] if role == Qt.ItemDataRole.BackgroundRole else style[1]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.listing.columns):
                return self.listing.columns[section].title
            return None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.listing.columns)):
            return
        self.criteria.sort_key = self.listing.columns[column].key
        self.criteria.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
