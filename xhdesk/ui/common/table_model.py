"""A thin table model over a :class:`Listing`: count and pages come from SQL on demand.

Only the visible pages are fetched (blocks of ``BLOCK`` rows, a bounded cache), so a table of
100,000 persons opens as fast as one of 100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from xhdesk.data.core.listing import Criteria, Listing, is_numeric
from xhdesk.data.core.listing import display_value as display
from xhdesk.data.core.store import Store

IdRole = Qt.ItemDataRole.UserRole + 1
RawRole = Qt.ItemDataRole.UserRole + 2
BLOCK = 200
MAX_BLOCKS = 40
KEYS_HELD = 10_000
COUNT_DELAY_MS = 250

Index = QModelIndex | QPersistentModelIndex


class ListingModel(QAbstractTableModel):
    counted = Signal(int)  # a broad result's full count arrived from the background

    def __init__(self, store: Store, listing: Listing, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.listing = listing
        self.criteria = Criteria()
        self._count = 0
        self._total: int | None = None
        self._totals: dict[str, int] = {}
        self._keys: list[int] | None = None  # rowids in display order (the first KEYS_HELD)
        self._generation = 0  # bumped by each new search, so a late background count is ignored
        self.counting = False  # True while a broad result is being counted in the background
        self._loaded = False
        self._blocks: OrderedDict[int, list[tuple]] = OrderedDict()
        self.row_style: Any = (
            None  # optional callable(row tuple) -> (background, foreground) or None
        )

    # -- loading -------------------------------------------------------------------------------
    def set_criteria(self, criteria: Criteria) -> None:
        self._loaded = True
        self.beginResetModel()
        self.criteria = criteria
        self._blocks.clear()
        self._keys = None
        self._generation += 1
        self.counting = False
        self._count = self._count_and_keys(criteria)
        self.endResetModel()

    def _count_and_keys(self, criteria: Criteria) -> int:
        """Count the rows and, where it is cheap, hold their keys (rowids) in display order.

        Like Anki's browser, the model holds the keys of one search and reads any page by key: a
        selective search is one pass over the covering index, and its length is the count. For a
        broad one (more than ``KEYS_HELD`` rows) the first ``KEYS_HELD`` keys are shown at once,
        the rest is counted in the background and read page by page in index order. A filter is
        counted first through its own index, so that a small filtered result is sorted.
        """
        if any(v not in (None, "", "all") for v in criteria.filters.values()):
            count = self.listing.count(self.store, criteria)
            if count <= KEYS_HELD:
                self._keys = self.listing.row_keys(self.store, criteria, matched=count)
            return count
        keys = self.listing.row_keys(self.store, criteria, KEYS_HELD + 1)
        self._keys = keys[:KEYS_HELD]
        if len(keys) <= KEYS_HELD:
            return len(keys)
        self._count_in_background(replace(criteria, filters=dict(criteria.filters)))
        return KEYS_HELD

    def _count_in_background(self, criteria: Criteria) -> None:
        """Count after a short pause, so that typing on does not start a count per keystroke."""
        self.counting = True
        generation = self._generation
        QTimer.singleShot(COUNT_DELAY_MS, self, lambda: self._start_count(generation, criteria))

    def _start_count(self, generation: int, criteria: Criteria) -> None:
        from xhdesk.ui.common.workers import run_task

        if generation != self._generation:
            return
        store, listing = self.store, self.listing
        run_task(
            lambda _progress: listing.count(store, criteria),
            show_progress=False,
            on_done=lambda count: self._on_counted(generation, count),
            on_error=lambda _exc: self._on_counted(generation, self._count),
        )

    def _on_counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return  # the criteria changed meanwhile; that search counts for itself
        self.counting = False
        if count > self._count:
            self._blocks.clear()  # a block read before may end short, at the old count
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        self.counted.emit(count)

    def reload(self) -> None:
        """Re-read after a write: the count, the pages and the total may all have changed."""
        self.forget_total()
        self.set_criteria(self.criteria)

    def forget_total(self) -> None:
        self._total = None
        self._totals.clear()

    def cached_total(self, key: str, count: Callable[[], int]) -> int:
        """A figure that, like the total, only a write changes (e.g. the party members)."""
        if key not in self._totals:
            self._totals[key] = count()
        return self._totals[key]

    def total(self) -> int:
        """All live rows whatever the criteria; cached, since only a write changes it."""
        if self._total is None:
            self._total = self.listing.total(self.store)
        return self._total

    def _row(self, row: int) -> tuple:
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            start = block * BLOCK
            keys = self._keys
            if keys is not None and (start + BLOCK <= len(keys) or len(keys) == self._count):
                rows = self.listing.rows_for(self.store, keys[start : start + BLOCK])
            else:
                rows = self.listing.page(self.store, self.criteria, start, BLOCK, self._count)
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
            horizontal = (
                Qt.AlignmentFlag.AlignRight if is_numeric(column) else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return row[0]
        if role == RawRole:
            return value
        if (
            role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
            and self.row_style
        ):
            style = self.row_style(row)
            if style:
                return style[0] if role == Qt.ItemDataRole.BackgroundRole else style[1]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
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
        if self._loaded:  # the view sorts once while it is being built: no query before the tab's
            self.set_criteria(self.criteria)
