"""Headline figures (``xhdesk stats --json``).

Each capability contributes one section function ``(session) -> dict``; they are merged in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import BRANCH_KINDS, PARTY_STATUSES, STATION_KINDS
from xhdesk.data.models import Branch, Committee, Enterprise, Instructor, Person, Station

Section = Callable[[Session], dict[str, Any]]


def _count(session: Session, model: Any, *where: Any) -> int:
    stmt = select(func.count()).select_from(model).where(model.deleted == False, *where)  # noqa: E712
    return int(session.exec(stmt).one())


def _by_kind(session: Session, model: Any, kinds: dict[str, str]) -> dict[str, int]:
    rows = session.exec(
        select(model.kind, func.count()).where(model.deleted == False).group_by(model.kind)  # noqa: E712
    ).all()
    counts = dict.fromkeys(kinds, 0)
    counts.update({kind: n for kind, n in rows})
    return counts


def registry_figures(session: Session) -> dict[str, Any]:
    party = Person.political_status.in_(PARTY_STATUSES)  # type: ignore[attr-defined]
    return {
        "stations": _by_kind(session, Station, STATION_KINDS),
        "committees": _count(session, Committee),
        "branches": _by_kind(session, Branch, BRANCH_KINDS),
        "instructors": _count(session, Instructor),
        "enterprises": _count(session, Enterprise),
        "persons": _count(session, Person),
        "party_members": _count(session, Person, party),
        "verified_members": _count(
            session,
            Person,
            party,
            Person.org_checked_on.is_not(None),  # type: ignore[union-attr]
            Person.industry_checked_on.is_not(None),  # type: ignore[union-attr]
        ),
    }


def _sections() -> list[Section]:
    # Feature modules register their section here, in the order their keys should appear.
    from xhdesk.data.activities.stats import activities_figures
    from xhdesk.data.awards.figures import awards_figures
    from xhdesk.data.development.queries import development_figures
    from xhdesk.data.overview.programme import programme_figures
    from xhdesk.data.points.stats import points_figures
    from xhdesk.data.requests.figures import stats_section as requests_figures
    from xhdesk.data.sync.conflicts import sync_figures

    return [
        registry_figures,
        points_figures,
        requests_figures,
        awards_figures,
        development_figures,
        programme_figures,
        sync_figures,
        activities_figures,
    ]


def headline_figures(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with store.session() as session:
        for section in _sections():
            out.update(section(session))
    return out
