"""The 工作概览 headline figures of a place and a period, each with the list behind it.

Registry figures (stations by kind, committees, branches by kind, instructors, enterprises,
persons, members, verified members) count the live rows now; points and requests figures count
the period:

* declarations — declarations whose deed falls in the period (积分申报);
* confirmed points — the ledger's points taking effect in the period (认定积分);
* requests received — requests accepted in the period;
* resolved / on time — requests whose last resolution in the period was on or before the due
  date in force at that moment (the requests tab's rule, see ``requests.figures``);
* satisfaction — of the return visits in the period, the share 满意 or 基本满意.

Each figure carries a ``target``: the tab and filters that list the rows it counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import BRANCH_KINDS, STATION_KINDS
from xhdesk.data.overview.period import Period
from xhdesk.data.overview.place import Place

PARTY = "('member', 'probationary')"


@dataclass(frozen=True)
class Target:
    """Where clicking a figure leads: a list (stations, members, enterprises, …) and filters."""

    view: str
    filters: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int | None  # None: nothing to rate (no requests resolved in the period)
    unit: str = ""
    group: str = ""
    target: Target | None = None

    @property
    def text(self) -> str:
        """The value as shown: 1,234 / 96.3% / —."""
        if self.value is None:
            return "—"
        if self.unit == "%":
            return f"{self.value * 100:.1f}%"
        if isinstance(self.value, float):
            return f"{self.value:,.1f}"
        return f"{self.value:,}"


def scalar(session: Session, sql: str, params: dict[str, Any]) -> Any:
    return session.execute(sa.text(sql), params).scalar()


def rows(session: Session, sql: str, params: dict[str, Any]) -> list[Any]:
    return list(session.execute(sa.text(sql), params).all())


def _by_kind(session: Session, table: str, where: str, params: dict[str, Any]) -> dict[str, int]:
    found = rows(
        session,
        f"SELECT t.kind, COUNT(*) FROM {table} t WHERE t.deleted = 0 AND {where} GROUP BY t.kind",
        params,
    )
    return {kind: int(n) for kind, n in found}


def registry_figures(session: Session, place: Place) -> list[Figure]:
    q = place.params()
    out: list[Figure] = []
    stations = _by_kind(session, "station", place.station_where("t"), q)
    for kind, text in STATION_KINDS.items():
        target = Target("stations", {"kind": kind, "status": "all"})
        out.append(Figure(f"stations.{kind}", text, stations.get(kind, 0), "个", "阵地", target))

    def count(table: str, where: str) -> int:
        return int(
            scalar(session, f"SELECT COUNT(*) FROM {table} t WHERE t.deleted = 0 AND {where}", q)
        )

    out.append(
        Figure(
            "committees", "行业党委", count("committee", place.committee_where("t")), "个", "组织"
        )
    )
    branches = _by_kind(session, "branch", place.branch_where("t"), q)
    for kind, text in BRANCH_KINDS.items():
        out.append(Figure(f"branches.{kind}", text, branches.get(kind, 0), "个", "组织"))
    out.append(
        Figure(
            "instructors",
            "党建指导员",
            count("instructor", place.instructor_where("t")),
            "名",
            "组织",
            Target("instructors"),
        )
    )
    out.append(
        Figure(
            "enterprises",
            "平台企业",
            count("enterprise", place.enterprise_where("t")),
            "家",
            "组织",
            Target("enterprises"),
        )
    )
    out += _people(session, place)
    return out


def _people(session: Session, place: Place) -> list[Figure]:
    """Persons, members, verified members — two queries, each served by an index: the live
    persons counted from the narrow ``ix_person_live_order``, the members found by their status."""
    q = place.params()
    where = place.person_where("t")
    persons = scalar(session, f"SELECT COUNT(*) FROM person t WHERE t.deleted = 0 AND {where}", q)
    members, verified = session.execute(
        sa.text(
            "SELECT COUNT(*), SUM(t.org_checked_on IS NOT NULL AND t.industry_checked_on IS NOT NULL)"
            f" FROM person t WHERE t.political_status IN {PARTY} AND t.deleted = 0 AND {where}"
        ),
        q,
    ).one()
    return [
        Figure("persons", "从业人员", int(persons or 0), "人", "队伍", Target("members")),
        Figure(
            "members",
            "党员",
            int(members or 0),
            "名",
            "队伍",
            Target("members", {"political_status": "party"}),
        ),
        Figure(
            "verified_members",
            "双核认证党员",
            int(verified or 0),
            "名",
            "队伍",
            Target("members", {"political_status": "party", "verification": "both"}),
        ),
    ]


def period_bounds(period: Period) -> dict[str, Any]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "start_at": datetime.combine(period.start, datetime.min.time()).isoformat(" "),
        "end_at": datetime.combine(period.end, datetime.min.time()).isoformat(" "),
    }


def points_figures(session: Session, place: Place, period: Period) -> list[Figure]:
    q = {**place.params(), **period_bounds(period)}
    declarations = scalar(
        session,
        "SELECT COUNT(*) FROM declaration d WHERE d.deed_date >= :start AND d.deed_date < :end"
        f" AND {place.declaration_where('d')}",
        q,
    )
    points, entries = session.execute(
        sa.text(
            "SELECT COALESCE(SUM(l.points), 0), COUNT(*) FROM ledger_entry l"
            " WHERE l.effective_on >= :start AND l.effective_on < :end"
            f" AND {place.ledger_where('l')}"
        ),
        q,
    ).one()
    return [
        Figure("declarations", "积分申报", int(declarations or 0), "条", "积分", Target("points")),
        Figure("ledger_entries", "认定积分记录", int(entries or 0), "条", "积分", Target("ledger")),
        Figure(
            "confirmed_points",
            "认定积分",
            round(float(points or 0), 1),
            "分",
            "积分",
            Target("ledger"),
        ),
    ]


RESOLVED = """
WITH res AS (
  SELECT e.request_id AS rid, MAX(e.at) AS last_at FROM request_event e
  WHERE e.kind = 'resolved' AND e.at >= :start_at AND e.at < :end_at GROUP BY e.request_id
)
SELECT COUNT(*), SUM(substr(res.last_at, 1, 10) <= COALESCE(
    (SELECT ev.due_on FROM request_event ev
     WHERE ev.request_id = res.rid AND ev.due_on IS NOT NULL AND ev.at <= res.last_at
     ORDER BY ev.at DESC, ev.id DESC LIMIT 1), r.due_on))
