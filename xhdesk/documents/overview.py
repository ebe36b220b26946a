"""The period report (月报/季报/年报) as a document: the data layer's report composed into the
printing layer's plain values, and saved as PDF or .xlsx.

Both formats render the same :class:`~xhdesk.data.overview.report.ReportTable` values, so the PDF
and the workbook say the same thing as the 工作概览 tab.
"""

from __future__ import annotations

from pathlib import Path

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.data.overview.charts import Chart
from xhdesk.data.overview.period import Period
from xhdesk.data.overview.place import Place
from xhdesk.data.overview.report import PeriodReport, ReportTable, build_report
from xhdesk.data.overview.workbook import write_workbook
from xhdesk.printing.fonts import load_fonts
from xhdesk.printing.layout import cn_date, save_pdf
from xhdesk.printing.period_report import (
    ChartSpec,
    ReportSpec,
    ReportTableSpec,
    render_period_report,
)

FORMATS = (".pdf", ".xlsx")
FIXED_TABLES = 3  # figures, coverage, shortfalls; the rest are the charts' numbers


def table_spec(table: ReportTable) -> ReportTableSpec:
    return ReportTableSpec(table.title, table.columns, table.rows, table.numeric, table.empty_text)


def chart_spec(chart: Chart) -> ChartSpec:
    return ChartSpec(
        chart.title,
        chart.categories,
        [(s.name, s.values) for s in chart.series],
        chart.kind,
        chart.unit,
    )


def report_spec(report: PeriodReport) -> ReportSpec:
    intro = [
        f"统计范围：{report.place}；统计期间：{report.period.label}"
        f"（{cn_date(report.period.start)}至{cn_date(report.period.end.fromordinal(report.period.end.toordinal() - 1))}）。"
        "组织、阵地和队伍数据为制表时的在册数，积分与诉求数据为本期发生数。",
        f"制表日期：{cn_date(report.made_on)}。",
    ]
    fixed = report.tables[:FIXED_TABLES]
    numbers = report.tables[FIXED_TABLES:]
    return ReportSpec(
        title=report.title,
        intro=intro,
        tables=[table_spec(t) for t in fixed],
        charts=[
            (chart_spec(c), table_spec(t)) for c, t in zip(report.charts, numbers, strict=True)
        ],
    )


def report_pdf(store: Store, place: Place, period: Period) -> tuple[bytes, str]:
    """(PDF bytes, title) of the period report, for the print preview."""
    report = build_report(store, place, period)
    fonts = load_fonts(print_settings(store).font)
    return render_period_report(report_spec(report), fonts), report.title


def save_report(store: Store, place: Place, period: Period, out: str | Path) -> Path:
    """Write the period report to ``out`` (.pdf or .xlsx, by its suffix)."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError("报表文件应以 .pdf 或 .xlsx 结尾。", field="out")
    report = build_report(store, place, period)
    if suffix == ".xlsx":
        write_workbook(report, path)
        return path
    fonts = load_fonts(print_settings(store).font)
    return save_pdf(render_period_report(report_spec(report), fonts), path)
