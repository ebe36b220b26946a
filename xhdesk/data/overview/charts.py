"""The overview's chart series: plain numbers, drawn by Qt Charts in the tab and by reportlab
in the period report.

Monthly series cover the twelve months ending with the period (``Period.trend_months``); the
others count the period itself. Station use is requests and point declarations per station (the
sign-in book arrives with the activities capability).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.overview.figures import PARTY, period_bounds, request_counts
from xhdesk.data.overview.period import Period, add_months, month_period
from xhdesk.data.overview.place import Place
from xhdesk.data.points.vocab import CATEGORIES

TOP = 15  # bars in the per-branch and per-station charts


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: nothing to rate that month (a gap in a line)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "bar"  # bar / stacked / line (values are percentages) / hbar
    unit: str = ""

    def total(self) -> float:
        return sum(v or 0.0 for s in self.series for v in s.values)


def month_label(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


def _months_by(
    session: Session, sql: str, params: dict[str, Any], months: list[date]
) -> dict[str, list[float]]:
    """``sql`` yields (month 'YYYY-MM', key, value); → key → one value per month."""
    index = {month_label(m): i for i, m in enumerate(months)}
    out: dict[str, list[float]] = {}
    for month, key, value in session.execute(sa.text(sql), params).all():
        if month in index:
            out.setdefault(key, [0.0] * len(months))[index[month]] = float(value or 0)
    return out


def _trend_params(place: Place, period: Period) -> tuple[list[date], dict[str, Any]]:
    months = period.trend_months()
    end = add_months(months[-1], 1)
    return months, {**place.params(), "start": months[0].isoformat(), "end": end.isoformat()}


def points_charts(session: Session, place: Place, period: Period) -> list[Chart]:
    months, q = _trend_params(place, period)
    labels = tuple(month_label(m) for m in months)
    declared = _months_by(
        session,
        "SELECT substr(d.deed_date, 1, 7), r.category, COUNT(*) FROM declaration d"
        " JOIN point_rule r ON r.id = d.rule_id"
        " WHERE d.deed_date >= :start AND d.deed_date < :end"
        f" AND {place.declaration_where('d')} GROUP BY 1, 2",
        q,
        months,
    )
    confirmed = _months_by(
        session,
        "SELECT substr(l.effective_on, 1, 7), l.category, SUM(l.points) FROM ledger_entry l"
        " WHERE l.effective_on >= :start AND l.effective_on < :end"
        f" AND {place.ledger_where('l')} GROUP BY 1, 2",
        q,
        months,
    )

    def by_category(found: dict[str, list[float]]) -> tuple[Series, ...]:
        zero = [0.0] * len(months)
        return tuple(Series(text, tuple(found.get(k, zero))) for k, text in CATEGORIES.items())

    return [
        Chart(
            "declarations_by_month",
            "积分申报（按月、类别）",
            labels,
            by_category(declared),
            "stacked",
            "条",
        ),
        Chart(
            "points_by_month",
            "认定积分（按月、类别）",
            labels,
            by_category(confirmed),
            "stacked",
            "分",
        ),
    ]


def _counted(
    session: Session, sql: str, params: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    found = session.execute(sa.text(sql), params).all()
    return tuple(str(name) for name, _n in found), tuple(float(n) for _name, n in found)


def request_charts(session: Session, place: Place, period: Period) -> list[Chart]:
    q = {**place.params(), **period_bounds(period)}
    where = place.request_where("r")
    in_period = (
        f"r.deleted = 0 AND r.accepted_at >= :start_at AND r.accepted_at < :end_at AND {where}"
    )
    kinds, kind_n = _counted(
        session,
        "SELECT k.name, COUNT(*) FROM service_request r JOIN service_kind k ON k.id = r.kind_id"
        f" WHERE {in_period} GROUP BY k.id ORDER BY COUNT(*) DESC, k.name",
        q,
    )
    departments, dept_n = _counted(
        session,
        "SELECT COALESCE(d.name, '未分派'), COUNT(*) FROM service_request r"
        " LEFT JOIN request_state s ON s.request_id = r.id"
        " LEFT JOIN department d ON d.id = COALESCE(s.department_id, r.department_id)"
        f" WHERE {in_period} GROUP BY 1 ORDER BY COUNT(*) DESC, 1",
        q,
    )
    charts = [
        Chart(
            "requests_by_kind", "诉求（按服务事项）", kinds, (Series("受理", kind_n),), "hbar", "件"
        ),
        Chart(
            "requests_by_department",
            "诉求（按承办部门）",
            departments,
            (Series("受理", dept_n),),
            "hbar",
            "件",
        ),
    ]
    return charts + _request_months(session, place, period)


def _request_months(session: Session, place: Place, period: Period) -> list[Chart]:
    months = period.trend_months()
    counts = [request_counts(session, place, month_period(m.year, m.month)) for m in months]
    labels = tuple(month_label(m) for m in months)

    def rate(part: str, whole: str) -> tuple[float | None, ...]:
        return tuple(round(100 * c[part] / c[whole], 1) if c[whole] else None for c in counts)

    return [
        Chart(
            "requests_by_month",
            "诉求受理与办结（按月）",
            labels,
            (
                Series("受理", tuple(float(c["received"]) for c in counts)),
                Series("办结", tuple(float(c["resolved"]) for c in counts)),
            ),
            "bar",
            "件",
        ),
        Chart(
            "request_rates_by_month",
            "按时办结率与回访满意率（按月）",
            labels,
            (
                Series("按时办结率", rate("on_time", "resolved")),
                Series("回访满意率", rate("satisfied", "visits")),
            ),
            "line",
            "%",
        ),
    ]


def member_charts(session: Session, place: Place) -> list[Chart]:
    q = place.params()
    live_members = f"p.deleted = 0 AND p.political_status IN {PARTY} AND {place.person_where('p')}"
    committees, by_committee = _counted(
        session,
        "SELECT c.name, COUNT(*) FROM person p JOIN branch b ON b.id = p.branch_id"
        f" JOIN committee c ON c.id = b.committee_id WHERE {live_members}"
        " GROUP BY c.id ORDER BY c.name",
        q,
    )
    branches, by_branch = _counted(
        session,
        "SELECT b.name, COUNT(*) FROM person p JOIN branch b ON b.id = p.branch_id"
        f" WHERE {live_members} GROUP BY b.id ORDER BY COUNT(*) DESC, b.name LIMIT {TOP}",
        q,
    )
    return [
        Chart(
            "members_by_committee",
            "党员（按行业党委）",
            committees,
            (Series("党员", by_committee),),
            "bar",
            "名",
        ),
        Chart(
            "members_by_branch",
            f"党员最多的{TOP}个党支部",
            branches,
            (Series("党员", by_branch),),
            "hbar",
            "名",
        ),
    ]


def station_chart(session: Session, place: Place, period: Period) -> Chart:
    q = {**place.params(), **period_bounds(period)}
    found = session.execute(
        sa.text(
            "SELECT s.name,"
            " (SELECT COUNT(*) FROM service_request r WHERE r.station_id = s.id AND r.deleted = 0"
            "  AND r.accepted_at >= :start_at AND r.accepted_at < :end_at) AS requests,"
            " (SELECT COUNT(*) FROM declaration d WHERE d.station_id = s.id"
            "  AND d.deed_date >= :start AND d.deed_date < :end) AS declarations"
            f" FROM station s WHERE s.deleted = 0 AND {place.station_where('s')}"
            f" ORDER BY requests + declarations DESC, s.name LIMIT {TOP}"
        ),
        q,
    ).all()
    return Chart(
        "station_use",
        f"阵地使用（诉求与积分申报最多的{TOP}个阵地）",
        tuple(name for name, _r, _d in found),
        (
            Series("诉求", tuple(float(r) for _n, r, _d in found)),
            Series("积分申报", tuple(float(d) for _n, _r, d in found)),
        ),
        "hbar",
        "件",
    )


def charts(session: Session, place: Place, period: Period) -> list[Chart]:
    return (
        points_charts(session, place, period)
        + request_charts(session, place, period)
        + member_charts(session, place)
        + [station_chart(session, place, period)]
    )
