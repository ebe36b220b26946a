"""The 诉求服务 tab: queues, filters, the requests table, the timeline, quick actions, the intake."""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.listing import Criteria
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.requests import catalogue, deadlines, figures
from xhdesk.data.requests.details import request_detail
from xhdesk.data.requests.flow import ALLOWED
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.tab import Tab
from xhdesk.ui.common.tables import empty_hint, office_table, search_moves_to_table
from xhdesk.ui.requests.action_dialog import TITLES, RequestActionDialog
from xhdesk.ui.requests.detail_view import show_request
from xhdesk.ui.requests.filter_bar import FilterBar
from xhdesk.ui.requests.intake_page import IntakePage
from xhdesk.ui.requests.panels import FiguresFooter, QueueList
from xhdesk.ui.requests.table_model import RequestTableModel

log = logging.getLogger(__name__)
REQUEST_TABLES = (
    "service_request",
    "request_event",
    "service_kind",
    "department",
    "station_offering",
    "calendar_day",
    "station",
    "person",
)
ACTIONS = [  # (event kind, icon, toolbar text)
    ("forwarded", "fa5s.share", "转办"),
    ("in_progress", "fa5s.tasks", "办理中"),
    ("resolved", "fa5s.check-circle", "办结"),
    ("return_visit", "fa5s.phone", "回访"),
    ("closed", "fa5s.archive", "关闭"),
    ("withdrawn", "fa5s.undo", "撤回"),
    ("merged", "fa5s.compress-alt", "合并"),
    ("reopened", "fa5s.redo", "重新办理"),
]


