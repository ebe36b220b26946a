"""A registry tab: toolbar, search, filter row, SQL-backed table and a detail pane in a splitter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data.core.listing import Criteria, Listing
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.list_actions import RecordActions
from xhdesk.ui.common.tab import Tab
from xhdesk.ui.common.table_model import BLOCK, ListingModel
from xhdesk.ui.common.tables import empty_hint, office_table, search_moves_to_table

Options = list[tuple[str, str]]
FILTERS_PER_ROW = 5


@dataclass
class FilterSpec:
    key: str
    label: str
    options: Callable[[], Options]  # (value, label); loaded when the tab is built or refreshed
    default: str = "all"


class ListTab(RecordActions, Tab):
    """Subclasses set ``listing``, ``noun`` and ``filter_specs()`` and fill ``show_detail``."""

    listing: Listing
    noun = "条记录"
    search_hint = "搜索…"
    settings_key = "list"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.model = ListingModel(store, self.listing, self)
        self.model.counted.connect(lambda _n: self._emit_status())
        self.filters: dict[str, QComboBox] = {}
        self._captions: dict[str, str] = {}
        self.last_preview: QDialog | None = None
        self._build()
        self._restore_settings()
        self.apply_criteria()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self._build_toolbar())
        layout.addLayout(self._build_filter_row())
        self.table = self._build_table()
        self.detail = DetailPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 340])
        layout.addWidget(self.splitter, 1)
        self.empty_label = empty_hint(self.table)
        search_moves_to_table(self.search_box, self.table)

    def _action(
        self,
        icon: str,
        text: str,
        slot: Callable[[], None],
        shortcut: QKeySequence | str | None = None,
    ) -> QAction:
        action = QAction(qta.icon(icon, color="#444"), tr(text), self)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Ctrl+N and Ctrl+F belong to the window (its 编辑 menu forwards them to the current tab);
        # a second action with the same key here would make the shortcut ambiguous and dead.
        self.act_new = self._action("fa5s.plus", "新增", self.action_new)
        self.act_new.setToolTip(tr("新增（Ctrl+N）"))
        self.act_edit = self._action("fa5s.pen", "编辑", self.action_edit)
        self.act_edit.setToolTip(tr("编辑选中的记录（回车或双击）"))
        # Delete, Ctrl+P and F5 likewise: the window's actions, routed to the current tab.
        self.act_delete = self._action("fa5s.trash-alt", "删除", self.action_delete)
        self.act_delete.setToolTip(tr("删除选中的记录（Delete）"))
        self.act_export = self._action("fa5s.file-excel", "导出Excel", self.action_export)
        self.act_print = self._action("fa5s.print", "打印", self.action_print)
        self.act_print.setToolTip(tr("打印（Ctrl+P）"))
        for act in (self.act_new, self.act_edit, self.act_delete):
            bar.addAction(act)
        bar.addSeparator()
        for act in (self.act_export, self.act_print):
            bar.addAction(act)
        self.extend_toolbar(bar)
        spacer = QWidget(bar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        bar.addWidget(spacer)
        self.search_box = QLineEdit(bar)
        self.search_box.setPlaceholderText(tr(self.search_hint))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(
            qta.icon("fa5s.search", color="#888"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_box.setMinimumWidth(260)
        self._debounced_search = qdebounced(self.apply_criteria, timeout=150)
        self.search_box.textChanged.connect(lambda _text: self._debounced_search())
        bar.addWidget(self.search_box)
        return bar

    def extend_toolbar(self, bar: QToolBar) -> None:
        """Subclasses add their own actions after the standard ones."""

    def filter_specs(self) -> list[FilterSpec]:
        return []

    def _build_filter_row(self) -> QGridLayout:
        """Filters in rows of at most ``FILTERS_PER_ROW`` so the tab fits a 1280-pixel screen."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for i, spec in enumerate(self.filter_specs()):
            row, col = divmod(i, FILTERS_PER_ROW)
            caption = QLabel(tr(spec.label))
            self._captions[spec.key] = tr(spec.label)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, col * 2)
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(7)
            combo.setMaximumWidth(190)
            self._fill_combo(combo, spec)
            combo.currentIndexChanged.connect(lambda _i: self.apply_criteria())
            self.filters[spec.key] = combo
            grid.addWidget(combo, row, col * 2 + 1)
        last = FILTERS_PER_ROW * 2
        grid.setColumnStretch(last, 1)
        self.recycle_toggle = QPushButton(
            qta.icon("fa5s.recycle", color="#444"), tr("回收站"), self
        )
        self.recycle_toggle.setCheckable(True)
        self.recycle_toggle.toggled.connect(self._on_recycle_toggled)
        grid.addWidget(self.recycle_toggle, 0, last + 1)
        clear = QPushButton(tr("清除筛选"), self)
        clear.clicked.connect(self.clear_filters)
        grid.addWidget(clear, 0, last + 2)
        return grid

    def _fill_combo(self, combo: QComboBox, spec: FilterSpec) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("全部"), "all")
        for value, text in spec.options():
            combo.addItem(text, value)
        index = combo.findData(current if current is not None else spec.default)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _build_table(self) -> QTableView:
        keys = [c.key for c in self.listing.columns]
        sort = (
            (keys.index(self.listing.default_sort), Qt.SortOrder.AscendingOrder)
            if self.listing.default_sort
            else None
        )
        table = office_table(self.model, self, [c.width for c in self.listing.columns], sort=sort)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.doubleClicked.connect(lambda _i: self.action_edit())
        table.customContextMenuRequested.connect(self._on_context_menu)
        table.installEventFilter(self)
        return table

    # -- behaviour -----------------------------------------------------------------------------
    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802 (Qt override)
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            obj is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.action_edit()
                return True
            if event.key() == Qt.Key.Key_Delete:  # a tab shown outside the window
                self.action_delete()
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        from PySide6.QtGui import QKeyEvent

        if (
            isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search_box.text()
        ):
            self.search_box.clear()
            return
        super().keyPressEvent(event)

    def criteria(self) -> Criteria:
        return Criteria(
            search=self.search_box.text(),
            filters={key: combo.currentData() for key, combo in self.filters.items()},
            sort_key=self.model.criteria.sort_key,
            descending=self.model.criteria.descending,
            deleted=self.recycle_toggle.isChecked(),
        )

    def apply_criteria(self) -> None:
        current = self.selected_ids()[:1]
        self.model.set_criteria(self.criteria())
        self._update_empty_state()
        self._emit_status()
        # Keep the selection if the row is on the first page (the page painted anyway); looking
        # further would read more pages on every keystroke.
        if not (current and self.select_id(current[0], within=BLOCK)):
            self.show_detail(None)

    def clear_filters(self) -> None:
        for spec in self.filter_specs():
            combo = self.filters[spec.key]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(spec.default), 0))
            combo.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.recycle_toggle.setChecked(False)
        self.apply_criteria()

    def refresh(self) -> None:
        for spec in self.filter_specs():
            self._fill_combo(self.filters[spec.key], spec)
        self.model.forget_total()
        self.apply_criteria()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_id(r) for r in rows]

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            ids = self.selected_ids()
            return ids[0] if ids else None
        return self.model.row_id(index.row())

    def select_id(self, row_id: str, within: int = 2000) -> bool:
        """Select the row with ``row_id`` if it is among the first ``within`` rows."""
        for row in range(min(self.model.rowCount(), within)):
            if self.model.row_id(row) == row_id:
                index = self.model.index(row, 0)
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.selectionModel().setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                return True
        return False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_detail(self.model.row_id(current.row()) if current.isValid() else None)

    def show_detail(self, row_id: str | None) -> None:
        """Fill the detail pane for ``row_id`` (None: nothing selected)."""

    def context_actions(self) -> list[QAction | None]:
        return [self.act_edit, self.act_delete, None, self.act_print]

    def _on_context_menu(self, pos: object) -> None:
        if not self.table.indexAt(pos).isValid():  # type: ignore[arg-type]
            return
        menu = QMenu(self)
        for action in self.context_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def empty_text(self) -> str:
        if self.recycle_toggle.isChecked():
            return tr("回收站是空的。删除的记录会出现在这里，可随时恢复。")
        if self.search_box.text() or any(
            c.currentData() not in (None, "all") for c in self.filters.values()
        ):
            return tr("没有符合条件的记录。可以换个关键词，或点击「清除筛选」。")
        return tr("还没有记录。点击工具栏上的「新增」添加第一条。")

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(self.empty_text())

    def status_text(self) -> str:
        total = self.model.total()
        shown = self.model.rowCount()
        if self.model.counting:
            shown_text = tr(f"{shown:,}+ {self.noun}（正在计数…）")
        else:
            shown_text = tr(f"{shown:,} {self.noun}")
        if self.recycle_toggle.isChecked():
            return tr("回收站：") + shown_text
        text = tr(f"共 {total:,} {self.noun}") + self.total_detail()
        if shown != total or self.model.counting:
            text += tr(" · 筛选出 ") + shown_text
        return text

    def total_detail(self) -> str:
        """Subclasses add a breakdown after the total ("（党员 239 人）")."""
        return ""

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    # -- remembered between runs ---------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings("xhdesk", "xhdesk")

    def save_settings(self) -> None:
        s = self._settings()
        prefix = f"tabs/{self.settings_key}"
        s.setValue(f"{prefix}/header", self.table.horizontalHeader().saveState())
        s.setValue(f"{prefix}/splitter", self.splitter.saveState())
        s.setValue(f"{prefix}/filters", {k: c.currentData() for k, c in self.filters.items()})

    def _restore_settings(self) -> None:
        s = self._settings()
        prefix = f"tabs/{self.settings_key}"
        header = s.value(f"{prefix}/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            section = self.table.horizontalHeader().sortIndicatorSection()
            if 0 <= section < len(self.listing.columns):
                self.model.criteria.sort_key = self.listing.columns[section].key
                self.model.criteria.descending = (
                    self.table.horizontalHeader().sortIndicatorOrder()
                    == Qt.SortOrder.DescendingOrder
                )
        splitter = s.value(f"{prefix}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        saved = s.value(f"{prefix}/filters") or {}
        for key, value in dict(saved).items():
            combo = self.filters.get(key)
            if combo is not None and combo.findData(value) >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(value))
                combo.blockSignals(False)
