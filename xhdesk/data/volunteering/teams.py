"""Teams, members and service records; person-times (人次) are participant rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text
from xhdesk.data.models import Person
from xhdesk.data.models.volunteering import (
    ServiceParticipant,
    ServiceRecord,
    TeamMember,
    VolunteerTeam,
)
from xhdesk.data.points.flow import now_utc
from xhdesk.data.volunteering.vocab import SERVICE_KINDS, TEAM_ROLES


@dataclass(frozen=True)
class TeamRow:
    id: str
    name: str
    leaders: str  # 、-separated names
    members: int
    records: int
    person_times: int
    hours: float


@dataclass(frozen=True)
class RecordRow:
    id: str
    served_on: date
    kind: str  # Chinese label
    place: str
    description: str
    persons: int
    hours: float  # person-hours


def create_team(
    store: Store,
    name: str,
    *,
    station_id: str | None = None,
    committee_id: str | None = None,
    occupation: str = "",
    founded_on: date | None = None,
    description: str = "",
    author: str | None = None,
) -> VolunteerTeam:
    name = require_text(name, field="name", label="队伍名称", max_length=40)
    with store.unit_of_work(author) as uow:
        same = uow.session.exec(
            select(VolunteerTeam).where(VolunteerTeam.name == name, VolunteerTeam.deleted == False)  # noqa: E712
        ).first()
        if same is not None:
            raise ValidationError(f"已有名为「{name}」的志愿服务队。", field="name")
        team = uow.add(
            VolunteerTeam(
                name=name,
                station_id=station_id,
                committee_id=committee_id,
                occupation=occupation,
                founded_on=founded_on,
                description=description.strip()[:300],
            )
        )
    return team


def add_members(
    store: Store,
    team_id: str,
    person_ids: Iterable[str],
    *,
    role: str = "member",
    joined_on: date | None = None,
    author: str | None = None,
) -> Changes:
    """Add persons to a team (a person already in it keeps one row; a leader stays leader)."""
    if role not in TEAM_ROLES:
        raise ValidationError("请选择队长或队员。", field="role")
    with store.unit_of_work(author) as uow:
        get_live(uow, VolunteerTeam, team_id, "志愿服务队")
        current = {
            m.person_id: m
            for m in uow.session.exec(
                select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.deleted == False)  # noqa: E712
            )
        }
        for person_id in dict.fromkeys(person_ids):
            get_live(uow, Person, person_id, "人员")
            if person_id in current:
                if role == "leader" and current[person_id].role != role:
                    current[person_id].role = role  # promoted; adding as 队员 never demotes
                continue
            uow.add(
                TeamMember(team_id=team_id, person_id=person_id, role=role, joined_on=joined_on)
            )
    return uow.changes


def remove_member(store: Store, team_id: str, person_id: str, author: str | None = None) -> Changes:
    with store.unit_of_work(author) as uow:
        rows = uow.session.exec(
            select(TeamMember).where(
                TeamMember.team_id == team_id,
                TeamMember.person_id == person_id,
                TeamMember.deleted == False,  # noqa: E712
            )
        ).all()
        for row in rows:
            row.deleted = True
    return uow.changes


def record_service(
    store: Store,
    team_id: str,
    served_on: date,
    kind: str,
    person_ids: Iterable[str],
    *,
    hours: float = 2.0,
    place: str = "",
    description: str = "",
    today: date | None = None,
    author: str | None = None,
) -> ServiceRecord:
    """One outing of a team with its participants (each a person-time)."""
    ids = list(dict.fromkeys(person_ids))
    if kind not in SERVICE_KINDS:
        raise ValidationError("请选择服务类别。", field="kind")
    if not ids:
        raise ValidationError("请至少选择一名参加服务的人员。", field="persons")
    if served_on > (today or date.today()):
        raise ValidationError("服务日期不能晚于今天。", field="served_on")
    if not 0 < hours <= 24:
        raise ValidationError("服务时长应在0到24小时之间。", field="hours")
    with store.unit_of_work(author) as uow:
        get_live(uow, VolunteerTeam, team_id, "志愿服务队")
        record = uow.add(
            ServiceRecord(
                team_id=team_id,
                served_on=served_on,
                kind=kind,
                place=place.strip()[:80],
                description=description.strip()[:300],
                hours=hours,
                recorded_by=uow.author[:30],
                created_at=now_utc(),
            )
        )
        uow.flush()
        for person_id in ids:
            get_live(uow, Person, person_id, "人员")
            uow.add(ServiceParticipant(record_id=record.id, person_id=person_id, hours=hours))
    return record


# -- reading ---------------------------------------------------------------------------------
def _live_teams(session: Session) -> list[VolunteerTeam]:
    stmt = select(VolunteerTeam).where(VolunteerTeam.deleted == False).order_by(VolunteerTeam.name)  # noqa: E712
    return list(session.exec(stmt))


def list_teams(store: Store) -> list[TeamRow]:
    """Every team with its leaders, member count, records, person-times and person-hours."""
    with store.session() as session:
        teams = _live_teams(session)
        out = []
        for team in teams:
            leaders = session.exec(
                select(Person.name)
                .join(TeamMember, col(TeamMember.person_id) == col(Person.id))
                .where(
                    TeamMember.team_id == team.id,
                    TeamMember.role == "leader",
                    TeamMember.deleted == False,  # noqa: E712
                )
            ).all()
            members = session.exec(
                select(sa.func.count()).where(
                    TeamMember.team_id == team.id,
                    TeamMember.deleted == False,  # noqa: E712
                )
            ).one()
            records, times, hours = session.exec(
                select(
                    sa.func.count(sa.distinct(col(ServiceRecord.id))),
                    sa.func.count(col(ServiceParticipant.id)),
                    sa.func.coalesce(sa.func.sum(ServiceParticipant.hours), 0.0),
                )
                .select_from(ServiceRecord)
                .outerjoin(
                    ServiceParticipant,
                    col(ServiceParticipant.record_id) == col(ServiceRecord.id),
                )
                .where(ServiceRecord.team_id == team.id)
            ).one()
            out.append(
                TeamRow(team.id, team.name, "、".join(leaders), members, records, times, hours)
            )
    return out


def team_records(store: Store, team_id: str) -> list[RecordRow]:
    """A team's service records, newest first."""
    stmt = (
        select(ServiceRecord, sa.func.count(col(ServiceParticipant.id)))
        .outerjoin(ServiceParticipant, col(ServiceParticipant.record_id) == col(ServiceRecord.id))
        .where(ServiceRecord.team_id == team_id)
        .group_by(col(ServiceRecord.id))
        .order_by(col(ServiceRecord.served_on).desc())
    )
    with store.session() as session:
        return [
            RecordRow(
                r.id,
                r.served_on,
                SERVICE_KINDS.get(r.kind, r.kind),
                r.place,
                r.description,
                n,
                r.hours * n,
            )
            for r, n in session.exec(stmt)
        ]


def team_members(store: Store, team_id: str) -> list[tuple[str, str, str]]:
    """(person id, name, role label) of a team's members, leaders first."""
    stmt = (
        select(Person.id, Person.name, TeamMember.role)
        .join(TeamMember, col(TeamMember.person_id) == col(Person.id))
        .where(TeamMember.team_id == team_id, TeamMember.deleted == False)  # noqa: E712
        .order_by(col(TeamMember.role) != "leader", col(Person.name_pinyin))
    )
    with store.session() as session:
        return [(pid, name, TEAM_ROLES.get(role, role)) for pid, name, role in session.exec(stmt)]


def person_times(session: Session, year: int | None = None) -> int:
    """Volunteer person-times (人次): participants of every service record (of ``year``)."""
    stmt = select(sa.func.count()).select_from(ServiceParticipant)
    if year is not None:
        stmt = stmt.join(
            ServiceRecord, col(ServiceRecord.id) == col(ServiceParticipant.record_id)
        ).where(
            col(ServiceRecord.served_on) >= date(year, 1, 1),
            col(ServiceRecord.served_on) < date(year + 1, 1, 1),
        )
    return int(session.exec(stmt).one())
