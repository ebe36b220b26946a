"""The rule catalogue (积分细则): what earns (or costs) how many points, with caps."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import update_record
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.points import CATALOGUE_ROLES, PointRule
from xhdesk.data.points.vocab import CATEGORIES, KINDS, UNITS

FIELDS = (
    "code",
    "category",
    "kind",
    "title",
    "points",
    "unit",
    "monthly_cap",
    "yearly_cap",
    "valid_from",
    "valid_to",
    "note",
)


def clean_rule(values: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise the fields of a rule; raises ValidationError in Chinese."""
    out = {k: values[k] for k in FIELDS if k in values}
    title = str(out.get("title", "")).strip()
    if not title:
        raise ValidationError("请填写细则名称。", field="title")
    out["title"] = title[:80]
    out["code"] = str(out.get("code", "")).strip()[:16]
    for key, vocab, what in (
        ("category", CATEGORIES, "积分类别"),
        ("kind", KINDS, "分值类型（基础分/先锋分）"),
        ("unit", UNITS, "计分单位"),
    ):
        if out.get(key) not in vocab:
            raise ValidationError(f"请选择{what}。", field=key)
    try:
        out["points"] = float(out.get("points", 0))
    except (TypeError, ValueError):
        raise ValidationError("分值应为数字。", field="points") from None
    if out["points"] == 0:
        raise ValidationError("分值不能为0（扣分请填负数）。", field="points")
    for cap in ("monthly_cap", "yearly_cap"):
        value = out.get(cap)
        if value in ("", None):
            out[cap] = None
        elif float(value) <= 0:
            raise ValidationError("上限应大于0，不设上限请留空。", field=cap)
        else:
            out[cap] = float(value)
    out["valid_from"] = int(out.get("valid_from") or 2020)
    if out.get("valid_to") not in (None, "") and int(out["valid_to"]) < out["valid_from"]:
        raise ValidationError("截止年份不能早于起始年份。", field="valid_to")
    out["valid_to"] = int(out["valid_to"]) if out.get("valid_to") not in (None, "") else None
    return out


def add_rule(store: Store, values: dict[str, Any], author: str | None = None) -> PointRule:
    require_role(store.node_role, CATALOGUE_ROLES, "修改积分细则")
    clean = clean_rule(values)
    with store.unit_of_work(author) as uow:
        rule = PointRule(**clean)
        uow.add(rule)
    return rule


def update_rule(
    store: Store, rule_id: str, values: dict[str, Any], author: str | None = None
) -> Changes:
    require_role(store.node_role, CATALOGUE_ROLES, "修改积分细则")
    clean = clean_rule(values)
    with store.unit_of_work(author) as uow:
        update_record(uow, PointRule, rule_id, clean, "积分细则")
    return uow.changes


def list_rules(store: Store, year: int | None = None) -> list[PointRule]:
    """Rules not in the recycle bin (in force in ``year`` when given), by category and code."""
    stmt = select(PointRule).where(PointRule.deleted == False)  # noqa: E712
    if year is not None:
        stmt = stmt.where(PointRule.valid_from <= year).where(
            (col(PointRule.valid_to) == None) | (col(PointRule.valid_to) >= year)  # noqa: E711
        )
    order = list(CATEGORIES)
    with store.session() as session:
        rules = list(session.exec(stmt))
    rules.sort(key=lambda r: (order.index(r.category) if r.category in order else 99, r.code))
    return rules
