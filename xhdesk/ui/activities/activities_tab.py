"""The 活动学习 tab: sub-tabs, the first being 活动 (activities, sign-in, declarations).

The programme's other pages (志愿服务队, 随手拍, 学习培训, 四亮) follow, from
:func:`~xhdesk.ui.activities.programme_pages.programme_pages`; more can be added with
:meth:`ActivitiesTab.add_page`.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.i18n import tr
from xhdesk.ui.activities.activities_page import ACTIVITY_TABLES, ActivitiesPage
from xhdesk.ui.activities.programme_pages import PROGRAMME_TABLES, programme_pages
from xhdesk.ui.common.tab import Tab


class ActivitiesTab(Tab):
    title = tr("活动学习")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        self.pages = QTabWidget(self)
        layout.addWidget(self.pages)
        self.activities = ActivitiesPage(store, self)
        self.add_page(tr("活动"), self.activities)
        self.programme = programme_pages(store, self)
        for title, page in self.programme:
            self.add_page(title, page)
        # 新增/编辑 as the window's role check finds them (a read-only account sees them off)
        self.act_new = self.activities.actions_by_name["new"]
        self.act_edit = self.activities.actions_by_name["edit"]
        self.pages.currentChanged.connect(lambda _i: self.status_changed.emit(self.status_text()))
        splitter = QSettings("xhdesk", "xhdesk").value("tabs/activities/v1/splitter")
        if splitter is not None:
            self.activities.splitter.restoreState(splitter)

    def add_page(self, title: str, widget: QWidget) -> None:
        """Add a sub-tab; a page with ``status_changed``/``data_changed`` signals is wired up."""
        self.pages.addTab(widget, title)
        status = getattr(widget, "status_changed", None)
        if status is not None:
            status.connect(self._on_page_status)
        changed = getattr(widget, "data_changed", None)
        if changed is not None:
            changed.connect(self.data_changed.emit)

    def _on_page_status(self, text: str) -> None:
        if self.sender() is self.pages.currentWidget():
            self.status_changed.emit(text)

    def status_text(self) -> str:
        page = self.pages.currentWidget()
        get = getattr(page, "status_text", None)
        return get() if callable(get) else ""

    def refresh(self) -> None:
        for i in range(self.pages.count()):
            refresh = getattr(self.pages.widget(i), "refresh", None)
            if callable(refresh):
                refresh()

    def on_changes(self, changes: Changes) -> None:
        if not changes or changes.touches(*ACTIVITY_TABLES, "person", "station", "branch"):
            self.refresh()
        elif changes.touches(*PROGRAMME_TABLES, "department"):
            for _title, page in self.programme:
                page.refresh()  # type: ignore[attr-defined]

    def action_new(self) -> None:
        if self.pages.currentWidget() is self.activities:
            self.activities.action_new()

    def action_edit(self) -> None:
        if self.pages.currentWidget() is self.activities:
            self.activities.action_edit()

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.activities:
            self.activities.search.setFocus()

    def save_settings(self) -> None:
        QSettings("xhdesk", "xhdesk").setValue(
            "tabs/activities/v1/splitter", self.activities.splitter.saveState()
        )
