"""Certificates: numbers unique across nodes and signatures (the PDF is composed in ``xhdesk.documents``).

A number reads ``2026-HQS-3FA2C1-0007``: year, the selection's letters, the issuing node's short
code (the first six hex digits of its id) and a running number on that node — unique across nodes
without asking any of them.
"""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import col, select

from xhdesk.data.awards.nominations import Candidate, now_utc, outcomes, winners
from xhdesk.data.awards.selections import list_awards
from xhdesk.data.awards.verification import signature_with
from xhdesk.data.awards.vocab import AWARD_KINDS, award_kind
from xhdesk.data.core import authority, identity
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models.awards import SELECT_ROLES, Award, Certificate
from xhdesk.data.registry.units import node_unit_code


def _next_number(uow: UnitOfWork, award: Award) -> str:
    prefix = (
        f"{award.year}-{award_kind(award.kind).short}-{node_unit_code(uow.session, uow.store)}-"
    )
    last = uow.session.exec(
        select(sa.func.max(Certificate.number)).where(Certificate.number.like(prefix + "%"))  # type: ignore[attr-defined]
    ).one()
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _issue(
    uow: UnitOfWork,
    award: Award,
    winner: Candidate,
    issued_on: date,
    at: datetime,
    key: Ed25519PrivateKey,
) -> None:
    number = _next_number(uow, award)
    uow.add(
        Certificate(
            number=number,
            award_id=award.id,
            nomination_id=winner.nomination_id,
            person_id=winner.person_id,
            recipient=winner.name,
            award_title=award.title,
            wording=award_kind(award.kind).wording(award.year),
            issuer=award.issuer or uow.store.node_name,
            issued_on=award.issued_on or issued_on,
            node_id=uow.store.node_id,
            signature=signature_with(number, uow.store.node_id, key),
            created_at=at,
        )
    )
    uow.flush()


def issue_certificates(
    store: Store, award: str, today: date | None = None, author: str | None = None
) -> Changes:
    """Give every winner of a selection who has none a numbered, signed certificate.

    ``today`` (the demo's fixed day) is the fallback certificate date and the creation time.
    """
    authority.require_role(store.node_role, SELECT_ROLES, "颁发荣誉证书")
    key = identity.private_key(store)  # before the write transaction: it may write the node row
    chosen = winners(store, award)
    day = today or date.today()
    at = datetime.combine(today, time(9)) if today else now_utc()
    with store.unit_of_work(author) as uow:
        row = get_live(uow, Award, award, "评选项目")
        have = set(
            uow.session.exec(
                select(Certificate.nomination_id).where(Certificate.award_id == award)
            ).all()
        )
        for winner in chosen:
            if winner.nomination_id not in have:
                _issue(uow, row, winner, day, at, key)
    return uow.changes


def issue_year(
    store: Store, year: int, today: date | None = None, author: str | None = None
) -> int:
    """Issue the missing certificates of every selection of ``year``; returns how many."""
    issued = 0
    for award in list_awards(store, year):
        issued += issue_certificates(store, award.id, today, author).inserted["certificate"]
    return issued


def certificate_rows(store: Store, year: int, award: str | None = None) -> list[Certificate]:
    """The valid certificates of a year (or one selection), in selection order then number."""
    order = list(AWARD_KINDS)
    with store.session() as session:
        stmt = select(Certificate, col(Award.kind)).join(
            Award, col(Award.id) == col(Certificate.award_id)
        )
        stmt = stmt.where(Award.year == year, Award.deleted == False)  # noqa: E712
        if award is not None:
            stmt = stmt.where(Award.id == award)
        rows = session.exec(stmt).all()
        decided = {a: outcomes(session, a) for a in {c.award_id for c, _ in rows}}
    valid = [(c, k) for c, k in rows if decided[c.award_id].get(c.nomination_id) == "winner"]
    valid.sort(key=lambda ck: (order.index(ck[1]) if ck[1] in order else 99, ck[0].number))
    return [c for c, _ in valid]
