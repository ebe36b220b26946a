"""The office table every tab uses: whole-row selection, alternating rows, fixed row height."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ROW_HEIGHT = 26


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
