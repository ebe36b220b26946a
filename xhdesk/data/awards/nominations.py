"""Nominations (推荐), candidates with their year's points, and choosing the winners.

A nomination is inserted once (its id derives from award and person, so a person is nominated at
most once per selection, on any node). Winners are chosen and withdrawn by ``AwardDecision``
events; a nomination's outcome is the outcome of its latest decision by HLC stamp, node id
breaking ties.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from xhdesk.data.awards.selections import _NAMESPACE
from xhdesk.data.awards.vocab import award_kind
from xhdesk.data.core import authority
from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.vocab import OCCUPATIONS, PARTY_STATUSES, label
from xhdesk.data.models import Branch, Enterprise, Person
from xhdesk.data.models.awards import NOMINATE_ROLES, SELECT_ROLES, Award, AwardDecision, Nomination
from xhdesk.data.points import yearly_totals


@dataclass(frozen=True)
class Candidate:
    """One nominated person as the selection screen and the result notice show them."""

    nomination_id: str
    person_id: str
    name: str
    gender: str
    occupation: str  # Chinese label
    unit: str  # enterprise, else branch
    branch: str
    reason: str
    points: float  # the person's effective points of the award's year
    winner: bool
    nominated_by: str


def nomination_id(award: str, person: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"nomination:{award}:{person}"))


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check_eligible(award: Award, person: Person) -> None:
    kind = award_kind(award.kind)
    if person.status != "active":
        raise ValidationError(f"{person.name}已离职，不能推荐。")
    if kind.occupations and person.occupation not in kind.occupations:
        allowed = "、".join(label(OCCUPATIONS, o) for o in kind.occupations)
        raise ValidationError(f"“{kind.name}”只推荐{allowed}，{person.name}不符合。")
    if kind.party_only and person.political_status not in PARTY_STATUSES:
        raise ValidationError(f"“{kind.name}”只推荐党员，{person.name}不是党员。")
    if kind.women_only and person.gender != "女":
        raise ValidationError(f"“{kind.name}”只推荐女性，{person.name}不符合。")


def nominate(
    store: Store, award: str, person: str, reason: str, author: str | None = None
) -> Changes:
    """Put a person forward for a selection, with the reason (主要事迹)."""
    authority.require_role(store.node_role, NOMINATE_ROLES, "推荐评选人选")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写推荐理由（主要事迹）。", field="reason")
    if len(reason) > 500:
        raise ValidationError("推荐理由不能超过500字。", field="reason")
    with store.unit_of_work(author) as uow:
        row = get_live(uow, Award, award, "评选项目")
        who = get_live(uow, Person, person, "人员")
        _check_eligible(row, who)
        nid = nomination_id(award, person)
        if uow.session.get(Nomination, nid) is not None:
            raise WorkflowError(f"{who.name}已被推荐参加“{row.title}”。")
        uow.add(
            Nomination(
                id=nid,
                award_id=award,
                person_id=person,
                reason=reason,
                nominated_by=uow.author[:30],
                node_id=store.node_id,
                created_at=now_utc(),
            )
        )
    return uow.changes


def outcomes(session: Session, award: str) -> dict[str, str]:
    """Nomination id → outcome of its latest decision (nominations without decisions absent)."""
    rows = session.exec(
        select(
            AwardDecision.nomination_id,
            AwardDecision.outcome,
            AwardDecision.hlc,
            AwardDecision.node_id,
        ).where(AwardDecision.award_id == award)
    ).all()
    latest: dict[str, tuple[int, str, str]] = {}
    for nid, outcome, hlc, node in rows:
        if nid not in latest or (hlc, node) > latest[nid][:2]:
            latest[nid] = (hlc, node, outcome)
    return {nid: value[2] for nid, value in latest.items()}


def _decide(uow: UnitOfWork, award: str, nid: str, outcome: str) -> None:
    uow.add(
        AwardDecision(
            award_id=award,
            nomination_id=nid,
            outcome=outcome,
            decided_by=uow.author[:30],
            node_id=uow.store.node_id,
            at=now_utc(),
            hlc=uow.store.clock.tick(),
        )
    )


def set_winners(
    store: Store,
    award: str,
    winners: Iterable[str],
    withdrawn: Iterable[str] = (),
    author: str | None = None,
) -> Changes:
    """Mark nominations as winners (当选) and others as withdrawn (取消当选); no-ops are skipped."""
    authority.require_role(store.node_role, SELECT_ROLES, "确定评选结果")
    winners, withdrawn = list(dict.fromkeys(winners)), list(dict.fromkeys(withdrawn))
    if set(winners) & set(withdrawn):
        raise ValidationError("同一人不能同时当选和取消当选。")
    with store.unit_of_work(author) as uow:
        row = get_live(uow, Award, award, "评选项目")
        current = outcomes(uow.session, award)
        wanted = [*((n, "winner") for n in winners), *((n, "withdrawn") for n in withdrawn)]
        for nid, outcome in wanted:
            nom = uow.session.get(Nomination, nid)
            if nom is None or nom.award_id != award:
                raise ValidationError(f"该人员未被推荐参加“{row.title}”。")
            if current.get(nid, "withdrawn") != outcome:
                _decide(uow, award, nid, outcome)
        if (
            row.quota
            and sum(1 for n in {**current, **dict(wanted)}.values() if n == "winner") > row.quota
        ):
            raise ValidationError(f"“{row.title}”名额为{row.quota}名，当选人数超出名额。")
    return uow.changes


def candidates(store: Store, award: str) -> list[Candidate]:
    """Everyone nominated for a selection, with their points of the award's year, best first."""
    with store.session() as session:
        row = get_live(session, Award, award, "评选项目")
        decided = outcomes(session, award)
        stmt = (
            select(Nomination, Person, Branch.name, Enterprise.name)
            .join(Person, col(Person.id) == col(Nomination.person_id))
            .outerjoin(Branch, col(Branch.id) == col(Person.branch_id))
            .outerjoin(Enterprise, col(Enterprise.id) == col(Person.enterprise_id))
            .where(Nomination.award_id == award)
        )
        rows = session.exec(stmt).all()
    totals = yearly_totals(store, row.year)
    out = [
        Candidate(
            nomination_id=nom.id,
            person_id=person.id,
            name=person.name,
            gender=person.gender,
            occupation=label(OCCUPATIONS, person.occupation),
            unit=enterprise or branch or "",
            branch=branch or "",
            reason=nom.reason,
            points=round(totals.get(person.id, 0.0), 2),
            winner=decided.get(nom.id) == "winner",
            nominated_by=nom.nominated_by,
        )
        for nom, person, branch, enterprise in rows
    ]
    return sorted(out, key=lambda c: (not c.winner, -c.points, c.name))


