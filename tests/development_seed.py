"""A committee, two branches and a few workers for the development tests (no demo needed)."""

from __future__ import annotations

from datetime import date

from xhdesk.data.core import pinyin
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.development.flow import StepInput, record_step
from xhdesk.data.models import Branch, Committee, Person


def id_number(n: int, birth: str = "19980315") -> str:
    first17 = f"321281{birth}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def seed(store: Store) -> dict[str, str]:
    """Ids: committee, branch (顺丰流动党支部), other (美团流动党支部), and persons p1…p3."""
    with store.unit_of_work("测试") as uow:
        committee = Committee(code="express", name="快递外卖行业党委")
        uow.add(committee)
        uow.flush()
        branch = Branch(name="顺丰流动党支部", kind="mobile", committee_id=committee.id)
        other = Branch(name="美团流动党支部", kind="mobile", committee_id=committee.id)
        uow.add_all([branch, other])
        uow.flush()
        ids = {"committee": committee.id, "branch": branch.id, "other": other.id}
        for i, (name, branch_id) in enumerate(
            [("刘骑手", branch.id), ("曾快递", branch.id), ("欧阳司机", other.id)], start=1
        ):
            person = Person(
                name=name,
                name_pinyin=pinyin.full_pinyin(name),
                name_initials=pinyin.initials(name),
                id_number=id_number(i),
                birth_date=date(1998, 3, 15),
                gender="男",
                occupation="rider",
                branch_id=branch_id,
            )
            uow.add(person)
            uow.flush()
            ids[f"p{i}"] = person.id
    return ids


def step(store: Store, person_id: str, code: str, on: date, **kw: object) -> None:
    record_step(store, person_id, StepInput(code, on, **kw), author="测试", today=date(2030, 1, 1))  # type: ignore[arg-type]


# A whole pipeline on the dates the tests use: every step on its earliest allowed day or soon after.
FULL_PATH: list[tuple[str, date, dict]] = [
    ("application", date(2024, 3, 1), {}),
    ("talk", date(2024, 3, 20), {}),
    ("activist_recommended", date(2024, 4, 1), {}),
    ("activist_decided", date(2024, 4, 10), {}),
    ("contacts_assigned", date(2024, 4, 12), {"contacts": "王红、李军"}),
    ("assessment", date(2024, 7, 1), {}),
    ("assessment", date(2024, 10, 1), {}),
    ("assessment", date(2024, 12, 30), {}),
    ("assessment", date(2025, 3, 28), {}),
    ("candidate_recommended", date(2025, 4, 10), {}),
    ("candidate_decided", date(2025, 4, 15), {}),
    ("political_review", date(2025, 5, 10), {}),
    ("training", date(2025, 5, 20), {}),
    ("notice", date(2025, 6, 2), {"period_end": date(2025, 6, 6)}),
    ("pre_review", date(2025, 6, 9), {}),
    ("general_meeting", date(2025, 6, 20), {}),
    ("admission_approved", date(2025, 7, 10), {}),
    ("oath", date(2025, 7, 15), {}),
]


def walk(store: Store, person_id: str, upto: str | None = None) -> None:
    """Record FULL_PATH for the person, stopping before ``upto``."""
    for code, on, kw in FULL_PATH:
        if code == upto:
            return
        step(store, person_id, code, on, **kw)
