"""The office table every tab uses: whole-row selection, alternating rows, fixed row height."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QWidget

ROW_HEIGHT = 26


class RowNumbers(QHeaderView):
    """The row numbers (序号) down the left of an office table.

    Qt sizes a header by measuring its first and last hundred sections, which it does again after
    every reset of the model: some 1,000 calls into the model and 200 text measurements on each
    search keystroke. Row numbers grow with the row, so the last one is the widest and the first
    and last sections give the same size. The column keeps the widest size it has had, so that a
    search that narrows 100,000 rows to 12 does not shift the whole table left as one types (and
    lay it out and paint it again).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._widest = 0

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        count = self.count()
        if count == 0:
            return super().sizeHint()
        hint = self.sectionSizeFromContents(0).expandedTo(self.sectionSizeFromContents(count - 1))
        self._widest = max(self._widest, hint.width())
        return QSize(self._widest, hint.height())


def office_table(
    model: QAbstractItemModel,
    parent: QWidget,
    widths: Iterable[int] = (),
    *,
    multi_select: bool = True,
    sort: tuple[int, Qt.SortOrder] | None = None,
) -> QTableView:
    """A sortable table over ``model`` with column ``widths`` and a right-click menu policy."""
    table = QTableView(parent)
    table.setVerticalHeader(RowNumbers(table))
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    rows = table.verticalHeader()
    rows.setDefaultSectionSize(ROW_HEIGHT)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setMinimumWidth(44)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSortIndicatorShown(True)
    for i, width in enumerate(widths):
        table.setColumnWidth(i, width)
    if sort is not None:
        header.setSortIndicator(*sort)
    return table


def empty_hint(table: QTableView) -> QLabel:
    """The "还没有记录…" line over an empty table, kept the viewport's size by a layout.

    A plain child resized by hand was laid out before the viewport had its size (54×0 px, unseen).
    """
    from PySide6.QtWidgets import QVBoxLayout

    label = QLabel(table.viewport())
    label.setProperty("role", "empty")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    layout = QVBoxLayout(table.viewport())
    layout.setContentsMargins(24, 24, 24, 24)
    layout.addWidget(label)
    label.hide()
    return label


class _SearchToTable(QObject):
    """Enter or Down in a search box moves to the table's first (or current) row."""

    def __init__(self, search: QLineEdit, table: QTableView) -> None:
        super().__init__(search)
        self.table = table
        search.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
                self.move_into_table()
                return True
        return super().eventFilter(obj, event)

    def move_into_table(self) -> None:
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        current = self.table.currentIndex()
        if not current.isValid():
            self.table.selectRow(0)


def search_moves_to_table(search: QLineEdit, table: QTableView) -> None:
    """Enter in the search box moves to the first result; Down moves into the table."""
    _SearchToTable(search, table)