def winners(store: Store, award: str) -> list[Candidate]:
    return [c for c in candidates(store, award) if c.winner]


def count_nominations(session: Session) -> int:
    return int(session.exec(select(sa.func.count()).select_from(Nomination)).one())


@dataclass(frozen=True)
class Nominee:
    """A person who may be nominated, as the picker lists them."""

    person_id: str
    name: str
    occupation: str
    unit: str


def find_nominees(store: Store, award: str, text: str, limit: int = 30) -> list[Nominee]:
    """Active persons matching ``text`` (汉字, pinyin, initials) who are eligible for the award."""
    from xhdesk.data.registry.listings import person_search

    with store.session() as session:
        kind = award_kind(get_live(session, Award, award, "评选项目").kind)
        stmt = (
            sa.select(
                col(Person.id),
                col(Person.name),
                col(Person.occupation),
                col(Enterprise.name),
                col(Branch.name),
            )
            .outerjoin(Branch, col(Branch.id) == col(Person.branch_id))
            .outerjoin(Enterprise, col(Enterprise.id) == col(Person.enterprise_id))
            .where(col(Person.deleted) == False, col(Person.status) == "active")  # noqa: E712
        )
        if text.strip():
            stmt = stmt.where(person_search(text))
        if kind.occupations:
            stmt = stmt.where(Person.occupation.in_(kind.occupations))  # type: ignore[attr-defined]
        if kind.party_only:
            stmt = stmt.where(Person.political_status.in_(PARTY_STATUSES))  # type: ignore[attr-defined]
        if kind.women_only:
            stmt = stmt.where(col(Person.gender) == "女")
        rows = session.execute(stmt.order_by(col(Person.name_pinyin)).limit(limit)).all()
    return [
        Nominee(pid, name, label(OCCUPATIONS, occ), enterprise or branch or "")
        for pid, name, occ, enterprise, branch in rows
    ]
