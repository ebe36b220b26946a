"""The review queue: this node's work with counts per state, filters, batch steps, detail pane."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from tempfile import gettempdir
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data import points
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.points import STEP_ROLES
from xhdesk.data.points.declarations import attachment_data
from xhdesk.data.points.people import organisation_options
from xhdesk.data.points.queries import QUEUE_STATES, DeclarationFilter, state_counts
from xhdesk.data.points.scope import node_scope
from xhdesk.data.points.vocab import CATEGORIES, STATES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.tables import office_table, search_moves_to_table
from xhdesk.ui.common.workers import run_task
from xhdesk.ui.points.declare_dialog import DeclareDialog
from xhdesk.ui.points.detail import DeclarationPane
from xhdesk.ui.points.model import COLUMNS, DATE_COLUMN, DeclarationModel
from xhdesk.ui.points.steps import SINGLE, STEPS, Step, prepare_step

NO_DATE = QDate(2000, 1, 1)


class EmptyState(QWidget):
    """What to do next when the list is empty: a sentence and one button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color: #6b6b6b; font-size: 11pt;")
        layout.addWidget(self.label)
        self.button = QPushButton(self)
        self.button.setProperty("primary", True)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self._slot: Callable[[], None] | None = None
        self.button.clicked.connect(lambda _c=False: self._slot and self._slot())

    def show_state(self, text: str, button: str, slot: Callable[[], None]) -> None:
        self.label.setText(text)
        self.button.setText(button)
        self._slot = slot

    def text(self) -> str:
        return self.label.text()


