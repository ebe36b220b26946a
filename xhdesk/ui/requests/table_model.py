"""The requests table: a :class:`ListingModel` with amber (due soon) and red (overdue) rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from xhdesk.data.core.store import Store
from xhdesk.data.requests.calendar import WorkCalendar, store_calendar
from xhdesk.data.requests.deadlines import DUE_SOON, OVERDUE, deadline_flag
from xhdesk.data.requests.listing import requests_listing
from xhdesk.i18n import tr
from xhdesk.ui.common.table_model import ListingModel

AMBER = QColor("#FFF1C2")
RED = QColor("#FAD4D2")
RED_TEXT = QColor("#9B1016")
STATE_COL = 2  # positions in the row tuple (id first), see ``requests_listing``
DUE_COL = 3


class RequestTableModel(ListingModel):
    def __init__(self, store: Store, today: date, parent: Any = None) -> None:
        super().__init__(store, requests_listing(), parent)
        self.today = today
        self.calendar: WorkCalendar = store_calendar(store)
        self.row_style = self._style

    def set_today(self, today: date) -> None:
        self.today = today
        self.calendar = store_calendar(self.store)

    def flag(self, row: tuple) -> str:
        return deadline_flag(self.calendar, row[DUE_COL], self.today, row[STATE_COL])

    def _style(self, row: tuple) -> tuple[QBrush, QBrush | None] | None:
        flag = self.flag(row)
        if flag == OVERDUE:
            return QBrush(RED), QBrush(RED_TEXT)
        if flag == DUE_SOON:
            return QBrush(AMBER), None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self._row(index.row())
            flag = self.flag(row)
            if flag == OVERDUE:
                days = self.calendar.working_days_between(row[DUE_COL], self.today)
                return tr(f"已超期 {days} 个工作日（应于 {row[DUE_COL]:%Y-%m-%d} 前办结）")
            if flag == DUE_SOON:
                return tr(f"1个工作日内到期（{row[DUE_COL]:%Y-%m-%d}）")
            return None
        return super().data(index, role)

    def flag_of(self, row: int) -> str:
        return self.flag(self._row(row))
