"""The rule catalogue (积分细则) and the notice period: read everywhere, edited by the centre."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.points import PointRule
from xhdesk.data.points import add_rule, list_rules, notice_days, update_rule
from xhdesk.data.points.settings import set_centre_setting, set_local_setting
from xhdesk.data.points.vocab import CATEGORIES, KINDS, UNITS
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.points.model import fmt_points

COLUMNS = (
    tr("编号"),
    tr("类别"),
    tr("分类"),
    tr("细则"),
    tr("分值"),
    tr("每月上限"),
    tr("每年上限"),
    tr("适用年度"),
)


def _cap(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


class RuleDialog(QDialog):
    """Add or edit one rule; a cap of 0 means no cap."""

    def __init__(self, rule: PointRule | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("编辑积分细则") if rule else tr("新增积分细则"))
        form = QFormLayout(self)
        self.code, self.title = QLineEdit(self), QLineEdit(self)
        self.category, self.kind, self.unit = QComboBox(self), QComboBox(self), QComboBox(self)
        for combo, vocab in ((self.category, CATEGORIES), (self.kind, KINDS), (self.unit, UNITS)):
            for code, text in vocab.items():
                combo.addItem(text, code)
        self.points = QDoubleSpinBox(self)
        self.points.setRange(-100, 100)
        self.points.setDecimals(1)
        self.points.setSingleStep(0.5)
        self.monthly, self.yearly = QDoubleSpinBox(self), QDoubleSpinBox(self)
        for spin in (self.monthly, self.yearly):
            spin.setRange(0, 1000)
            spin.setSpecialValueText(tr("不设上限"))
        self.valid_from = QSpinBox(self)
        self.valid_from.setRange(2015, 2100)
        self.valid_from.setValue(2024)
        rows = (
            ("编号", self.code),
            ("细则名称", self.title),
            ("积分类别", self.category),
            ("分类", self.kind),
            ("分值（扣分填负数）", self.points),
            ("计分单位", self.unit),
            ("每月上限", self.monthly),
            ("每年上限", self.yearly),
            ("起始年度", self.valid_from),
        )
        for caption, widget in rows:
            form.addRow(tr(caption), widget)
        if rule is not None:
            self._load(rule)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _load(self, rule: PointRule) -> None:
        self.code.setText(rule.code)
        self.title.setText(rule.title)
        for combo, value in (
            (self.category, rule.category),
            (self.kind, rule.kind),
            (self.unit, rule.unit),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.points.setValue(rule.points)
        self.monthly.setValue(rule.monthly_cap or 0)
        self.yearly.setValue(rule.yearly_cap or 0)
        self.valid_from.setValue(rule.valid_from)

    def values(self) -> dict[str, Any]:
        return {
            "code": self.code.text(),
            "title": self.title.text(),
            "category": self.category.currentData(),
            "kind": self.kind.currentData(),
            "unit": self.unit.currentData(),
            "points": self.points.value(),
            "monthly_cap": self.monthly.value() or None,
            "yearly_cap": self.yearly.value() or None,
            "valid_from": self.valid_from.value(),
        }


class RulesPage(QWidget):
    status_changed = Signal(str)
    data_changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rules: list[PointRule] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        centre = store.node_role == "centre"
        if centre:
            for icon, text, slot in (
                ("fa5s.plus", "新增细则", self.add),
                ("fa5s.pen", "编辑细则", self.edit),
            ):
                action = QAction(qta.icon(icon, color="#444"), tr(text), self)
                action.triggered.connect(lambda _c=False, s=slot: s())
                bar.addAction(action)
            bar.addSeparator()
        bar.addWidget(QLabel(tr(" 公示天数 "), self))
        self.days = QSpinBox(self)
        self.days.setRange(1, 30)
        self.days.setSuffix(tr(" 天"))
        bar.addWidget(self.days)
        save = QAction(
            qta.icon("fa5s.save", color="#444"),
            tr("设为全市统一") if centre else tr("本节点使用"),
            self,
        )
        save.triggered.connect(lambda _c=False: self.save_days())
        bar.addAction(save)
        layout.addWidget(bar)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((70, 80, 70, 340, 80, 80, 80)):
            self.table.setColumnWidth(i, width)
        if centre:
            self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.rules = list_rules(self.store)
        self.days.setValue(notice_days(self.store))
        self.table.setRowCount(len(self.rules))
        for r, rule in enumerate(self.rules):
            unit = UNITS.get(rule.unit, rule.unit)
            years = f"{rule.valid_from}—{rule.valid_to or ''}"
            values = (
                rule.code,
                CATEGORIES.get(rule.category, rule.category),
                KINDS.get(rule.kind, rule.kind),
                rule.title,
                f"{fmt_points(rule.points)}/{unit}",
                _cap(rule.monthly_cap),
                _cap(rule.yearly_cap),
                years,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (4, 5, 6):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return tr(f"积分细则 {len(self.rules)} 条 · 公示期 {notice_days(self.store)} 天")

    def add(self) -> None:
        dialog = RuleDialog(None, self)
        if dialog.exec():
            self._write(lambda: add_rule(self.store, dialog.values()))

    def edit(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rules):
            return
        rule = self.rules[row]
        dialog = RuleDialog(rule, self)
        if dialog.exec():
            self._write(lambda: update_rule(self.store, rule.id, dialog.values()))

    def save_days(self) -> None:
        value = str(self.days.value())
        if self.store.node_role == "centre":
            self._write(lambda: set_centre_setting(self.store, "notice_days", value))
        else:
            self._write(lambda: set_local_setting(self.store, "notice_days", value))

    def _write(self, fn: Any) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 — shown in words (XhdeskError) or logged
            show_error(self, exc)
            return
        self.refresh()
        if isinstance(result, Changes) and result:
            self.data_changed.emit(result)
