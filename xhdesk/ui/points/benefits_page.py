"""The benefits page: the 惠民服务 catalogue with this year's places, redemptions, and redeeming."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.points import balance, list_benefits, list_redemptions, redeem
from xhdesk.data.points.benefits import usage
from xhdesk.data.points.vocab import BENEFIT_CATEGORIES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.workers import run_task
from xhdesk.ui.points.model import fmt_points
from xhdesk.ui.points.person_picker import PersonPicker

CATALOGUE_COLUMNS = (tr("服务名称"), tr("类别"), tr("提供单位"), tr("所需积分"), tr("本年名额"))
REDEMPTION_COLUMNS = (tr("兑换单号"), tr("日期"), tr("姓名"), tr("服务"), tr("积分"), tr("经办"))


def _table(columns: tuple[str, ...], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: Any, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class RedeemDialog(QDialog):
    """Pick a person (balance shown) and a benefit; the service refuses what is not allowed."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.changes: Changes | None = None
        self.setWindowTitle(tr("积分兑换惠民服务"))
        self.resize(640, 420)
        layout = QHBoxLayout(self)
        self.picker = PersonPicker(store, multi=False, parent=self)
        layout.addWidget(self.picker, 1)
        form = QFormLayout()
        self.balance = QLabel(tr("请先在左侧选择兑换人"), self)
        form.addRow(tr("可用积分"), self.balance)
        self.benefit = QComboBox(self)
        for b in list_benefits(store, active_only=True):
            self.benefit.addItem(f"{b.name}（{b.cost:g}分）", b.id)
        form.addRow(tr("惠民服务"), self.benefit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("确认兑换"))
        self.ok.setProperty("primary", True)
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        layout.addLayout(form, 1)
        self.picker.selection_changed.connect(self._on_person)

    def _on_person(self) -> None:
        ids = self.picker.selected_ids()
        if ids:
            self.balance.setText(f"{fmt_points(balance(self.store, ids[0]))} {tr('分')}")
        self.ok.setEnabled(bool(ids) and self.benefit.count() > 0)

    def submit(self) -> None:
        person, benefit, store = (
            self.picker.selected_ids()[0],
            self.benefit.currentData(),
            self.store,
        )
        self.ok.setEnabled(False)
        run_task(
            lambda _p: redeem(store, person, benefit),
            parent=self,
            title=tr("正在兑换…"),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, changes: Changes) -> None:
        self.changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from xhdesk.ui.common.messages import show_error

        self.ok.setEnabled(True)
        show_error(self, exc)


class BenefitsPage(QWidget):
    status_changed = Signal(str)
    data_changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.act_redeem = QAction(qta.icon("fa5s.gift", color="#444"), tr("兑换"), self)
        self.act_redeem.triggered.connect(self.redeem)
        bar.addAction(self.act_redeem)
        layout.addWidget(bar)
        self.catalogue = _table(CATALOGUE_COLUMNS, self)
        self.redemptions = _table(REDEMPTION_COLUMNS, self)
        for table, widths in (
            (self.catalogue, (240, 70, 190, 70)),
            (self.redemptions, (140, 90, 70, 220, 60)),
        ):
            for i, width in enumerate(widths):
                table.setColumnWidth(i, width)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for caption, table in (
            (tr("惠民服务目录"), self.catalogue),
            (tr("兑换记录"), self.redemptions),
        ):
            box = QWidget(self)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            title = QLabel(caption, box)
            title.setStyleSheet("font-weight: bold;")
            inner.addWidget(title)
            inner.addWidget(table)
            splitter.addWidget(box)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        year = date.today().year
        used = usage(self.store, year)
        benefits = list_benefits(self.store)
        self.catalogue.setRowCount(len(benefits))
        for r, b in enumerate(benefits):
            quota = (
                tr("不限") if b.yearly_quota is None else f"{used.get(b.id, 0)} / {b.yearly_quota}"
            )
            values = (
                b.name,
                BENEFIT_CATEGORIES.get(b.category, b.category),
                b.provider,
                f"{b.cost:g}",
                quota,
            )
            for c, value in enumerate(values):
                self.catalogue.setItem(r, c, _cell(value, right=c in (3, 4)))
        lines = list_redemptions(self.store, year=year)
        self.redemptions.setRowCount(len(lines))
        for r, ln in enumerate(lines):
            values = (
                ln.number,
                ln.redeemed_on.isoformat(),
                ln.person_name,
                ln.benefit_name,
                fmt_points(ln.points),
                ln.operator,
            )
            for c, value in enumerate(values):
                self.redemptions.setItem(r, c, _cell(value, right=c == 4))
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return tr(
            f"惠民服务 {self.catalogue.rowCount()} 项 · 本年兑换 {self.redemptions.rowCount():,} 次"
        )

    def redeem(self) -> None:
        dialog = RedeemDialog(self.store, self)
        if dialog.exec() and dialog.changes:
            self.refresh()
            self.data_changed.emit(dialog.changes)
