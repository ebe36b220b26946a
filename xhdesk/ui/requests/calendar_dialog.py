"""The working-day calendar editor: holidays and make-up working days, and CSV import."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.vocab import label
from xhdesk.data.requests import calendar as cal
from xhdesk.data.requests.vocab import CALENDAR_KINDS, CALENDAR_SOURCES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import confirm, inform, show_error

WEEKDAYS = "一二三四五六日"


class CalendarDialog(QDialog):
    def __init__(self, store: Store, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.changed = Changes()
        self.setWindowTitle(tr("工作日历（节假日与调休）"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.caption = QLabel(self)
        self.caption.setProperty("role", "heading")
        self.year = QSpinBox(self)
        self.year.setRange(2020, 2099)
        self.year.setValue(year)
        self.year.setSuffix(tr(" 年"))
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(self.caption, 1)
        top.addWidget(self.year)
        layout.addLayout(top)
        hint = QLabel(
            tr("周六、周日默认休息。这里只登记法定节假日和调休上班日；办结时限按工作日计算。"), self
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [tr(t) for t in ("日期", "星期", "类型", "名称", "来源")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selected)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_editor())
        self.reload()

    def _build_editor(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.kind = QComboBox(self)
        for code, text in CALENDAR_KINDS.items():
            self.kind.addItem(tr(text), code)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("名称，如 国庆节 / 国庆节调休上班"))
        save = QPushButton(qta.icon("fa5s.save", color="#444"), tr("保存该日"), self)
        save.clicked.connect(self.save_day)
        remove = QPushButton(qta.icon("fa5s.trash-alt", color="#444"), tr("删除"), self)
        remove.clicked.connect(self.remove_day)
        import_button = QPushButton(
            qta.icon("fa5s.file-import", color="#444"), tr("导入CSV…"), self
        )
        import_button.clicked.connect(self.import_csv)
        self.editors = [self.day, self.kind, self.name, save, remove, import_button]
        for widget in self.editors:
            row.addWidget(widget)
        if self.store.node_role != "centre":
            for widget in self.editors:
                widget.setEnabled(False)
                widget.setToolTip(tr("工作日历由中心节点统一维护，同步后自动更新。"))
        return row

    def reload(self) -> None:
        caption, rows = cal.calendar_overview(self.store, self.year.value())
        self.caption.setText(caption)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            values = (
                row.day.isoformat(),
                tr(f"周{WEEKDAYS[row.day.weekday()]}"),
                label(CALENDAR_KINDS, row.kind),
                row.name,
                label(CALENDAR_SOURCES, row.source),
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 2 and row.kind == "workday":
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        if not rows:
            self.caption.setText(caption + tr(f" · {self.year.value()}年尚未登记，可导入CSV"))

    def _on_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        row = items[0].row()
        self.day.setDate(QDate.fromString(self.table.item(row, 0).text(), "yyyy-MM-dd"))
        self.kind.setCurrentIndex(self.kind.findText(self.table.item(row, 2).text()))
        self.name.setText(self.table.item(row, 3).text())

    def _day(self) -> date:
        return self.day.date().toPython()

    def _write(self, action: object) -> None:
        try:
            changes = action()  # type: ignore[operator]
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.changed = changes
        self.reload()

    def save_day(self) -> None:
        self._write(
            lambda: cal.set_calendar_day(
                self.store, self._day(), self.kind.currentData(), self.name.text()
            )
        )

    def remove_day(self) -> None:
        day = self._day()
        if confirm(self, tr(f"确定从日历中删除 {day.isoformat()}？该日将按普通工作日/周末计算。")):
            self._write(lambda: cal.remove_calendar_day(self.store, day))

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("导入节假日安排"), "", tr("CSV 文件 (*.csv);;所有文件 (*)")
        )
        if not path:
            return
        self._write(lambda: cal.import_calendar_csv(self.store, path))
        if self.changed:
            inform(
                self,
                tr(
                    f"导入完成：新增或更新 {sum(self.changed.inserted.values()) + sum(self.changed.updated.values())} 个日期。"
                ),
            )
