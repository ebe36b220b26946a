"""Finding persons: the one search behind the members tab, the pickers, intake and the CLI.

Every caller gets the same matches (:func:`xhdesk.data.registry.listings.person_search`) and the
true number of them, so a picker that shows the first 200 can say "还有 39 人未列出".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_id_number, mask_phone
from xhdesk.data.core.vocab import OCCUPATIONS, PARTY_STATUSES, label
from xhdesk.data.models import Branch, Enterprise, Person, Station
from xhdesk.data.registry.listings import index_order, person_search


@dataclass(frozen=True)
class PersonMatch:
    id: str
    name: str
    pinyin: str
    phone: str
    id_number: str
    occupation: str  # code
    enterprise: str
    branch: str
    station: str

    @property
    def unit(self) -> str:
        """Where the person works or belongs: enterprise, else branch, else station."""
        return self.enterprise or self.branch or self.station

    @property
    def occupation_label(self) -> str:
        return label(OCCUPATIONS, self.occupation)

    def public(self) -> dict[str, str]:
        """The person as the members tab shows it (ID number and phone masked)."""
        return {
            "name": self.name,
            "pinyin": self.pinyin,
            "phone_masked": mask_phone(self.phone) if self.phone else "",
            "id_number_masked": mask_id_number(self.id_number) if self.id_number else "",
            "occupation": self.occupation_label,
            "unit": self.unit,
            "branch": self.branch,
            "station": self.station,
        }


@dataclass(frozen=True)
class SearchResult:
    persons: list[PersonMatch]
    total: int  # all matches, also those beyond the limit

    @property
    def more(self) -> int:
        return self.total - len(self.persons)


def _t(model: Any) -> sa.Table:
    return model.__table__


def match_persons(
    store: Store,
    text: str,
    *,
    limit: int | None = 200,
    members_only: bool = False,
    active_only: bool = False,
    branch_id: str | None = None,
) -> SearchResult:
    """Live persons matching ``text`` in the members tab's order (all of them for no text)."""
    p, e, b, s = _t(Person), _t(Enterprise), _t(Branch), _t(Station)
    where: list[Any] = [p.c.deleted == sa.false()]
    if text.strip():
        where.append(person_search(text))
    if members_only:
        where.append(p.c.political_status.in_(PARTY_STATUSES))
    if active_only:
        where.append(p.c.status == "active")
    if branch_id:
        where.append(p.c.branch_id == branch_id)
    joined = (
        p.outerjoin(e, p.c.enterprise_id == e.c.id)
        .outerjoin(b, p.c.branch_id == b.c.id)
        .outerjoin(s, p.c.station_id == s.c.id)
    )
    stmt = (
        sa.select(
            p.c.id,
            p.c.name,
            p.c.name_pinyin,
            p.c.phone,
            p.c.id_number,
            p.c.occupation,
            e.c.name,
            b.c.name,
            s.c.name,
        )
        .select_from(joined)
        .where(*where)
        .order_by(*index_order(p.c), sa.literal_column("person.rowid"))
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    count = sa.select(sa.func.count()).select_from(p).where(*where)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        total = len(rows) if limit is None else int(conn.execute(count).scalar_one())
    persons = [PersonMatch(*(v or "" for v in row)) for row in rows]
    return SearchResult(persons, max(total, len(persons)))