FROM res JOIN service_request r ON r.id = res.rid
WHERE r.deleted = 0 AND {where}
"""


def request_counts(session: Session, place: Place, period: Period) -> dict[str, int]:
    """received, resolved, on_time, visits, satisfied — the period's request figures."""
    q = {**place.params(), **period_bounds(period)}
    where = place.request_where("r")
    received = scalar(
        session,
        "SELECT COUNT(*) FROM service_request r WHERE r.deleted = 0"
        f" AND r.accepted_at >= :start_at AND r.accepted_at < :end_at AND {where}",
        q,
    )
    resolved, on_time = session.execute(sa.text(RESOLVED.format(where=where)), q).one()
    visits, satisfied = session.execute(
        sa.text(
            "SELECT COUNT(*), SUM(e.satisfaction IN ('satisfied', 'basic'))"
            " FROM request_event e JOIN service_request r ON r.id = e.request_id"
            " WHERE e.kind = 'return_visit' AND e.at >= :start_at AND e.at < :end_at"
            f" AND {where}"
        ),
        q,
    ).one()
    return {
        "received": int(received or 0),
        "resolved": int(resolved or 0),
        "on_time": int(on_time or 0),
        "visits": int(visits or 0),
        "satisfied": int(satisfied or 0),
    }


def request_figures(session: Session, place: Place, period: Period) -> list[Figure]:
    c = request_counts(session, place, period)
    target = Target("requests")
    return [
        Figure("requests_received", "受理诉求", c["received"], "件", "诉求", target),
        Figure("requests_resolved", "办结诉求", c["resolved"], "件", "诉求", target),
        Figure(
            "on_time_rate",
            "按时办结率",
            c["on_time"] / c["resolved"] if c["resolved"] else None,
            "%",
            "诉求",
            target,
        ),
        Figure(
            "satisfaction_rate",
            "回访满意率",
            c["satisfied"] / c["visits"] if c["visits"] else None,
            "%",
            "诉求",
            target,
        ),
    ]


def headline(session: Session, place: Place, period: Period) -> list[Figure]:
    """Every headline figure of the place, registry first, then the period's points and requests."""
    return (
        registry_figures(session, place)
        + points_figures(session, place, period)
        + request_figures(session, place, period)
    )


def headline_figures(store: Store, place: Place, period: Period) -> list[Figure]:
    with store.session() as session:
        return headline(session, place, period)
