"""The filter row of the requests tab: search, station, kind, department, urgency, overdue, dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data.requests.vocab import URGENCIES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta

CAPTIONS = {"station": "驿站", "kind": "服务事项", "department": "承办部门", "urgency": "紧急程度"}


class FilterBar(QWidget):
    """Emits ``changed`` whenever a filter changes (the search debounced by 150 ms)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two lines, so that the tab fits a 1366-pixel screen (and 125 % scaling) with room.
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(3)
        row, second = QHBoxLayout(), QHBoxLayout()
        row.setSpacing(6)
        second.setSpacing(6)
        lines.addLayout(row)
        lines.addLayout(second)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(tr("编号/姓名/手机号/内容"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(
            qta.icon("fa5s.search", color="#888"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_box.setFixedWidth(190)
        self._debounced = qdebounced(self.changed.emit, timeout=150)
        self.search_box.textChanged.connect(lambda _t: self._debounced())
        row.addWidget(self.search_box)
        self.combos: dict[str, QComboBox] = {}
        for key, caption in CAPTIONS.items():
            combo = QComboBox(self)
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMaximumWidth(170 if key == "station" else 130)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.combos[key] = combo
            row.addWidget(QLabel(tr(caption), self))
            row.addWidget(combo)
        self.overdue_only = QCheckBox(tr("仅看超期"), self)
        self.overdue_only.toggled.connect(lambda _on: self.changed.emit())
        row.addStretch(1)
        second.addWidget(self.overdue_only)
        self.date_filter = QCheckBox(tr("受理日期"), self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, value in (
            (self.date_from, QDate.currentDate().addMonths(-1)),
            (self.date_to, QDate.currentDate()),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(value)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_filter.toggled.connect(self._on_date_filter_toggled)
        second.addWidget(self.date_filter)
        second.addWidget(self.date_from)
        second.addWidget(QLabel("—", self))
        second.addWidget(self.date_to)
        second.addStretch(1)
        self.clear_button = QPushButton(tr("清除筛选"), self)
        second.addWidget(self.clear_button)

    def fill(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        """(value, label) options per filter; keeps the current choice where it still exists."""
        choices = {**choices, "urgency": list(URGENCIES.items())}
        for key, combo in self.combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("全部"), "all")
            for value, text in choices.get(key, []):
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _on_date_filter_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def values(self, today: date, due_soon_until: date) -> dict[str, object]:
        filters: dict[str, object] = {k: c.currentData() for k, c in self.combos.items()}
        if self.overdue_only.isChecked():
            filters["deadline"] = ("overdue", today, due_soon_until)
        if self.date_filter.isChecked():
            filters["date_from"] = self.date_from.date().toPython()
            filters["date_to"] = self.date_to.date().toPython()
        return filters

    def clear(self) -> None:
        """Back to no filter at all, without emitting ``changed`` (the caller reloads once)."""
        widgets = [*self.combos.values(), self.overdue_only, self.date_filter, self.search_box]
        for widget in widgets:
            widget.blockSignals(True)
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        self.overdue_only.setChecked(False)
        self.date_filter.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search_box.clear()
        for widget in widgets:
            widget.blockSignals(False)
