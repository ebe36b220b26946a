"""Finding the persons to declare for or to serve: by name, pinyin or initials, in SQL."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import OCCUPATIONS, PARTY_STATUSES, label


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
    where = ["p.deleted = 0", "p.status = 'active'"]
    params: dict[str, object] = {"limit": limit}
    if members_only:
        statuses = ", ".join(f"'{s}'" for s in PARTY_STATUSES)
        where.append(f"p.political_status IN ({statuses})")
    if branch_id:
        where.append("p.branch_id = :branch")
        params["branch"] = branch_id
    text = text.strip().lower()
    if text:
        where.append(
            "(p.name LIKE :like OR p.name_pinyin LIKE :like OR p.name_initials LIKE :prefix)"
        )
        params.update(like=f"%{text}%", prefix=f"{text}%")
    sql = (
        "SELECT p.id, p.name, COALESCE(b.name, ''), p.occupation FROM person p"
        " LEFT JOIN branch b ON b.id = p.branch_id"
        f" WHERE {' AND '.join(where)} ORDER BY p.name_pinyin, p.id LIMIT :limit"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text(sql), params).all()
    return [
        PersonHit(pid, name, branch, label(OCCUPATIONS, occ)) for pid, name, branch, occ in rows
    ]


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
