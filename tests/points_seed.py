"""Seed rows for the points tests: written straight through a unit of work, so any role can seed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from xhdesk.data.core import pinyin
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Branch, Committee, Person
from xhdesk.data.models.points import Benefit, PointRule
from xhdesk.data.points import Deed, approve, confirm, declare, start_notice
from xhdesk.data.points.queries import DeclarationFilter, list_declarations

PEOPLE = {
    "zhang": ("张三", "rider", "a"),
    "li": ("李四", "courier", "a"),
    "wang": ("王五", "truck_driver", "b"),
    "zeng": ("曾小明", "rider", "b"),
}
RULES = {
    "meeting": dict(
        code="DS-01",
        category="party_life",
        kind="base",
        title="参加三会一课",
        points=2.0,
        unit="time",
        monthly_cap=4.0,
        yearly_cap=24.0,
    ),
    "volunteer": dict(
        code="ZY-01",
        category="volunteer",
        kind="pioneer",
        title="志愿服务",
        points=0.5,
        unit="hour",
        yearly_cap=40.0,
    ),
    "praise": dict(
        code="HP-01",
        category="praise",
        kind="pioneer",
        title="获得群众书面表扬",
        points=5.0,
        unit="time",
    ),
    "complaint": dict(
        code="HP-09", category="praise", kind="base", title="有效投诉扣分", points=-3.0, unit="time"
    ),
    "study": dict(
        code="XX-01", category="study", kind="base", title="参加集中学习", points=1.5, unit="time"
    ),
}


@dataclass
class Seed:
    committees: dict[str, str] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    benefits: dict[str, str] = field(default_factory=dict)


def id_number(n: int) -> str:
    first17 = f"32128119900101{n:03d}"
    return first17 + id_check_char(first17)


def seed(store: Store) -> Seed:
    s = Seed()
    with store.unit_of_work("测试") as uow:
        for key, name in (("express", "快递外卖行业党委"), ("transport", "交通运输行业党委")):
            c = Committee(code=key, name=name)
            uow.add(c)
            s.committees[key] = c.id
        uow.flush()
        for key, name, committee in (
            ("a", "城东快递流动党支部", "express"),
            ("b", "货运物流联合党支部", "transport"),
        ):
            b = Branch(name=name, kind="mobile", committee_id=s.committees[committee])
            uow.add(b)
            s.branches[key] = b.id
        uow.flush()
        for n, (key, (name, occupation, branch)) in enumerate(PEOPLE.items(), start=1):
            p = Person(
                name=name,
                name_pinyin=pinyin.full_pinyin(name),
                name_initials=pinyin.initials(name),
                id_number=id_number(n),
                phone=f"1380000{n:04d}",
                occupation=occupation,
                political_status="member",
                branch_id=s.branches[branch],
            )
            uow.add(p)
            s.persons[key] = p.id
        for key, values in RULES.items():
            r = PointRule(**values)
            uow.add(r)
            s.rules[key] = r.id
        uow.flush()
        for key, name, cost, quota, per in (
            ("book", "图书借阅卡", 10.0, 2, None),
            ("clinic", "免费体检", 5.0, None, 1),
        ):
            b = Benefit(
                code=key,
                category="reading" if key == "book" else "medical",
                name=name,
                provider="兴化市图书馆",
                cost=cost,
                yearly_quota=quota,
                per_person_yearly=per,
            )
            uow.add(b)
            s.benefits[key] = b.id
    return s


def declare_one(
    store: Store,
    person_id: str,
    rule_id: str,
    deed_date: date,
    quantity: float = 1.0,
    text: str = "",
) -> str:
    """Declare and return the new declaration's id."""
    changes = declare(
        store, person_id, Deed(rule_id, deed_date, quantity, text), today=date(2026, 12, 31)
    )
    rows = list_declarations(store, DeclarationFilter(person_id=person_id))
    new = [r.id for r in rows if r.id in changes.row_ids]
    assert len(new) == 1
    return new[0]


def make_effective(store: Store, declaration_id: str, start: date) -> None:
    """Walk a declaration to the end of its notice (a centre may take every step)."""
    from datetime import timedelta

    from xhdesk.data.points import settle_due

    approve(store, [declaration_id])
    confirm(store, [declaration_id])
    start_notice(store, [declaration_id], start=start, days=5)
    settle_due(store, today=start + timedelta(days=5))
