"""月报/季报/年报: the overview of a place for a period as a portrait A4 PDF — the figures, the
coverage of the three 100% promises, the shortfalls, then each chart with its numbers.

Built from plain values (:class:`ReportTableSpec`, :class:`ChartSpec`); charts are drawn with
reportlab's own graphics, in the same fonts as the other documents.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import GREY, INK, RULE, _styles, draw_text, numbered_canvas, para

PALETTE = ["#C8161D", "#3B6EA8", "#E0A526", "#4E9A5B", "#8064A2", "#7F7F7F"]
WIDTH = A4[0] - 40 * mm


@dataclass(frozen=True)
class ReportTableSpec:
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    numeric: Sequence[int] = ()
    empty_text: str = "（无）"


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[float | None]]]  # None: no value (a gap in a line)
    kind: str = "bar"  # bar / stacked / line / hbar
    unit: str = ""


@dataclass(frozen=True)
class ReportSpec:
    title: str
    intro: Sequence[str]
    tables: Sequence[ReportTableSpec]  # the figures, coverage and shortfalls
    charts: Sequence[tuple[ChartSpec, ReportTableSpec]] = field(default_factory=tuple)


def _table(spec: ReportTableSpec, fonts: FontSet) -> Flowable:
    st = _styles(fonts)
    widths = _widths(spec)
    data: list[list[Any]] = [[para(fonts, c, st["head"], redacted=False) for c in spec.columns]]
    for row in spec.rows:
        data.append(
            [
                para(
                    fonts,
                    _cell(v),
                    st["cell_right" if i in spec.numeric else "cell"],
                    redacted=False,
                )
                for i, v in enumerate(row)
            ]
        )
    if not spec.rows:
        data.append(
            [para(fonts, spec.empty_text, st["cell_center"])] + [""] * (len(spec.columns) - 1)
        )
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if not spec.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    return table


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "—" if value is None else str(value)


def _widths(spec: ReportTableSpec) -> list[float]:
    """Each column as wide as its longest text (within limits), scaled to the page."""
    weights = [
        min(max(len(_cell(v)) for v in [title, *(row[i] for row in spec.rows)]) + 1.5, 26)
        for i, title in enumerate(spec.columns)
    ]
    total = sum(weights)
    return [WIDTH * w / total for w in weights]


def _chart(spec: ChartSpec, fonts: FontSet) -> Drawing:
    hbar = spec.kind == "hbar"
    rows = max(len(spec.categories), 1)
    height = 30 + (rows * 15 * max(len(spec.series), 1) ** 0.5 if hbar else 150)
    d = Drawing(WIDTH, height + 28)
    d.add(String(0, height + 16, spec.title, fontName=fonts.sans, fontSize=10.5, fillColor=INK))
    if spec.kind == "line":
        chart: Any = HorizontalLineChart()
    elif hbar:
        chart = HorizontalBarChart()
    else:
        chart = VerticalBarChart()
    chart.x, chart.y = (150 if hbar else 36), 28
    chart.width = WIDTH - chart.x - 10
    chart.height = height - 36
    chart.data = [tuple(values) or (0,) for _name, values in spec.series] or [(0,)]
    chart.categoryAxis.categoryNames = [_short(c, 12 if hbar else 8) for c in spec.categories] or [
        ""
    ]
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize = fonts.serif, 7
    if not hbar and len(spec.categories) > 6:
        labels.angle, labels.boxAnchor, labels.dy = 30, "ne", -2
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = fonts.serif, 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.strokeColor = RULE
    if spec.kind == "stacked":
        chart.categoryAxis.style = "stacked"
    for i in range(len(spec.series)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        if spec.kind == "line":
            chart.lines[i].strokeColor = colour
            chart.lines[i].strokeWidth = 1.5
        else:
            chart.bars[i].fillColor = colour
            chart.bars[i].strokeColor = None
    d.add(chart)
    if len(spec.series) > 1:
        legend = Legend()
        legend.x, legend.y = WIDTH - 10, height + 20
        legend.alignment = "right"
        legend.boxAnchor = "ne"
        legend.columnMaximum = 1
        legend.fontName, legend.fontSize = fonts.serif, 7.5
        legend.deltax = 60
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[i % len(PALETTE)]), name)
            for i, (name, _v) in enumerate(spec.series)
        ]
        d.add(legend)
    if spec.unit:
        d.add(
            String(
                0,
                height + 2,
                f"单位：{spec.unit}",
                fontName=fonts.serif,
                fontSize=7,
                fillColor=GREY,
            )
        )
    return d


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_period_report(spec: ReportSpec, fonts: FontSet | None = None) -> bytes:
    """The report as PDF bytes."""
    fonts = fonts or load_fonts()
    st = _styles(fonts)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=spec.title,
        author="xhdesk",
    )

    def running_header(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFillColor(GREY)
        draw_text(c, fonts, spec.title, 20 * mm, A4[1] - 13 * mm, 9)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(20 * mm, A4[1] - 15 * mm, A4[0] - 20 * mm, A4[1] - 15 * mm)
        c.restoreState()

    heading = st["left"].clone("h2", fontName=fonts.sans, fontSize=12.5, leading=20, spaceBefore=6)
    story: list[Flowable] = [
        para(fonts, spec.title, st["title"], redacted=False),
        Spacer(1, 3 * mm),
    ]
    story += [para(fonts, t, st["body"], redacted=False) for t in spec.intro]
    for table in spec.tables:
        story += [CondPageBreak(40 * mm), para(fonts, table.title, heading, redacted=False)]
        story += [Spacer(1, 1.5 * mm), _table(table, fonts), Spacer(1, 4 * mm)]
    if spec.charts:
        story.append(Paragraph("四、图表", heading))
    for chart, numbers in spec.charts:
        story.append(KeepTogether([Spacer(1, 3 * mm), _chart(chart, fonts)]))
        story.append(Spacer(1, 2 * mm))
        story.append(_table(numbers, fonts))
    doc.build(
        story,
        onFirstPage=running_header,
        onLaterPages=running_header,
        canvasmaker=numbered_canvas(fonts),
    )
    return buffer.getvalue()
