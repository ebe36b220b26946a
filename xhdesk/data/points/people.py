"""Finding the persons to declare for or to serve: by name, pinyin or initials, in SQL."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.registry.search import match_persons


@dataclass(frozen=True)
class PersonHit:
    id: str
    name: str
    branch: str
    occupation: str  # Chinese label

    def caption(self) -> str:
        return f"{self.name}（{self.branch or self.occupation}）"


def find_persons(
    store: Store,
    text: str = "",
    *,
    members_only: bool = True,
    branch_id: str | None = None,
    limit: int = 200,
) -> list[PersonHit]:
    """Persons matching 汉字, full pinyin or initials ("zs" finds 张三), by pinyin order."""
    return find_persons_counted(
        store, text, members_only=members_only, branch_id=branch_id, limit=limit
    )[0]


def find_persons_counted(
    store: Store,
    text: str = "",
    *,
    members_only: bool = True,
    branch_id: str | None = None,
    limit: int = 200,
) -> tuple[list[PersonHit], int]:
    """(the first ``limit`` matching active persons, how many match in all): the registry's search."""
    found = match_persons(
        store, text, limit=limit, members_only=members_only, active_only=True, branch_id=branch_id
    )
    hits = [PersonHit(m.id, m.name, m.branch, m.occupation_label) for m in found.persons]
    return hits, found.total


def organisation_options(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(committees, branches) as (id, name) lists for filter combos."""
    with store.engine.connect() as conn:
        committees = conn.execute(
            sa.text("SELECT id, name FROM committee WHERE deleted = 0 ORDER BY code, name")
        ).all()
        branches = conn.execute(
            sa.text("SELECT id, name FROM branch WHERE deleted = 0 ORDER BY committee_id, name")
        ).all()
    return [tuple(r) for r in committees], [tuple(r) for r in branches]