class RequestsTab(Tab):
    title = tr("诉求服务")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.today = date.today()
        self.last_dialog: RequestActionDialog | None = None
        self.selected_detail = None
        self._escalate()
        self.model = RequestTableModel(store, self.today, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_list_page())
        self.intake = IntakePage(store, self)
        self.intake.accepted.connect(self._on_intake_accepted)
        self.intake.cancelled.connect(lambda: self.stack.setCurrentIndex(0))
        self.stack.addWidget(self.intake)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._fill_filters()
        self.model.criteria = Criteria(sort_key="due")  # the work queue: most urgent first
        self._restore_settings()
        self.apply_criteria()

    # -- building ------------------------------------------------------------------------------
    def _build_list_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self._build_toolbar(page))
        self.filter_bar = FilterBar(page)
        self.filter_bar.changed.connect(self.apply_criteria)
        self.clear_button = self.filter_bar.clear_button
        self.clear_button.clicked.connect(self.clear_filters)
        layout.addWidget(self.filter_bar)
        self.queues = QueueList(page)
        self.queues.queue_chosen.connect(lambda _k: self.apply_criteria())
        self.table = self._build_table(page)
        self.detail = DetailPane(page)
        self.detail.show_empty(tr("在左侧表格中选择一条诉求，这里显示办理经过。"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, page)
        for widget in (self.queues, self.table, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([150, 820, 360])
        layout.addWidget(self.splitter, 1)
        self.empty_label = empty_hint(self.table)
        search_moves_to_table(self.filter_bar.search_box, self.table)
        self.footer = FiguresFooter(page)
        layout.addWidget(self.footer)
        return page

    def _action(self, icon: str, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(qta.icon(icon, color="#444"), tr(text), self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _build_toolbar(self, parent: QWidget) -> QToolBar:
        bar = QToolBar(parent)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Ctrl+N and Ctrl+P are the window's actions, routed here (a second shortcut is dead).
        self.act_new = self._action("fa5s.concierge-bell", "点单受理", self.action_new)
        self.act_new.setToolTip(tr("点单受理（Ctrl+N）"))
        bar.addAction(self.act_new)
        primary = bar.widgetForAction(self.act_new)
        primary.setStyleSheet("QToolButton { color: #C8161D; font-weight: bold; }")
        bar.addSeparator()
        self.flow_actions: dict[str, QAction] = {}
        for kind, icon, text in ACTIONS:
            action = self._action(icon, text, lambda _c=False, k=kind: self.open_action(k))
            self.flow_actions[kind] = action
            bar.addAction(action)
        bar.addSeparator()
        self.act_print = self._action("fa5s.print", "打印回执", self.action_print)
        self.act_print.setToolTip(tr("打印选中诉求的受理回执（Ctrl+P）"))
        self.act_overdue = self._action("fa5s.list-alt", "超期清单", self.show_overdue)
        self.act_calendar = self._action("fa5s.calendar-alt", "工作日历", self.show_calendar)
        self.act_catalogue = self._action("fa5s.th-list", "服务目录", self.show_catalogue)
        for action in (self.act_print, self.act_overdue, self.act_calendar, self.act_catalogue):
            bar.addAction(action)
        return bar

    def _build_table(self, parent: QWidget) -> QTableView:
        keys = [c.key for c in self.model.listing.columns]
        table = office_table(
            self.model,
            parent,
            [c.width for c in self.model.listing.columns],
            multi_select=False,
            sort=(keys.index("due"), Qt.SortOrder.AscendingOrder),
        )
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.customContextMenuRequested.connect(self._on_context_menu)
        return table

    def _fill_filters(self) -> None:
        self.filter_bar.fill(catalogue.filter_choices(self.store))

    # -- filtering -----------------------------------------------------------------------------
    def criteria(self) -> Criteria:
        until = self.model.calendar.next_working_day(self.today)
        filters = self.filter_bar.values(self.today, until)
        queue = self.queues.current_queue()
        if queue in ("overdue", "due_soon") and "deadline" not in filters:
            filters["deadline"] = (queue, self.today, until)
        elif queue not in ("all", "overdue", "due_soon"):
            filters["queue"] = queue
        return Criteria(
            search=self.filter_bar.search_box.text(),
            filters=filters,
            sort_key=self.model.criteria.sort_key,
            descending=self.model.criteria.descending,
        )

    def apply_criteria(self) -> None:
        current = self.current_id()
        self.model.set_criteria(self.criteria())
        self._update_overview()
        self._update_empty_state()
        if current is None or not self.select_id(current):
            self.show_detail(None)
        self.status_changed.emit(self.status_text())

    def clear_filters(self) -> None:
        self.filter_bar.clear()
        self.queues.blockSignals(True)
        self.queues.select_queue("all")
        self.queues.blockSignals(False)
        self.apply_criteria()

    def _update_overview(self) -> None:
        view = figures.overview(self.store, self.today)
        self.overview = view
        self.queues.set_counts(view.queues)
        self.footer.show_figures(view.figures, view.calendar_label)

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if not empty:
            return
        if self.overview.queues.get("all", 0) == 0:
            text = tr("还没有诉求。群众来到驿站时，点击工具栏上的「点单受理」开始登记。")
        else:
            text = tr("没有符合条件的诉求。可以换个队列或关键词，或点击「清除筛选」。")
        self.empty_label.setText(text)

    # -- selection and detail ------------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_id(index.row())

    def select_id(self, row_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_id(row) == row_id:
                index = self.model.index(row, 0)
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.selectionModel().setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                self.show_detail(row_id)
                return True
        return False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_detail(self.model.row_id(current.row()) if current.isValid() else None)

    def show_detail(self, row_id: str | None) -> None:
        self.selected_detail = None
        if row_id:
            try:
                self.selected_detail = request_detail(self.store, row_id, self.today)
            except XhdeskError:
                self.selected_detail = None
        if self.selected_detail is None:
            self.detail.show_empty(tr("在左侧表格中选择一条诉求，这里显示办理经过。"))
        else:
            show_request(self.detail, self.selected_detail)
        self._update_actions()

    def _update_actions(self) -> None:
        detail = self.selected_detail
        allowed = ALLOWED.get(detail.state or "", ()) if detail is not None else ()
        for kind, action in self.flow_actions.items():
            action.setEnabled(kind in allowed)
        self.act_print.setEnabled(detail is not None)

    def _on_context_menu(self, pos: object) -> None:
        if not self.table.indexAt(pos).isValid():  # type: ignore[arg-type]
            return
        menu = QMenu(self)
        for action in [*self.flow_actions.values(), None, self.act_print]:
            if action is None:
                menu.addSeparator()
            elif action.isEnabled():
                menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    # -- actions -------------------------------------------------------------------------------
    def action_new(self) -> None:
        self.intake.reload()
        self.stack.setCurrentIndex(1)

    def _on_intake_accepted(self, number: str) -> None:
        self.stack.setCurrentIndex(0)
        self.clear_filters()
        changes = Changes()
        changes.inserted["service_request"] += 1
        self.data_changed.emit(changes)
        for row in range(self.model.rowCount()):  # all rows: the new one may be far down the queue
            if self.model.row_values(row)[0] == number:  # the number is the first column
                self.select_id(self.model.row_id(row))
                break
        self.status_changed.emit(tr(f"已受理诉求 {number}，可点击「打印回执」交给群众。"))
        if self.intake.print_after.isChecked():
            self.print_receipt(number)  # the new request's receipt, whatever else was selected

    def open_action(self, kind: str) -> RequestActionDialog | None:
        """Open the quick-action dialog for the selected request (window-modal, not blocking)."""
        if self.selected_detail is None:
            show_error(self, tr("请先在表格中选择一条诉求。"))
            return None
        dialog = RequestActionDialog(self.store, kind, self.selected_detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_action(dialog.changes, kind))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _after_action(self, changes: Changes | None, kind: str) -> None:
        number = self.selected_detail.request.number if self.selected_detail else ""
        self._notify(changes or Changes())
        self.status_changed.emit(tr(f"{number}：已{TITLES[kind]}。"))

    def _notify(self, changes: Changes) -> None:
        self.data_changed.emit(changes)
        self.apply_criteria()

    def action_print(self) -> None:
        if self.selected_detail is None:
            show_error(self, tr("请先选择要打印回执的诉求。"))
            return
        self.print_receipt(self.selected_detail.request.number)

    def print_receipt(self, number: str) -> None:
        """Preview the 受理回执 of request ``number``."""
        try:
            from xhdesk.data.requests import receipt_fields
            from xhdesk.printing.receipt import render_receipt
            from xhdesk.ui.printing.preview import show_preview
        except ImportError:
            show_error(self, tr("本版本尚未安装打印组件。"))
            return
        from xhdesk.data.core.print_settings import print_settings
        from xhdesk.printing.fonts import load_fonts
        from xhdesk.ui.printing.consent import render_with_consent

        try:
            fields = receipt_fields(self.store, number)
            fonts = load_fonts(print_settings(self.store).font)  # the setting, as everywhere
        except XhdeskError as exc:
            show_error(self, exc)
            return
        data = render_with_consent(self, lambda f: render_receipt(fields, f), fonts)
        if data is None:
            return
        show_preview(self, data, tr(f"受理回执 {number}"), f"受理回执_{number}.pdf")

    def show_overdue(self) -> None:
        from xhdesk.ui.requests.overdue_dialog import OverdueDialog

        OverdueDialog(self.store, self.today, self).exec()

    def show_calendar(self) -> None:
        from xhdesk.ui.requests.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.store, self.today.year, self)
        dialog.exec()
        if dialog.changed:
            self.model.set_today(self.today)
            self._notify(dialog.changed)

    def show_catalogue(self) -> None:
        from xhdesk.ui.requests.catalogue_dialog import CatalogueDialog

        dialog = CatalogueDialog(self.store, self)
        dialog.exec()
        if dialog.saved:
            self.refresh()
            changes = Changes()
            changes.updated["service_kind"] += 1
            self.data_changed.emit(changes)

    # -- Tab -----------------------------------------------------------------------------------
    def _escalate(self) -> None:
        """Record escalations of requests that passed their due date (when the tab opens)."""
        try:
            deadlines.check_escalations(self.store, self.today)
        except (XhdeskError, sa.exc.OperationalError):
            log.warning("escalation check skipped", exc_info=True)  # the next refresh retries

    def refresh(self) -> None:
        self.today = date.today()
        self._escalate()
        self.model.set_today(self.today)
        self._fill_filters()
        self.intake.reload()
        self.apply_criteria()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*REQUEST_TABLES) or not changes:
            self.refresh()

    def focus_search(self) -> None:
        self.filter_bar.search_box.setFocus()
        self.filter_bar.search_box.selectAll()

    def status_text(self) -> str:
        view = getattr(self, "overview", None)
        if view is None:
            return ""
        total, shown = view.queues.get("all", 0), self.model.rowCount()
        text = tr(f"共 {total:,} 件诉求")
        if shown != total:
            text += tr(f" · 筛选出 {shown:,} 件")
        return text + tr(
            f" · 在办 {view.queues.get('open', 0):,} 件 · 超期 {view.figures.overdue:,} 件"
        )

    # -- remembered between runs ---------------------------------------------------------------
    def save_settings(self) -> None:
        s = QSettings("xhdesk", "xhdesk")
        s.setValue("tabs/requests/splitter", self.splitter.saveState())
        s.setValue("tabs/requests/header", self.table.horizontalHeader().saveState())
        s.setValue("tabs/requests/queue", self.queues.current_queue())

    def _restore_settings(self) -> None:
        s = QSettings("xhdesk", "xhdesk")
        splitter = s.value("tabs/requests/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = s.value("tabs/requests/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            section = self.table.horizontalHeader().sortIndicatorSection()
            if 0 <= section < len(self.model.listing.columns):
                self.model.criteria.sort_key = self.model.listing.columns[section].key
                self.model.criteria.descending = (
                    self.table.horizontalHeader().sortIndicatorOrder()
                    == Qt.SortOrder.DescendingOrder
                )
        queue = s.value("tabs/requests/queue")
        if queue:
            self.queues.blockSignals(True)
            self.queues.select_queue(str(queue))
            self.queues.blockSignals(False)
