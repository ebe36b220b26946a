"""发展党员计划: the yearly quota per committee and branch, with the new-employment-group share.

A person counts towards the year of the branch general meeting that accepted them (the date from
which a probationary member's membership runs). Used places are counted from the step events, so
the figure is always the events' — never a counter kept beside them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import NotFoundError, PermissionDenied, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.development.vocab import COMMITTEE_ROLES, NEW_EMPLOYMENT_OCCUPATIONS
from xhdesk.data.models import Branch, Committee, Person
from xhdesk.data.models.development import DevelopmentEvent, DevelopmentQuota
from xhdesk.data.points.scope import node_scope


@dataclass(frozen=True)
class QuotaRow:
    """One committee's or branch's plan for a year and how much of it is used."""

    committee_id: str
    branch_id: str | None
    unit: str
    total: int | None  # None: no plan set
    new_employment: int | None
    used: int
    used_new_employment: int

    @property
    def remaining(self) -> int | None:
        return None if self.total is None else self.total - self.used

    @property
    def over(self) -> bool:
        return self.total is not None and self.used > self.total

    def warning(self, year: int) -> str:
        if not self.over:
            return ""
        return (
            f"{self.unit}{year}年发展党员计划{self.total}名，已发展{self.used}名，"
            f"超出{self.used - (self.total or 0)}名。"
        )


def set_quota(
    store: Store,
    year: int,
    committee_id: str,
    branch_id: str | None,
    total: int,
    new_employment: int,
    *,
    note: str = "",
    author: str | None = None,
) -> Changes:
    """Set (or change) a committee's or a branch's plan for ``year``."""
    require_role(store.node_role, COMMITTEE_ROLES, "下达发展党员计划")
    if not 2000 <= year <= 2100:
        raise ValidationError("请填写正确的年度。", field="year")
    if total < 0 or not 0 <= new_employment <= total:
        raise ValidationError("新就业群体名额应在0到计划总数之间。", field="new_employment")
    scope = node_scope(store)
    if scope.role == "committee" and scope.committee_id and scope.committee_id != committee_id:
        raise PermissionDenied("只能下达本行业党委的发展党员计划。")
    with store.unit_of_work(author) as uow:
        if uow.session.get(Committee, committee_id) is None:
            raise NotFoundError("行业党委不存在。")
        if branch_id is not None:
            branch = uow.session.get(Branch, branch_id)
            if branch is None or branch.committee_id != committee_id:
                raise ValidationError("党支部不属于该行业党委。", field="branch")
        stmt = select(DevelopmentQuota).where(
            DevelopmentQuota.year == year,
            DevelopmentQuota.committee_id == committee_id,
            DevelopmentQuota.branch_id == branch_id,
            DevelopmentQuota.deleted == False,  # noqa: E712
        )
        found = uow.session.exec(stmt).first()
        row = found or DevelopmentQuota(year=year, committee_id=committee_id, branch_id=branch_id)
        row.total, row.new_employment, row.note = total, new_employment, note.strip()[:200]
        uow.add(row)
    return uow.changes


def _admitted(session: Session, year: int) -> tuple[Counter[str], Counter[str]]:
    """Branch id → persons accepted by a branch general meeting in ``year`` (all, new-employment)."""
    stmt = (
        select(DevelopmentEvent.person_id, DevelopmentEvent.branch_id, Person.occupation)
        .join(Person, Person.id == DevelopmentEvent.person_id)  # type: ignore[arg-type]
        .where(
            DevelopmentEvent.step == "general_meeting",
            DevelopmentEvent.decision == "agreed",
            DevelopmentEvent.happened_on >= date(year, 1, 1),
            DevelopmentEvent.happened_on < date(year + 1, 1, 1),
        )
    )
    seen: dict[str, tuple[str, str]] = {}
    for person_id, branch_id, occupation in session.exec(stmt):
        seen[person_id] = (branch_id or "", occupation)
    used, used_new = Counter[str](), Counter[str]()
    for branch_id, occupation in seen.values():
        used[branch_id] += 1
        used_new[branch_id] += occupation in NEW_EMPLOYMENT_OCCUPATIONS
    return used, used_new


def quota_usage(store: Store, year: int, committee_id: str | None = None) -> list[QuotaRow]:
    """Each committee, then its branches (those with a plan or with persons admitted)."""
    with store.session() as session:
        used, used_new = _admitted(session, year)
        plans = {
            (q.committee_id, q.branch_id): q
            for q in session.exec(
                select(DevelopmentQuota).where(
                    DevelopmentQuota.year == year,
                    DevelopmentQuota.deleted == False,  # noqa: E712
                )
            )
        }
        committees = session.exec(
            select(Committee).where(Committee.deleted == False)  # noqa: E712
        ).all()
        branches = session.exec(select(Branch).where(Branch.deleted == False)).all()  # noqa: E712
    rows: list[QuotaRow] = []
    for committee in committees:
        if committee_id and committee.id != committee_id:
            continue
        mine = [b for b in branches if b.committee_id == committee.id]
        plan = plans.get((committee.id, None))
        rows.append(
            QuotaRow(
                committee.id,
                None,
                committee.name,
                plan.total if plan else None,
                plan.new_employment if plan else None,
                sum(used[b.id] for b in mine),
                sum(used_new[b.id] for b in mine),
            )
        )
        for b in mine:
            plan = plans.get((committee.id, b.id))
            if plan is None and not used[b.id]:
                continue
            rows.append(
                QuotaRow(
                    committee.id,
                    b.id,
                    b.name,
                    plan.total if plan else None,
                    plan.new_employment if plan else None,
                    used[b.id],
                    used_new[b.id],
                )
            )
    return rows


def quota_warnings(store: Store, year: int, branch_id: str | None = None) -> list[str]:
    """The warnings of a year (or of one branch and its committee): plans exceeded."""
    rows = quota_usage(store, year)
    if branch_id is not None:
        committee = next((r.committee_id for r in rows if r.branch_id == branch_id), None)
        rows = [
            r
            for r in rows
            if r.branch_id == branch_id or (r.branch_id is None and r.committee_id == committee)
        ]
    return [r.warning(year) for r in rows if r.over]
