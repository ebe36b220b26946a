"""Coverage of the programme's three 100% promises, from the enterprise files (一企一档).

* 领导干部包点联系 — the enterprise has a liaison leader (分管领导);
* 指导人员上门孵化 — it has a 党建指导员 and was visited (定期走访) within the period;
* 企业职工专责专岗 — it has a functional-section staff member (职能科室人员) and a full-time
  enterprise party worker (专职党务工作者).

``shortfalls`` names each enterprise of the place that falls short and what it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.core.store import Store
from xhdesk.data.overview.period import Period
from xhdesk.data.overview.place import Place

PROMISES = {
    "leader": "领导干部包点联系",
    "instructor": "指导人员上门孵化",
    "staffing": "企业职工专责专岗",
}
# What an enterprise may lack, and the promise each belongs to.
GAPS = {
    "liaison_leader": ("分管领导", "leader"),
    "instructor": ("党建指导员", "instructor"),
    "visit": ("本期上门走访", "instructor"),
    "section_staff": ("职能科室人员", "staffing"),
    "party_worker": ("专职党务工作者", "staffing"),
}

ENTERPRISES = """
SELECT e.id, e.name,
       e.liaison_leader <> '' AS has_leader,
       i.id IS NOT NULL AS has_instructor,
       EXISTS (SELECT 1 FROM enterprise_visit v WHERE v.enterprise_id = e.id AND v.deleted = 0
               AND v.visited_on >= :start AND v.visited_on < :end) AS visited,
       e.section_staff <> '' AS has_staff,
       e.party_worker <> '' AS has_worker
FROM enterprise e
LEFT JOIN instructor i ON i.id = e.instructor_id AND i.deleted = 0
WHERE e.deleted = 0 AND {where}
ORDER BY e.name
"""


@dataclass(frozen=True)
class Promise:
    key: str
    label: str
    covered: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.covered / self.total if self.total else None

    @property
    def text(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


@dataclass(frozen=True)
class Shortfall:
    enterprise_id: str
    enterprise: str
    lacks: tuple[str, ...]  # keys of GAPS

    @property
    def lacks_text(self) -> str:
        return "、".join(GAPS[k][0] for k in self.lacks)

    @property
    def promises_text(self) -> str:
        keys = dict.fromkeys(GAPS[k][1] for k in self.lacks)
        return "、".join(PROMISES[k] for k in keys)


@dataclass(frozen=True)
class Coverage:
    promises: list[Promise]
    shortfalls: list[Shortfall]


def coverage(session: Session, place: Place, period: Period) -> Coverage:
    params = {**place.params(), "start": period.start.isoformat(), "end": period.end.isoformat()}
    found = session.execute(
        sa.text(ENTERPRISES.format(where=place.enterprise_where("e"))), params
    ).all()
    shortfalls: list[Shortfall] = []
    covered = dict.fromkeys(PROMISES, 0)
    for eid, name, leader, instructor, visited, staff, worker in found:
        lacks = tuple(
            key
            for key, ok in (
                ("liaison_leader", leader),
                ("instructor", instructor),
                ("visit", visited),
                ("section_staff", staff),
                ("party_worker", worker),
            )
            if not ok
        )
        if lacks:
            shortfalls.append(Shortfall(eid, name, lacks))
        failed = {GAPS[k][1] for k in lacks}
        for promise in PROMISES:
            covered[promise] += promise not in failed
    promises = [Promise(k, text, covered[k], len(found)) for k, text in PROMISES.items()]
    return Coverage(promises, shortfalls)


def enterprise_coverage(store: Store, place: Place, period: Period) -> Coverage:
    with store.session() as session:
        return coverage(session, place, period)
