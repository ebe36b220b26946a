"""五员: roles held by persons from a date, ended on a date; shown on the person's detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from xhdesk.data.core.errors import ValidationError, WorkflowError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models import Person
from xhdesk.data.models.volunteering import DutyRole
from xhdesk.data.volunteering.vocab import DUTY_ROLES


@dataclass(frozen=True)
class HeldRole:
    id: str
    role: str  # Chinese label
    from_on: date
    to_on: date | None

    @property
    def text(self) -> str:
        end = f"{self.to_on:%Y-%m-%d}" if self.to_on else "至今"
        return f"{self.role}（{self.from_on:%Y-%m-%d} — {end}）"


def assign_role(
    store: Store,
    person_id: str,
    role: str,
    from_on: date,
    *,
    station_id: str | None = None,
    note: str = "",
    author: str | None = None,
) -> DutyRole:
    """The person takes up a 五员 role (refused while the same role is still held)."""
    if role not in DUTY_ROLES:
        raise ValidationError("请选择五员角色。", field="role")
    with store.unit_of_work(author) as uow:
        person = get_live(uow, Person, person_id, "人员")
        held = uow.session.exec(
            select(DutyRole).where(
                DutyRole.person_id == person_id,
                DutyRole.role == role,
                DutyRole.deleted == False,  # noqa: E712
                col(DutyRole.to_on).is_(None),
            )
        ).first()
        if held is not None:
            raise WorkflowError(
                f"{person.name}已担任{DUTY_ROLES[role]}（自{held.from_on:%Y-%m-%d}起）。"
            )
        row = uow.add(
            DutyRole(
                person_id=person_id,
                role=role,
                station_id=station_id or person.station_id,
                from_on=from_on,
                note=note.strip()[:200],
            )
        )
    return row


def end_role(store: Store, role_id: str, to_on: date, author: str | None = None) -> Changes:
    """The person leaves the role on ``to_on``."""
    with store.unit_of_work(author) as uow:
        row = get_live(uow, DutyRole, role_id, "五员角色")
        if row.to_on is not None:
            raise WorkflowError("该角色已经卸任。")
        if to_on < row.from_on:
            raise ValidationError("卸任日期不能早于担任日期。", field="to_on")
        row.to_on = to_on
    return uow.changes


def roles_of(store: Store, person_id: str) -> list[HeldRole]:
    """A person's 五员 roles, current ones first, then by start date."""
    stmt = select(DutyRole).where(DutyRole.person_id == person_id, DutyRole.deleted == False)  # noqa: E712
    with store.session() as session:
        rows = list(session.exec(stmt))
    rows.sort(key=lambda r: (r.to_on is not None, r.from_on), reverse=False)
    return [HeldRole(r.id, DUTY_ROLES.get(r.role, r.role), r.from_on, r.to_on) for r in rows]


def role_holders(
    store: Store, role: str | None = None, on: date | None = None
) -> list[tuple[str, str, str]]:
    """(person id, name, role label) of those holding a role on ``on`` (default today)."""
    day = on or date.today()
    stmt = (
        select(Person.id, Person.name, DutyRole.role)
        .join(DutyRole, col(DutyRole.person_id) == col(Person.id))
        .where(
            DutyRole.deleted == False,  # noqa: E712
            col(DutyRole.from_on) <= day,
            (col(DutyRole.to_on).is_(None)) | (col(DutyRole.to_on) >= day),
        )
        .order_by(DutyRole.role, Person.name_pinyin)
    )
    if role is not None:
        stmt = stmt.where(DutyRole.role == role)
    with store.session() as session:
        return [(pid, name, DUTY_ROLES.get(r, r)) for pid, name, r in session.exec(stmt)]