class ReviewPage(QWidget):
    status_changed = Signal(str)
    data_changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.scope = node_scope(store)
        self.model = DeclarationModel(store, self)
        self.step_actions: dict[str, QAction] = {}
        self.view = "queue"  # "queue", "all" or a state code
        self.counts: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._build_toolbar())
        layout.addLayout(self._build_state_bar())
        layout.addLayout(self._build_filters())
        self.table = self._build_table()
        search_moves_to_table(self.search, self.table)
        self.detail = DeclarationPane(store, self)
        self.detail.attachment_clicked.connect(self.open_attachment)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([930, 340])
        layout.addWidget(self.splitter, 1)
        self.empty = EmptyState(self.table.viewport())
        self.empty.hide()
        self.apply_filter()

    # -- building ------------------------------------------------------------------------------
    def _action(self, icon: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(qta.icon(icon, color="#444"), tr(text), self)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.act_declare = self._action("fa5s.plus", "申报", lambda: self.declare())
        self.act_declare.setToolTip(tr("申报积分（Ctrl+N）"))  # the window's shortcut, routed here
        self.act_batch = self._action("fa5s.users", "批量申报", lambda: self.declare(batch=True))
        bar.addAction(self.act_declare)
        bar.addAction(self.act_batch)
        bar.addSeparator()
        for step in STEPS:
            if self.store.node_role in STEP_ROLES[step.event]:
                action = self._action(step.icon, step.text, lambda _c=False, s=step: self.take(s))
                self.step_actions[step.key] = action
        acts = self.step_actions
        for key in ("approve", "return", None, "confirm", "reject", "notice", None):
            if key is None:
                bar.addSeparator()
            elif key in acts:
                bar.addAction(acts[key])
        if "confirm_value" in acts and "confirm" in acts:
            button = bar.widgetForAction(acts["confirm"])
            if isinstance(button, QToolButton):
                menu = QMenu(button)
                menu.addAction(acts["confirm_value"])
                button.setMenu(menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        objection = [acts[k] for k in ("objection", "uphold", "dismiss") if k in acts]
        if objection:
            button = QToolButton(bar)
            button.setText(tr("异议处理"))
            button.setIcon(qta.icon("fa5s.comment-dots", color="#444"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            for action in objection:
                menu.addAction(action)
            button.setMenu(menu)
            bar.addWidget(button)
        if "resubmit" in acts:
            bar.addAction(acts["resubmit"])
        bar.addSeparator()
        self.act_refresh = self._action("fa5s.sync-alt", "刷新", self.refresh)
        self.act_refresh.setToolTip(tr("刷新（F5）"))
        bar.addAction(self.act_refresh)
        return bar

    def _build_state_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.state_group = QButtonGroup(self)
        self.state_group.setExclusive(True)
        self.state_buttons: dict[str, QPushButton] = {}
        for key in ("queue", *STATES, "all"):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setFlat(True)
            button.setStyleSheet(
                "QPushButton { padding: 3px 10px; border: 1px solid #dcdcdc; border-radius: 3px; }"
                "QPushButton:checked { border-color: #C8161D; color: #C8161D; font-weight: bold; }"
            )
            button.clicked.connect(lambda _c=False, k=key: self.set_view(k))
            self.state_group.addButton(button)
            self.state_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.state_buttons["queue"].setChecked(True)
        return row

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        committees, branches = organisation_options(self.store)
        self.committee = self._combo(committees)
        self.branch = self._combo(branches)
        self.category = self._combo(list(CATEGORIES.items()))
        self.date_from, self.date_to = self._date_edit(), self._date_edit()
        for caption, widget in (
            ("行业党委", self.committee),
            ("党支部", self.branch),
            ("类别", self.category),
            ("事项日期", self.date_from),
            ("至", self.date_to),
        ):
            row.addWidget(QLabel(tr(caption), self))
            row.addWidget(widget)
        self._preset_scope()
        row.addStretch(1)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("姓名/拼音/申报编号"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.addAction(
            qta.icon("fa5s.search", color="#888"), QLineEdit.ActionPosition.LeadingPosition
        )
        debounced = qdebounced(self.apply_filter, timeout=150)
        self.search.textChanged.connect(lambda _t: debounced())
        row.addWidget(self.search)
        clear = QPushButton(tr("清除筛选"), self)
        clear.clicked.connect(self.clear_filters)
        row.addWidget(clear)
        return row

    def _combo(self, options: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(tr("全部"), None)
        for value, text in options:
            combo.addItem(text, value)
        combo.setMaximumWidth(190)
        # long branch names may shrink: the row must fit a 1366-pixel screen
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return combo

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(tr("不限"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self.apply_filter())
        return edit

    def _preset_scope(self) -> None:
        """A branch node starts on its branch, a committee node on its committee."""
        for combo, value in (
            (self.committee, self.scope.committee_id),
            (self.branch, self.scope.branch_id),
        ):
            index = combo.findData(value) if value else -1
            if index >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)

    def _build_table(self) -> QTableView:
        table = office_table(
            self.model,
            self,
            [width for _t, _k, width in COLUMNS],
            sort=(DATE_COLUMN, Qt.SortOrder.DescendingOrder),
        )
        table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        table.customContextMenuRequested.connect(self._on_context_menu)
        return table

    # -- filtering -----------------------------------------------------------------------------
    def current_filter(self) -> DeclarationFilter:
        if self.view == "queue":
            states = QUEUE_STATES.get(self.store.node_role, ())
        elif self.view == "all":
            states = ()
        else:
            states = (self.view,)

        def day(edit: QDateEdit) -> date | None:
            qd = edit.date()
            return None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())

        return DeclarationFilter(
            states=states,
            committee_id=self.committee.currentData(),
            branch_id=self.branch.currentData(),
            category=self.category.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            text=self.search.text(),
        )

    def set_view(self, key: str) -> None:
        self.view = key
        self.state_buttons[key].setChecked(True)
        self.apply_filter()

    def apply_filter(self) -> None:
        keep = self.selected_ids()
        flt = self.current_filter()
        self.model.set_filter(flt)
        self._update_counts(flt)
        self._update_empty()
        if keep:
            self.select_ids(keep)
        self._on_selection()
        self.status_changed.emit(self.status_text())

    def _update_counts(self, flt: DeclarationFilter) -> None:
        counts = state_counts(self.store, flt)
        queue = sum(counts[s] for s in QUEUE_STATES.get(self.store.node_role, ()))
        self.state_buttons["queue"].setText(tr(f"我的待办 {queue}"))
        for state, label in STATES.items():
            self.state_buttons[state].setText(f"{tr(label)} {counts[state]}")
        self.state_buttons["all"].setText(tr(f"全部 {sum(counts.values())}"))
        self.counts = counts

    def clear_filters(self) -> None:
        for combo in (self.committee, self.branch, self.category):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        if not empty:
            return
        flt = self.model.filter
        filtered = any(
            (
                flt.text.strip(),
                flt.committee_id not in (None, self.scope.committee_id),
                flt.branch_id not in (None, self.scope.branch_id),
                flt.category,
                flt.date_from,
                flt.date_to,
            )
        )
        if self.view == "queue" and not filtered:
            text = tr("暂无待办的积分申报。可以录入新的申报，或查看「全部」。")
            self.empty.show_state(text, tr("申报"), lambda: self.declare())
        else:
            text = tr("没有符合条件的申报。可以换个条件，或清除筛选。")
            self.empty.show_state(text, tr("清除筛选"), self.clear_filters)
        self.empty.resize(self.table.viewport().size())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.empty.isVisible():
            self.empty.resize(self.table.viewport().size())

    def status_text(self) -> str:
        total = sum(self.counts.values())
        return tr(f"共 {total:,} 条积分申报 · 当前列表 {self.model.rowCount():,} 条")

    # -- selection -----------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[str]:
        return [rid for r in self.selected_rows() if (rid := self.model.row_id(r))]

    def selected_states(self) -> set[str]:
        return {row.state for r in self.selected_rows() if (row := self.model.row(r))}

    def select_ids(self, ids: list[str]) -> None:
        wanted, selection = set(ids), self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(min(self.model.rowCount(), 2000)):
            if self.model.row_id(row) in wanted:
                selection.select(self.model.index(row, 0), flags)

    def _on_selection(self) -> None:
        ids, states = self.selected_ids(), self.selected_states()
        for step in STEPS:
            action = self.step_actions.get(step.key)
            if action is None:
                continue
            single = step.key in SINGLE
            ok = bool(ids) and states <= set(step.states) and (len(ids) == 1 or not single)
            action.setEnabled(ok)
        self.detail.show_declaration(ids[0] if len(ids) == 1 else None)
        if len(ids) > 1:
            self.detail.show_empty(tr(f"已选择 {len(ids)} 条申报，可在工具栏上一并办理。"))

    def _on_context_menu(self, pos: Any) -> None:
        if not self.table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        for action in self.step_actions.values():
            if action.isEnabled():
                menu.addAction(action)
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- actions -------------------------------------------------------------------------------
    def declare(self, batch: bool = False) -> None:
        dialog = DeclareDialog(self.store, batch=batch, parent=self)
        if dialog.exec() and dialog.changes:
            self._after_write(dialog.changes)

    def take(self, step: Step) -> None:
        ids = self.selected_ids()
        first = self.model.row(self.selected_rows()[0]) if ids else None
        work = prepare_step(self, self.store, step, ids, first)
        if work is None:
            return
        run_task(
            lambda _p: work(),
            parent=self,
            title=tr(f"正在办理：{step.text}…"),
            on_done=lambda ch: self._after_write(ch, tr(f"已办理「{step.text}」{len(ids)} 条")),
        )

    def _after_write(self, changes: Changes, done: str = "") -> None:
        self.apply_filter()
        self.data_changed.emit(changes)
        if done:
            self.status_changed.emit(f"{done} · {self.status_text()}")

    def settle(self) -> None:
        """Committee and centre nodes make due notices effective whenever the queue refreshes."""
        if self.store.node_role not in ("committee", "centre"):
            return
        store = self.store
        run_task(
            lambda _p: points.settle_due(store),
            parent=None,
            show_progress=False,
            on_done=lambda ch: ch and self._after_write(ch),
            on_error=lambda exc: show_error(self, exc),
        )

    def refresh(self) -> None:
        self.apply_filter()
        self.settle()

    def export(self) -> None:
        """The list as shown (filters, state) to an Excel file, in the background."""
        from PySide6.QtWidgets import QFileDialog

        from xhdesk.data.points.export import export_declarations

        name = f"积分申报-{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("导出Excel"), name, "Excel (*.xlsx)")
        if not path:
            return
        store, flt = self.store, self.model.filter

        def work(progress: Any) -> int:
            return export_declarations(store, flt, path, lambda d, t: progress.report(d, t))

        run_task(
            work,
            parent=self,
            title=tr("正在导出Excel…"),
            on_done=lambda n: inform(self, tr(f"已导出 {n:,} 条申报到 {path}")),
        )

    def open_attachment(self, attachment_id: str) -> None:
        try:
            name, _mime, data = attachment_data(self.store, attachment_id)
            target = Path(gettempdir()) / "xhdesk-evidence" / f"{attachment_id[:8]}-{name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            show_error(self, tr(f"无法打开附件：{exc.strerror or exc}"))
            return
        except Exception as exc:  # noqa: BLE001 — shown in words
            show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
