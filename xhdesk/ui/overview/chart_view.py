"""One overview chart drawn with Qt Charts: hover shows the value, right-click exports a PNG."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QFileDialog, QToolTip, QWidget

from xhdesk.data.overview.charts import Chart
from xhdesk.i18n import tr

PALETTE = ["#C8161D", "#3B6EA8", "#E0A526", "#4E9A5B", "#8064A2", "#7F7F7F"]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class ChartView(QChartView):
    """A :class:`~xhdesk.data.overview.charts.Chart` as a Qt chart."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = chart
        self.last_hover = ""  # the text of the last hover tooltip (tests read it)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        rows = len(chart.categories) if chart.kind == "hbar" else 0
        self.setMinimumHeight(max(260, 80 + 18 * rows))  # every bar of a long list keeps its label
        self.setChart(self._build())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        export = QAction(tr("导出为PNG图片…"), self)
        export.triggered.connect(self.on_export_triggered)
        self.addAction(export)
        self.setToolTip(tr("鼠标停留查看数值；右键可导出为PNG图片"))

    def _build(self) -> QChart:
        c = QChart()
        c.setTitle(self.data.title + (f"（{self.data.unit}）" if self.data.unit else ""))
        title_font = QFont(c.titleFont())
        title_font.setPointSizeF(10)
        title_font.setBold(True)
        c.setTitleFont(title_font)
        c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        c.legend().setVisible(len(self.data.series) > 1)
        c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        c.setMargins(c.margins().__class__(4, 4, 4, 4))
        categories = list(self.data.categories)
        hbar = self.data.kind == "hbar"
        if hbar:
            categories = categories[::-1]  # the first category on top
        axis_cat = QBarCategoryAxis()
        axis_cat.append([_short(x) for x in categories] or [""])
        axis_cat.setTruncateLabels(False)  # short names already; Qt would cut them to "…"
        axis_val = QValueAxis()
        axis_val.setLabelFormat("%.0f")
        axis_val.setMin(0)
        small = QFont(axis_cat.labelsFont())
        small.setPointSizeF(7.5)
        axis_cat.setLabelsFont(small)
        axis_val.setLabelsFont(small)
        if self.data.kind == "line":
            self._lines(c, axis_cat, axis_val)
        else:
            self._bars(c, axis_cat, axis_val, hbar)
        if self.data.total():
            axis_val.applyNiceNumbers()
        else:  # nothing in the period: an empty chart with a sane scale, not NaN
            axis_val.setRange(0, 100 if self.data.kind == "line" else 1)
        return c

    def _bars(
        self, c: QChart, axis_cat: QBarCategoryAxis, axis_val: QValueAxis, hbar: bool
    ) -> None:
        series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries
        if hbar:
            series = QHorizontalBarSeries()
        elif self.data.kind == "stacked":
            series = QStackedBarSeries()
        else:
            series = QBarSeries()
        for i, s in enumerate(self.data.series):
            bar_set = QBarSet(s.name)
            values = [v or 0.0 for v in (list(s.values)[::-1] if hbar else s.values)]
            bar_set.append(values)
            bar_set.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bar_set.setBorderColor(QColor(PALETTE[i % len(PALETTE)]))
            bar_set.hovered.connect(
                lambda on, index, b=bar_set, v=values: self._on_bar_hovered(on, index, b, v, hbar)
            )
            series.append(bar_set)
        c.addSeries(series)
        cat_side, val_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if hbar
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        c.addAxis(axis_cat, cat_side)
        c.addAxis(axis_val, val_side)
        series.attachAxis(axis_cat)
        series.attachAxis(axis_val)

    def _lines(self, c: QChart, axis_cat: QBarCategoryAxis, axis_val: QValueAxis) -> None:
        c.addAxis(axis_cat, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(axis_val, Qt.AlignmentFlag.AlignLeft)
        axis_val.setMax(100)
        for i, s in enumerate(self.data.series):
            line = QLineSeries()
            line.setName(s.name)
            line.setColor(QColor(PALETTE[i % len(PALETTE)]))
            line.setPointsVisible(True)
            for x, v in enumerate(s.values):
                if v is not None:  # a month with nothing to rate is a gap, not 0%
                    line.append(QPointF(x, v))
            line.hovered.connect(
                lambda point, on, name=s.name: self._on_point_hovered(point, on, name)
            )
            c.addSeries(line)
            line.attachAxis(axis_cat)
            line.attachAxis(axis_val)

    def hover_text(self, series: int, index: int) -> str:
        """What hovering bar (or point) ``index`` of ``series`` shows: "2026-11 · 党的生活：283 条"."""
        s = self.data.series[series]
        unit, raw = self.data.unit, s.values[index]
        if raw is None:
            return f"{self.data.categories[index]} · {s.name}：无数据"
        value = _number(raw) + (unit if unit == "%" else f" {unit}")
        return f"{self.data.categories[index]} · {s.name}：{value}"

    def _on_bar_hovered(
        self, on: bool, index: int, bar_set: QBarSet, _values: list, hbar: bool
    ) -> None:
        if not on:
            QToolTip.hideText()
            return
        series = [s.name for s in self.data.series].index(bar_set.label())
        if hbar:
            index = len(self.data.categories) - 1 - index
        self._show(self.hover_text(series, index))

    def _on_point_hovered(self, point: QPointF, on: bool, name: str) -> None:
        if not on:
            QToolTip.hideText()
            return
        series = [s.name for s in self.data.series].index(name)
        self._show(self.hover_text(series, round(point.x())))

    def _show(self, text: str) -> None:
        self.last_hover = text
        QToolTip.showText(QCursor.pos(), text, self)

    def export_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")

    def on_export_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出图表"), f"{self.data.title}.png", tr("PNG 图片 (*.png)")
        )
        if path:
            self.export_png(path)


def _short(text: str, limit: int = 10) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
