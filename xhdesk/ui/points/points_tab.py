"""The 积分审核 tab: the review queue, the ledger and rankings, and benefits, as sub-tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.i18n import tr
from xhdesk.ui.common.tab import Tab
from xhdesk.ui.points.benefits_page import BenefitsPage
from xhdesk.ui.points.ledger_page import LedgerPage
from xhdesk.ui.points.review_page import ReviewPage
from xhdesk.ui.points.rules_page import RulesPage

POINTS_TABLES = (
    "declaration",
    "declaration_event",
    "declaration_attachment",
    "ledger_entry",
    "redemption",
    "benefit",
    "point_rule",
    "point_setting",
    "person",
    "branch",
    "committee",
)


class PointsTab(Tab):
    title = tr("积分审核")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        self.pages = QTabWidget(self)
        self.review = ReviewPage(store, self)
        self.ledger = LedgerPage(store, self)
        self.benefits = BenefitsPage(store, self)
        self.rules = RulesPage(store, self)
        for page, caption in (
            (self.review, "申报审核"),
            (self.ledger, "积分台账与排名"),
            (self.benefits, "惠民兑换"),
            (self.rules, "积分细则"),
        ):
            self.pages.addTab(page, tr(caption))
            page.status_changed.connect(self._on_page_status)
        for page in (self.review, self.benefits, self.rules):
            page.data_changed.connect(self._on_page_changed)
        self.pages.currentChanged.connect(lambda _i: self.status_changed.emit(self.status_text()))
        layout.addWidget(self.pages)
        self._settled = False
        self._restore_settings()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """The first time the tab is shown, notices that have run out take effect."""
        super().showEvent(event)
        if not self._settled:
            self._settled = True
            self.review.settle()

    def _on_page_status(self, text: str) -> None:
        if self.sender() is self.pages.currentWidget():
            self.status_changed.emit(text)

    def _on_page_changed(self, changes: Changes) -> None:
        for page in (self.review, self.ledger, self.benefits):
            if page is not self.sender():
                page.refresh()
        self.data_changed.emit(changes)

    def status_text(self) -> str:
        page = self.pages.currentWidget()
        return page.status_text() if page is not None else ""

    def refresh(self) -> None:
        self.review.refresh()
        self.ledger.refresh()
        self.benefits.refresh()
        self.rules.refresh()

    def on_changes(self, changes: Changes) -> None:
        if not changes or changes.touches(*POINTS_TABLES):
            self.review.apply_filter()
            self.ledger.refresh()
            self.benefits.refresh()

    # -- remembered between runs ---------------------------------------------------------------
    def _remembered(self) -> dict[str, Any]:
        return {
            "page": (self.pages.currentIndex, self.pages.setCurrentIndex),
            "review_splitter": (self.review.splitter.saveState, self.review.splitter.restoreState),
            "review_header": (
                self.review.table.horizontalHeader().saveState,
                self.review.table.horizontalHeader().restoreState,
            ),
            "ledger_splitter": (self.ledger.splitter.saveState, self.ledger.splitter.restoreState),
        }

    def save_settings(self) -> None:
        settings = QSettings("xhdesk", "xhdesk")
        for key, (get, _set) in self._remembered().items():
            settings.setValue(f"tabs/points/v2/{key}", get())

    def _restore_settings(self) -> None:
        settings = QSettings("xhdesk", "xhdesk")
        for key, (_get, put) in self._remembered().items():
            value = settings.value(f"tabs/points/v2/{key}")
            if value is not None:
                put(int(value) if key == "page" else value)
        header = self.review.table.horizontalHeader()
        self.review.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def action_new(self) -> None:
        self.pages.setCurrentWidget(self.review)
        self.review.declare()

    def action_export(self) -> None:
        self.pages.setCurrentWidget(self.review)
        self.review.export()

    def action_print(self) -> None:
        """打印: the current 积分公示, previewed first."""
        from xhdesk.ui.printing.menu import points_notice

        points_notice(self.window())

    def focus_search(self) -> None:
        self.pages.setCurrentWidget(self.review)
        self.review.search.setFocus()
        self.review.search.selectAll()
