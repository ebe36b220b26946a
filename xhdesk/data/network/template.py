"""The programme's structure as a ready template: what a new centre starts with.

``fill_from_template`` writes, in one unit of work, the three industry committees, the 15
departments and 14 service kinds of the 点单式 catalogue, the 积分细则 and the example working
calendar — the reference data the demo uses, without its people. The branch kinds are a fixed
vocabulary (``BRANCH_KINDS``) and need no rows.
"""

from __future__ import annotations

from sqlmodel import select

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.demo.points import RULES
from xhdesk.data.models import Committee
from xhdesk.data.models.points import PointRule
from xhdesk.data.models.requests import CalendarDay, Department, ServiceKind
from xhdesk.data.requests.calendar import calendar_day_id, default_entries
from xhdesk.data.requests.catalogue import DEFAULT_DEPARTMENTS, DEFAULT_KINDS

# internal key, unit code, name: the programme's three industry committees (as in the demo).
TEMPLATE_COMMITTEES = [
    ("transport", "JT", "交通运输行业党委"),
    ("express", "KD", "快递外卖行业党委"),
    ("influencer", "WL", "网络名人行业党委"),
]
RULES_FROM = 2026  # the template's rules are in force from the year a centre is set up


def is_empty(store: Store) -> bool:
    """True when the database holds no organisation yet (no committee, department or rule)."""
    with store.session() as session:
        return all(
            session.exec(select(model.id).limit(1)).first() is None
            for model in (Committee, Department, ServiceKind, PointRule)
        )


def fill_from_template(store: Store, author: str | None = None) -> Changes:
    """Fill an empty centre with the programme's structure, in one unit of work."""
    require_role(store.node_role, ("centre",), "从模板建立组织架构")
    if not is_empty(store):
        raise ValidationError("本数据库已有组织架构，不能再套用模板。")
    with store.unit_of_work(author) as uow:
        uow.add_all(
            Committee(code=key, unit_code=code, name=name)
            for key, code, name in TEMPLATE_COMMITTEES
        )
        depts = {
            name: Department(name=name, contact=contact, phone=phone, sort_order=order)
            for order, (name, contact, phone) in enumerate(DEFAULT_DEPARTMENTS)
        }
        uow.add_all(depts.values())
        uow.add_all(
            ServiceKind(
                name=name,
                department_id=depts[dept].id,
                time_limit_days=limit,
                description=description,
                icon=icon,
                sort_order=order,
            )
            for order, (name, dept, limit, description, icon) in enumerate(DEFAULT_KINDS)
        )
        uow.add_all(_rules())
        uow.add_all(
            CalendarDay(
                id=calendar_day_id(e.day), day=e.day, kind=e.kind, name=e.name, source="example"
            )
            for e in default_entries()
        )
    return uow.changes


def _rules() -> list[PointRule]:
    return [
        PointRule(
            code=code,
            category=category,
            kind=kind,
            title=title,
            points=float(points),
            unit=unit,
            monthly_cap=monthly,
            yearly_cap=yearly,
            valid_from=RULES_FROM,
        )
        for code, category, kind, title, points, unit, monthly, yearly, _weight in RULES
    ]
