"""工作概览 — the first tab: where the place stands for a period, live from the data.

The figures and coverage are read off the UI thread and shown as clickable cards (each opens the
list behind it); the shortfall list names the enterprises that lack a role; the charts follow.
The period report (PDF or Excel) is saved from here too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from xhdesk.data.core.store import Store
from xhdesk.data.overview.charts import Chart
from xhdesk.data.overview.figures import Target
from xhdesk.data.overview.period import Period, recent_periods
from xhdesk.data.overview.place import node_place
from xhdesk.data.overview.report import Overview, load_charts, load_overview
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.tab import Tab
from xhdesk.ui.common.workers import run_task
from xhdesk.ui.overview.figure_cards import FigureGroups
from xhdesk.ui.overview.shortfalls import ShortfallPanel

if TYPE_CHECKING:
    from xhdesk.ui.overview.chart_view import ChartView

KINDS = [("year", "年度"), ("quarter", "季度"), ("month", "月度")]
# The main-window tab that lists each target (the target's filters are set on it).
TAB_OF = {
    "stations": "StationsTab",
    "members": "MembersTab",
    "points": "PointsTab",
    "ledger": "PointsTab",
    "requests": "RequestsTab",
}


class OverviewTab(Tab):
    title = tr("工作概览")
    loaded = Signal()  # figures shown
    charts_loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.place = node_place(store)
        self.overview: Overview | None = None
        self.charts: list[ChartView] = []  # built when the first series arrive
        self._loading = 0
        self._stale = False
        self._build()
        self._restore()
        QTimer.singleShot(0, self, self.refresh)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QHBoxLayout()
        self.place_label = QLabel(tr(f"统计范围：{self.place.name}"), self)
        self.kind_box = QComboBox(self)
        for key, text in KINDS:
            self.kind_box.addItem(tr(text), key)
        self.period_box = QComboBox(self)
        self.period_box.setMinimumContentsLength(12)
        refresh = QPushButton(tr("刷新"), self)
        refresh.clicked.connect(self.refresh)
        self.report_button = QPushButton(tr("导出报表…"), self)
        self.report_button.setToolTip(tr("保存本期月报/季报/年报（PDF 或 Excel）"))
        self.report_button.clicked.connect(self.action_export)
        for w in (
            self.place_label,
            QLabel(tr("  统计期间"), self),
            self.kind_box,
            self.period_box,
            refresh,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        self.figures = FigureGroups(self.open_target, self)
        self.shortfall_panel = ShortfallPanel(self)
        self.shortfall_panel.enterprise_opened.connect(
            lambda eid: self._open_enterprises(enterprise_id=eid)
        )
        self.shortfalls = self.shortfall_panel.table
        self.chart_box = QGroupBox(tr("图表（鼠标停留查看数值，右键导出PNG）"), self)
        self.chart_grid = QGridLayout(self.chart_box)
        body = QWidget(self)
        self.body = body
        column = QVBoxLayout(body)
        column.addWidget(self.figures)
        column.addWidget(self.shortfall_panel)
        column.addWidget(self.chart_box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh())

    # -- period -------------------------------------------------------------------------------
    def _on_kind_changed(self, _index: int = 0) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for p in recent_periods(self.kind_box.currentData(), date.today()):
            self.period_box.addItem(p.label, p)
        self.period_box.blockSignals(False)
        self.refresh()

    def period(self) -> Period:
        return self.period_box.currentData()

    def set_period(self, period: Period) -> None:
        """Show ``period`` (added to the list if it is not offered)."""
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(period.kind), 0))
        self.kind_box.blockSignals(False)
        self._on_kind_changed()
        index = next(
            (i for i in range(self.period_box.count()) if self.period_box.itemData(i) == period), -1
        )
        if index < 0:
            self.period_box.addItem(period.label, period)
            index = self.period_box.count() - 1
        self.period_box.setCurrentIndex(index)

    def _restore(self) -> None:
        kind = QSettings().value("overview/kind", "year")
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))
        self.kind_box.blockSignals(False)
        self.period_box.blockSignals(True)
        for p in recent_periods(self.kind_box.currentData(), date.today()):
            self.period_box.addItem(p.label, p)
        self.period_box.blockSignals(False)

    def save_settings(self) -> None:
        QSettings().setValue("overview/kind", self.kind_box.currentData())

    # -- loading (off the UI thread) ----------------------------------------------------------
    def refresh(self) -> None:
        period, place, store = self.period(), self.place, self.store
        if period is None:
            return
        self._loading += 1
        ticket = self._loading
        self.status_changed.emit(tr(f"正在统计{place.name}{period.label}的数据…"))
        run_task(
            lambda _progress: load_overview(store, place, period),
            parent=self,
            show_progress=False,
            on_done=lambda result: self._show_overview(ticket, result),
            on_error=self._on_failed,
        )
        run_task(
            lambda _progress: load_charts(store, place, period),
            parent=self,
            show_progress=False,
            on_done=lambda result: self._show_charts(ticket, result),
            on_error=self._on_failed,
        )

    def _on_failed(self, exc: BaseException) -> None:
        if isValid(self):  # a load that outlived its window has no one to tell
            show_error(self, exc)

    def _current(self, ticket: int) -> bool:
        """A result is shown only by a live tab, and only for the latest request."""
        return isValid(self) and isValid(self.body) and ticket == self._loading

    def _show_overview(self, ticket: int, overview: Overview) -> None:
        if not self._current(ticket):
            return  # a newer period was chosen meanwhile, or the window closed
        self.overview = overview
        self.figures.show_figures(
            overview.figures, overview.coverage.promises, overview.period.label
        )
        self.shortfall_panel.show_shortfalls(overview.coverage.shortfalls, overview.period.label)
        self.status_changed.emit(self.status_text())
        QTimer.singleShot(0, self.body, self._fit_body)
        self.loaded.emit()

    def _show_charts(self, ticket: int, charts: list[Chart]) -> None:
        if not self._current(ticket):
            return
        from xhdesk.ui.overview.chart_view import ChartView  # Qt Charts loads after start-up

        for view in self.charts:
            self.chart_grid.removeWidget(view)
            view.deleteLater()
        self.charts = [ChartView(chart, self.chart_box) for chart in charts]
        for i, view in enumerate(self.charts):
            self.chart_grid.addWidget(view, *divmod(i, 2))
        QTimer.singleShot(0, self.body, self._fit_body)
        self.charts_loaded.emit()

    def _fit_body(self) -> None:
        """Content added after the scroll area was laid out: let it scroll, never squeeze."""
        layout = self.body.layout()
        layout.invalidate()
        layout.activate()
        self.body.setMinimumHeight(layout.minimumSize().height())

    def wait_loaded(self, timeout_ms: int = 20000) -> None:
        """Block until the figures and the charts are shown (screenshots and tests)."""
        for ready, signal in (
            (lambda: self.overview is not None, self.loaded),
            (lambda: bool(self.charts), self.charts_loaded),
        ):
            if ready():
                continue
            loop = QEventLoop()
            signal.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            signal.disconnect(loop.quit)

    def status_text(self) -> str:
        if self.overview is None:
            return tr("正在统计…")
        o = self.overview
        return tr(
            f"工作概览 · {o.place.name} · {o.period.label} · 未落实企业 {len(o.coverage.shortfalls)} 家"
        )

    # -- the lists behind the figures ---------------------------------------------------------
    def open_target(self, target: Target) -> None:
        if target.view in ("enterprises", "instructors", "shortfalls"):
            self._open_enterprises(target.view == "instructors")
            return
        from xhdesk.ui.main_window import TAB_SPECS

        window = self.window()
        if not hasattr(window, "page"):
            return
        index = next(i for i, spec in enumerate(TAB_SPECS) if spec[2] == TAB_OF[target.view])
        tab = window.page(index)
        window.tabs.setCurrentIndex(index)
        if target.filters and hasattr(tab, "filters"):
            tab.clear_filters()
            for key, value in target.filters.items():
                combo = tab.filters.get(key)
                if combo is not None:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(max(combo.findData(value), 0))
                    combo.blockSignals(False)
            tab.apply_criteria()

    def _open_enterprises(
        self, instructors: bool = False, enterprise_id: str | None = None
    ) -> None:
        from xhdesk.ui.registry.enterprises_window import EnterprisesWindow

        dialog = EnterprisesWindow(self.store, self)
        dialog.data_changed.connect(self._on_enterprises_changed)
        if instructors:
            dialog.tabs.setCurrentIndex(1)
        if enterprise_id:
            dialog.enterprises.select_id(enterprise_id)
        dialog.exec()

    def _on_enterprises_changed(self, changes: object) -> None:
        self.refresh()
        self.data_changed.emit(changes)

    # -- the period report --------------------------------------------------------------------
    def action_export(self) -> None:
        period = self.period()
        default = f"{self.place.name}{period.report_name}{period.code}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出报表"), default, tr("PDF 文件 (*.pdf);;Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.save_report(path)

    def action_print(self) -> None:
        """打印: the period report (figures, coverage, shortfalls, charts), previewed first."""
        from xhdesk.documents.overview import report_pdf
        from xhdesk.ui.printing.preview import show_preview

        store, place, period = self.store, self.place, self.period()
        self.preview = None
        run_task(
            lambda _progress: report_pdf(store, place, period),
            parent=self,
            title=tr("正在生成报表…"),
            on_done=lambda result: setattr(
                self, "preview", show_preview(self.window(), result[0], result[1])
            ),
        )

    def save_report(self, path: str) -> None:
        from xhdesk.documents.overview import save_report

        store, place, period = self.store, self.place, self.period()
        run_task(
            lambda _progress: save_report(store, place, period, path),
            parent=self,
            title=tr("正在生成报表…"),
            on_done=lambda saved: self.status_changed.emit(tr(f"报表已保存：{saved}")),
        )

    def on_changes(self, changes: object) -> None:
        """Another tab wrote: recount now if on screen, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
