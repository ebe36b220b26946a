"""A period report (月报/季报/年报) of a place: the tab's figures, coverage, shortfalls and charts,
as tables that the PDF and the workbook both render, so the two say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from xhdesk.data.core.store import Store
from xhdesk.data.overview.charts import Chart, charts
from xhdesk.data.overview.coverage import Coverage, coverage
from xhdesk.data.overview.figures import Figure, headline
from xhdesk.data.overview.period import Period
from xhdesk.data.overview.place import Place


@dataclass(frozen=True)
class Overview:
    """Everything the 工作概览 tab shows for a place and period."""

    place: Place
    period: Period
    figures: list[Figure]
    coverage: Coverage

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


@dataclass(frozen=True)
class ReportTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    numeric: tuple[int, ...] = ()  # column indexes aligned right
    empty_text: str = "（无）"


@dataclass(frozen=True)
class PeriodReport:
    title: str
    place: str
    period: Period
    made_on: date
    tables: tuple[ReportTable, ...]
    charts: tuple[Chart, ...]


def load_overview(store: Store, place: Place, period: Period) -> Overview:
    """The tab's figures and coverage, read in one session (run off the UI thread)."""
    with store.session() as session:
        return Overview(
            place, period, headline(session, place, period), coverage(session, place, period)
        )


def load_charts(store: Store, place: Place, period: Period) -> list[Chart]:
    with store.session() as session:
        return charts(session, place, period)


def _figure_rows(figures: Sequence[Figure]) -> tuple[tuple[Any, ...], ...]:
    """Counts and points stay numbers (Excel can sum them); rates and gaps are their text."""
    return tuple(
        (f.group, f.label, f.text if f.unit == "%" or f.value is None else f.value, _unit(f))
        for f in figures
    )


def _unit(f: Figure) -> str:
    return "" if f.unit == "%" else f.unit


def report_tables(overview: Overview, chart_list: Sequence[Chart]) -> tuple[ReportTable, ...]:
    cov = overview.coverage
    tables = [
        ReportTable(
            "一、主要数据", ("类别", "项目", "数值", "单位"), _figure_rows(overview.figures), (2,)
        ),
        ReportTable(
            "二、“三个100%”覆盖情况",
            ("承诺", "已落实（家）", "企业总数（家）", "覆盖率"),
            tuple((p.label, p.covered, p.total, p.text) for p in cov.promises),
            (1, 2, 3),
        ),
        ReportTable(
            "三、未落实清单",
            ("序号", "企业", "缺少", "涉及承诺"),
            tuple(
                (i, s.enterprise, s.lacks_text, s.promises_text)
                for i, s in enumerate(cov.shortfalls, start=1)
            ),
            (0,),
            "本期各企业均已落实，无缺项。",
        ),
    ]
    for n, chart in enumerate(chart_list, start=1):
        tables.append(chart_table(chart, f"附表{n}　{chart.title}"))
    return tuple(tables)


def chart_table(chart: Chart, title: str) -> ReportTable:
    """A chart's numbers as a table: one row per category, one column per series."""
    unit = f"（{chart.unit}）" if chart.unit else ""
    columns = ("项目", *(f"{s.name}{unit}" for s in chart.series))
    rows = tuple(
        (category, *(_number(s.values[i]) for s in chart.series))
        for i, category in enumerate(chart.categories)
    )
    return ReportTable(title, columns, rows, tuple(range(1, len(columns))))


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def build_report(
    store: Store, place: Place, period: Period, today: date | None = None
) -> PeriodReport:
    overview = load_overview(store, place, period)
    chart_list = load_charts(store, place, period)
    return PeriodReport(
        title=f"{place.name}新就业群体党建工作{period.report_name}（{period.label}）",
        place=place.name,
        period=period,
        made_on=today or date.today(),
        tables=report_tables(overview, chart_list),
        charts=tuple(chart_list),
    )
