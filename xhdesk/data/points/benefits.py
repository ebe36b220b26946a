"""Benefits (惠民服务) and redemptions: points buy services, within the balance and the quota."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import NotFoundError, ValidationError, WorkflowError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import Node, Person
from xhdesk.data.models.points import CATALOGUE_ROLES, Benefit, Redemption
from xhdesk.data.points.flow import fmt, now_utc
from xhdesk.data.points.ledger import EPSILON, balance_on
from xhdesk.data.points.vocab import BENEFIT_CATEGORIES
from xhdesk.data.registry.units import node_unit_code

FIELDS = (
    "code",
    "category",
    "name",
    "provider",
    "cost",
    "yearly_quota",
    "per_person_yearly",
    "description",
    "active",
)


def clean_benefit(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: values[k] for k in FIELDS if k in values}
    out["name"] = str(out.get("name", "")).strip()[:80]
    if not out["name"]:
        raise ValidationError("请填写服务名称。", field="name")
    if out.get("category") not in BENEFIT_CATEGORIES:
        raise ValidationError("请选择服务类别。", field="category")
    try:
        out["cost"] = float(out.get("cost", 0))
    except (TypeError, ValueError):
        raise ValidationError("所需积分应为数字。", field="cost") from None
    if out["cost"] <= 0:
        raise ValidationError("所需积分应大于0。", field="cost")
    for key in ("yearly_quota", "per_person_yearly"):
        value = out.get(key)
        out[key] = None if value in (None, "", 0) else int(value)
        if out[key] is not None and out[key] < 0:
            raise ValidationError("名额不能为负数。", field=key)
    return out


def add_benefit(store: Store, values: dict[str, Any], author: str | None = None) -> Benefit:
    require_role(store.node_role, CATALOGUE_ROLES, "修改惠民服务目录")
    clean = clean_benefit(values)
    with store.unit_of_work(author) as uow:
        benefit = Benefit(**clean)
        uow.add(benefit)
    return benefit


def list_benefits(store: Store, *, active_only: bool = False) -> list[Benefit]:
    stmt = select(Benefit).where(Benefit.deleted == False)  # noqa: E712
    if active_only:
        stmt = stmt.where(Benefit.active == True)  # noqa: E712
    with store.session() as session:
        return sorted(session.exec(stmt), key=lambda b: (b.category, b.code))


def used_places(
    conn: sa.Connection, benefit_id: str, year: int, person_id: str | None = None
) -> int:
    sql = "SELECT COUNT(*) FROM redemption WHERE benefit_id = :b AND year = :y"
    params: dict[str, Any] = {"b": benefit_id, "y": year}
    if person_id:
        sql += " AND person_id = :p"
        params["p"] = person_id
    return int(conn.execute(sa.text(sql), params).scalar() or 0)


def redeem(
    store: Store,
    person_id: str,
    benefit_id: str,
    *,
    on: date | None = None,
    note: str = "",
    author: str | None = None,
) -> Changes:
    """Spend points on a benefit; refused if the balance or a quota does not allow it."""
    on = on or date.today()
    with store.unit_of_work(author) as uow:
        person = uow.session.get(Person, person_id)
        benefit = uow.session.get(Benefit, benefit_id)
        if person is None or person.deleted:
            raise NotFoundError("兑换人不在人员库中或已删除。")
        if benefit is None or benefit.deleted or not benefit.active:
            raise NotFoundError("该惠民服务不存在或已停用。")
        _check_allowed(uow, person, benefit, on.year)
        node = uow.session.get(Node, store.node_id)
        uow.add(
            Redemption(
                number=_next_number(uow, on.year),
                person_id=person.id,
                benefit_id=benefit.id,
                points=benefit.cost,
                year=on.year,
                redeemed_on=on,
                station_id=node.station_id if node else None,
                operator=uow.author[:30],
                note=note.strip()[:200],
                created_at=now_utc(),
            )
        )
    return uow.changes


def _check_allowed(uow: UnitOfWork, person: Person, benefit: Benefit, year: int) -> None:
    conn = uow.session.connection()
    if (
        benefit.yearly_quota is not None
        and used_places(conn, benefit.id, year) >= benefit.yearly_quota
    ):
        raise WorkflowError(f"「{benefit.name}」{year}年度名额（{benefit.yearly_quota}个）已用完。")
    limit = benefit.per_person_yearly
    if limit is not None and used_places(conn, benefit.id, year, person.id) >= limit:
        raise WorkflowError(
            f"{person.name}{year}年已兑换「{benefit.name}」{limit}次，已达每人每年上限。"
        )
    available = balance_on(conn, person.id)
    if available + EPSILON < benefit.cost:
        raise WorkflowError(
            f"积分余额不足：{person.name}当前可用积分{fmt(available)}分，"
            f"兑换「{benefit.name}」需要{fmt(benefit.cost)}分。"
        )


def _next_number(uow: UnitOfWork, year: int) -> str:
    prefix = node_unit_code(uow.session, uow.store)
    head = f"DH{year}-{prefix}-"
    last = uow.session.exec(
        select(sa.func.max(Redemption.number)).where(Redemption.number.like(head + "%"))  # type: ignore[attr-defined]
    ).one()
    return f"{head}{(int(last[len(head) :]) + 1 if last else 1):05d}"


@dataclass(frozen=True)
class RedemptionLine:
    id: str
    number: str
    redeemed_on: date
    person_name: str
    benefit_name: str
    points: float
    operator: str


def list_redemptions(
    store: Store, *, person_id: str | None = None, year: int | None = None
) -> list[RedemptionLine]:
    sql = (
        "SELECT r.id, r.number, r.redeemed_on, p.name, b.name, r.points, r.operator"
        " FROM redemption r JOIN person p ON p.id = r.person_id"
        " JOIN benefit b ON b.id = r.benefit_id WHERE 1 = 1"
    )
    params: dict[str, Any] = {}
    if person_id:
        sql += " AND r.person_id = :p"
        params["p"] = person_id
    if year:
        sql += " AND r.year = :y"
        params["y"] = year
    sql += " ORDER BY r.redeemed_on DESC, r.number DESC"
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text(sql), params).all()
    return [
        RedemptionLine(r[0], r[1], date.fromisoformat(str(r[2])), r[3], r[4], float(r[5]), r[6])
        for r in rows
    ]


def usage(store: Store, year: int) -> dict[str, int]:
    """Benefit id → redemptions in ``year`` (places used)."""
    sql = sa.text("SELECT benefit_id, COUNT(*) FROM redemption WHERE year = :y GROUP BY benefit_id")
    with store.engine.connect() as conn:
        return {bid: int(n) for bid, n in conn.execute(sql, {"y": year})}
