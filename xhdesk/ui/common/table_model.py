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
BLOCK = 50  # two screens: a keystroke reads the first block only
MAX_BLOCKS = 160
KEYS_FIRST = 1_000  # keys read while the person waits: some forty screens
KEYS_HELD = 10_000  # keys read in the background, with the count, for a broad result
COUNT_DELAY_MS = 250
INDEX_DELAY_MS = 800  # after the last change of criteria, the key index is read again if stale

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_STYLED = frozenset({_BACKGROUND, _FOREGROUND})
_SERVED = frozenset({_DISPLAY, _ALIGNMENT, _BACKGROUND, _FOREGROUND, IdRole, RawRole})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


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
        self.refreshing = False  # the listing's key index is being read in the background
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(INDEX_DELAY_MS)
        self._index_timer.timeout.connect(self._refresh_key_index)
        self._blocks: OrderedDict[int, list[tuple]] = OrderedDict()
        self._texts: dict[int, tuple[str, ...]] = {}  # row → its cells as shown
        self._alignments = [_RIGHT if is_numeric(c) else _LEFT for c in listing.columns]
        self.row_style: Any = (
            None  # optional callable(row tuple) -> (background, foreground) or None
        )

    # -- loading -------------------------------------------------------------------------------
    def set_criteria(self, criteria: Criteria) -> None:
        self._loaded = True
        self.beginResetModel()
        self.criteria = criteria
        self._blocks.clear()
        self._texts.clear()
        self._keys = None
        self._generation += 1
        self.counting = False
        self._count = self._count_and_keys(criteria)
        self.endResetModel()
        if self.listing.key_index is not None:
            self._index_timer.start()  # again at each keystroke: read once the desk is idle

    def _count_and_keys(self, criteria: Criteria) -> int:
        """Count the rows and, where it is cheap, hold their keys (rowids) in display order.

        Like Anki's browser, the model holds the keys of one search and reads any page by key: a
        selective search is one pass over the covering index, and its length is the count. For a
        broad one (more than ``KEYS_FIRST`` rows) the first ``KEYS_FIRST`` keys are shown at once;
        the count and the keys up to ``KEYS_HELD`` follow from the background (further rows are
        read page by page in index order). A filter is counted first through its own index, so
        that a small filtered result is sorted.
        """
        if any(v not in (None, "", "all") for v in criteria.filters.values()):
            count = self.listing.count(self.store, criteria)
            if count <= KEYS_HELD:
                self._keys = self.listing.row_keys(self.store, criteria, matched=count)
            return count
        unnarrowed = not criteria.search.strip() and not criteria.deleted
        index = self.listing.key_index
        if unnarrowed and index is not None:  # every live row, in order, if held in memory
            held = index.row_keys(self.store, criteria, None, self.listing)
            if held is not None:
                self._keys = held
                return len(held)
        keys = self.listing.row_keys(self.store, criteria, KEYS_FIRST + 1)
        self._keys = keys[:KEYS_FIRST]
        if len(keys) <= KEYS_FIRST:
            return len(keys)
        if unnarrowed:
            return self.total()  # every live row, counted once; pages past the keys by offset
        self._count_in_background(replace(criteria, filters=dict(criteria.filters)))
        return KEYS_FIRST

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

        def count_and_keys(_progress: object) -> tuple[int, list[int]]:
            return listing.count(store, criteria), listing.row_keys(store, criteria, KEYS_HELD)

        run_task(
            count_and_keys,
            show_progress=False,
            on_done=lambda found: self._on_counted(generation, *found),
            on_error=lambda _exc: self._on_counted(generation, self._count, None),
        )

    def _on_counted(self, generation: int, count: int, keys: list[int] | None) -> None:
        if generation != self._generation:
            return  # the criteria changed meanwhile; that search counts for itself
        self.counting = False
        if keys is not None and len(keys) > len(self._keys or ()):
            self._keys = keys  # the same order, further: pages up to KEYS_HELD are read by key
        if count > self._count:
            self._blocks.clear()  # a block read before may end short, at the old count
            self._texts.clear()
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        self.counted.emit(count)

    def _refresh_key_index(self) -> None:
        """Have the listing's in-memory keys read again in the background, if the file changed.

        Until they are, the same rows come from SQL (slower at 100,000 persons, never different).
        Started once the rows are shown and the desk is idle, so that it never delays them.
        """
        index = self.listing.key_index
        if index is None or self.refreshing or index.is_current(self.store):
            return
        from xhdesk.ui.common.workers import run_task

        self.refreshing = True
        store, listing = self.store, self.listing
        columns = [c.key for c in listing.columns]
        run_task(
            lambda _progress: index.refresh(store, listing, columns),
            show_progress=False,
            on_done=lambda _result: setattr(self, "refreshing", False),
            on_error=lambda _exc: setattr(self, "refreshing", False),
        )

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
                self._texts.clear()  # rarely: a long scroll; the rows shown are formatted again
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
        """Asked some seven times per visible cell on every paint: the role decides first.

        A painted row's texts are kept (``_texts``) until the rows are read again, so that a
        repaint formats nothing.
        """
        if role not in _SERVED or (role in _STYLED and self.row_style is None):
            return None
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        if not index.isValid():
            return None
        row_number, column = index.row(), index.column()
        if not 0 <= row_number < self._count:
            return None
        if role == _DISPLAY:
            texts = self._texts.get(row_number)
            if texts is None:
                texts = self._texts[row_number] = tuple(
                    display(c, v)
                    for c, v in zip(self.listing.columns, self.row_values(row_number), strict=True)
                )
            return texts[column]
        if role == IdRole:
            return self._row(row_number)[0]
        if role == RawRole:
            return self._row(row_number)[column + 1]
        if self.row_style is not None:  # background or foreground
            style = self.row_style(self._row(row_number))
            if style:
                return style[0] if role == _BACKGROUND else style[1]
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
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.listing.columns)):
            return
        self.criteria.sort_key = self.listing.columns[column].key
        self.criteria.descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # the view sorts once while it is being built: no query before the tab's
            self.set_criteria(self.criteria)
