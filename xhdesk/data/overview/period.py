"""A report period: a month (2026-11), a quarter (2026Q4) or a year (2026)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from xhdesk.data.core.errors import ValidationError

KINDS = {"month": "月报", "quarter": "季报", "year": "年报"}
QUARTERS = ("一", "二", "三", "四")
TREND_MONTHS = 12  # the charts' monthly series: the twelve months ending with the period


@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter / year
    start: date  # first day
    end: date  # the day after the last day

    @property
    def code(self) -> str:
        """The period as typed on the command line: 2026-11, 2026Q4, 2026."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        """2026年11月 / 2026年第四季度 / 2026年."""
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.start.year}年第{QUARTERS[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年"

    @property
    def report_name(self) -> str:
        return KINDS[self.kind]

    def trend_months(self) -> list[date]:
        """First days of the twelve months ending with the period's last month."""
        last = add_months(self.end, -1)
        return [add_months(last, -i) for i in range(TREND_MONTHS - 1, -1, -1)]


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period("month", start, add_months(start, 1))


def quarter_period(year: int, quarter: int) -> Period:
    start = date(year, 3 * (quarter - 1) + 1, 1)
    return Period("quarter", start, add_months(start, 3))


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year + 1, 1, 1))


def current_period(kind: str, today: date) -> Period:
    """The month, quarter or year that ``today`` falls in."""
    if kind == "month":
        return month_period(today.year, today.month)
    if kind == "quarter":
        return quarter_period(today.year, (today.month - 1) // 3 + 1)
    return year_period(today.year)


def recent_periods(kind: str, today: date) -> list[Period]:
    """The periods a person picks from, newest first: 24 months, 8 quarters or 5 years."""
    now = current_period(kind, today)
    if kind == "month":
        return [
            month_period(m.year, m.month) for m in (add_months(now.start, -i) for i in range(24))
        ]
    if kind == "quarter":
        return [
            quarter_period(m.year, (m.month - 1) // 3 + 1)
            for m in (add_months(now.start, -3 * i) for i in range(8))
        ]
    return [year_period(now.start.year - i) for i in range(5)]


def parse_period(text: str) -> Period:
    """``2026-11`` / ``2026Q4`` / ``2026`` → a Period; anything else is a ValidationError."""
    value = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        if 1 <= int(m[2]) <= 12:
            return month_period(int(m[1]), int(m[2]))
    elif m := re.fullmatch(r"(\d{4})Q([1-4])", value):
        return quarter_period(int(m[1]), int(m[2]))
    elif re.fullmatch(r"\d{4}", value):
        return year_period(int(value))
    raise ValidationError(
        f"无法识别的统计期间「{text}」，请写成 2026-11（月）、2026Q4（季度）或 2026（年）。",
        field="period",
    )
