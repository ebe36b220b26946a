"""未落实清单: which enterprise lacks which role (or visit); double-click opens its file."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.overview.coverage import Shortfall
from xhdesk.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole


class ShortfallPanel(QGroupBox):
    """The shortfalls of one period; ``enterprise_opened`` carries the id double-clicked."""

    enterprise_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("未落实清单（哪家企业缺少什么）"), parent)
        self.note = QLabel(self)
        self.note.setProperty("role", "muted")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([tr("企业"), tr("缺少"), tr("涉及承诺")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 260)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(150)
        self.table.setMaximumHeight(220)
        self.table.cellDoubleClicked.connect(self._on_cell_double_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)

    def show_shortfalls(self, rows: Sequence[Shortfall], period_label: str) -> None:
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            for c, text in enumerate((s.enterprise, s.lacks_text, s.promises_text)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, s.enterprise_id)
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(rows))
        if rows:
            self.note.setText(
                tr(f"{period_label}共有 {len(rows)} 家企业未全部落实，双击可打开企业档案补充。")
            )
        else:
            self.note.setText(
                tr(
                    f"{period_label}各企业均已明确分管领导、职能科室人员、专职党务工作者，"
                    "且指导员均已上门走访。"
                )
            )

    def _on_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.enterprise_opened.emit(item.data(ID_ROLE))
