"""The 四亮 roll of a station (for its wall): the station's marks and its members' marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlmodel import col, select

from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import PARTY_STATUSES
from xhdesk.data.models import Branch, Person, Station
from xhdesk.data.showcase.marks import Mark, current_marks


@dataclass(frozen=True)
class RollMember:
    person_id: str
    name: str
    branch: str
    marks: dict[str, Mark]


@dataclass
class ShowcaseRoll:
    station: str
    station_code: str
    address: str
    station_marks: dict[str, Mark]
    members: list[RollMember] = field(default_factory=list)
    as_of: date = field(default_factory=date.today)

    @property
    def shown(self) -> int:
        """Members with at least one of 亮身份/亮车标/亮承诺."""
        kinds = ("identity", "vehicle", "pledge")
        return sum(1 for m in self.members if any(k in m.marks for k in kinds))


def station_roll(store: Store, station_id: str, *, as_of: date | None = None) -> ShowcaseRoll:
    """The station's marks and every party member based at it (with their marks in force)."""
    with store.session() as session:
        station = session.get(Station, station_id)
        if station is None or station.deleted:
            raise NotFoundError("驿站阵地不存在或已删除。")
        stmt = (
            select(Person.id, Person.name, Branch.name)
            .outerjoin(Branch, col(Branch.id) == col(Person.branch_id))
            .where(
                Person.station_id == station_id,
                Person.deleted == False,  # noqa: E712
                col(Person.political_status).in_(PARTY_STATUSES),
            )
            .order_by(col(Person.name_pinyin))
        )
        people = list(session.exec(stmt))
        marks = current_marks(session, [station_id, *(pid for pid, _, _ in people)])
        roll = ShowcaseRoll(
            station.name,
            station.code,
            station.address,
            marks.get(station_id, {}),
            [
                RollMember(pid, name, branch or "", marks.get(pid, {}))
                for pid, name, branch in people
            ],
            as_of or date.today(),
        )
    return roll


def showcase_figures(store: Store) -> dict[str, int]:
    """How many stations show the flag and how many members show their identity."""
    from xhdesk.data.models.showcase import ShowcaseMark

    with store.session() as session:
        ids = set(session.exec(select(ShowcaseMark.subject_id)))
        marks = current_marks(session, ids)
    return {
        "stations_showing_flag": sum(1 for m in marks.values() if "flag" in m),
        "members_showing_identity": sum(1 for m in marks.values() if "identity" in m),
    }


def member_counts(store: Store) -> dict[str, int]:
    """Station id → how many party members are based there (to pick a station worth showing)."""
    stmt = (
        select(Person.station_id, sa.func.count())
        .where(
            col(Person.station_id).is_not(None),
            Person.deleted == False,  # noqa: E712
            col(Person.political_status).in_(PARTY_STATUSES),
        )
        .group_by(col(Person.station_id))
    )
    with store.session() as session:
        return {sid: int(n) for sid, n in session.exec(stmt) if sid}
