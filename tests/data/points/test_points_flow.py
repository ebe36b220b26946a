"""Declarations walked through every path of the review flow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from points_seed import declare_one, make_effective, seed

from xhdesk.data.core import authority
from xhdesk.data.core.errors import PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import WriteRuleViolation
from xhdesk.data.models.points import DeclarationEvent
from xhdesk.data.points import (
    Deed,
    approve,
    confirm,
    declare,
    declare_batch,
    dismiss_objection,
    person_year_total,
    raise_objection,
    reject,
    resubmit,
    return_to_declarant,
    settle_due,
    start_notice,
    uphold_objection,
)
from xhdesk.data.points.queries import DeclarationFilter, declaration_detail, list_declarations

D = date(2026, 3, 10)


def state_of(store: Store, decl_id: str) -> str:
    return declaration_detail(store, decl_id).state


def kinds(store: Store, decl_id: str) -> list[str]:
    return [ev.kind for ev in declaration_detail(store, decl_id).item.events]


def ledger_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT COUNT(*) FROM ledger_entry")).scalar()


def test_approve_to_effective(store: Store) -> None:
    s = seed(store)
    d = declare_one(store, s.persons["zhang"], s.rules["meeting"], D, text="三月主题党日")
    assert state_of(store, d) == "submitted"
    approve(store, [d])
    assert state_of(store, d) == "approved"
    confirm(store, [d])
    assert state_of(store, d) == "confirmed"
    start_notice(store, [d], start=date(2026, 4, 1), days=5)
    assert state_of(store, d) == "in_notice"
    # The notice runs 1–5 April: nothing takes effect on its last day …
    settle_due(store, today=date(2026, 4, 5))
    assert state_of(store, d) == "in_notice" and ledger_rows(store) == 0
    # … and the points enter the ledger the day after.
    settle_due(store, today=date(2026, 4, 6))
    assert state_of(store, d) == "effective"
    assert person_year_total(store, s.persons["zhang"], 2026) == 2.0
    assert kinds(store, d) == [
        "submitted",
        "branch_approved",
        "committee_confirmed",
        "notice_started",
        "effective",
    ]
    # Settling again changes nothing (the ledger entry is written once).
    assert not settle_due(store, today=date(2026, 5, 1))
    assert ledger_rows(store) == 1


def test_return_and_resubmit_with_corrected_quantity(store: Store) -> None:
    s = seed(store)
    d = declare_one(store, s.persons["li"], s.rules["volunteer"], D, quantity=10)
    with pytest.raises(ValidationError, match="退回原因"):
        return_to_declarant(store, [d], "  ")
    return_to_declarant(store, [d], "时长与签到表不符，请核对")
    assert state_of(store, d) == "returned"
    events = declaration_detail(store, d).item.events
    assert events[-1].reason == "时长与签到表不符，请核对"
    resubmit(store, d, quantity=6, note="已按签到表更正为6小时")
    detail = declaration_detail(store, d)
    assert detail.state == "submitted"
    assert detail.item.claimed_points == 3.0
    approve(store, [d])
    confirm(store, [d])
    assert detail.item.declaration.quantity == 10  # the row itself is never changed


def test_reject_is_final(store: Store) -> None:
    s = seed(store)
    d = declare_one(store, s.persons["wang"], s.rules["praise"], D)
    approve(store, [d])
    reject(store, [d], "表扬材料无法核实")
    assert state_of(store, d) == "rejected"
    with pytest.raises(WorkflowError, match="不予认定"):
        confirm(store, [d])
    # After a rejection the same deed may be declared again.
    declare_one(store, s.persons["wang"], s.rules["praise"], D)


def test_objection_during_notice_goes_back_to_committee(store: Store) -> None:
    s = seed(store)
    first = declare_one(store, s.persons["zhang"], s.rules["praise"], D)
    second = declare_one(store, s.persons["li"], s.rules["praise"], D)
    approve(store, [first, second])
    confirm(store, [first, second])
    start_notice(store, [first, second], start=date(2026, 4, 1))
    raise_objection(store, first, "群众反映该表扬信系本人代写", today=date(2026, 4, 3))
    assert state_of(store, first) == "objected"
    # An objection after the notice has ended is refused.
    with pytest.raises(WorkflowError, match="公示期已于2026-04-05结束"):
        raise_objection(store, second, "逾期异议", today=date(2026, 4, 6))
    settle_due(store, today=date(2026, 4, 10))
    assert state_of(store, first) == "objected"  # waits for the committee
    assert state_of(store, second) == "effective"
    uphold_objection(store, first, "经核实异议成立")
    assert state_of(store, first) == "rejected"
    assert person_year_total(store, s.persons["zhang"], 2026) == 0.0
    assert person_year_total(store, s.persons["li"], 2026) == 5.0


def test_dismissed_objection_lets_points_take_effect(store: Store) -> None:
    s = seed(store)
    d = declare_one(store, s.persons["zeng"], s.rules["study"], D)
    approve(store, [d])
    confirm(store, [d])
    start_notice(store, [d], start=date(2026, 4, 1))
    raise_objection(store, d, "怀疑未实际参加", today=date(2026, 4, 2))
    dismiss_objection(store, d, "经查签到表属实")
    assert state_of(store, d) == "in_notice"
    settle_due(store, today=date(2026, 4, 6))
    assert state_of(store, d) == "effective"
    assert person_year_total(store, s.persons["zeng"], 2026) == 1.5


def test_monthly_cap_refused_with_message(store: Store) -> None:
    s = seed(store)
    ids = [
        declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 3, day))
        for day in (2, 9, 16)
    ]
    approve(store, ids)
    confirm(store, ids[:2])  # 2 + 2 = 4, the monthly cap
    with pytest.raises(WorkflowError) as err:
        confirm(store, [ids[2]])
    assert "超出积分上限" in str(err.value)
    assert "每月最多4分，2026年3月已认定4分，本次2分" in str(err.value)
    assert state_of(store, ids[2]) == "approved"  # nothing written
    # A declaration in another month is within its own cap.
    april = declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 4, 2))
    approve(store, [april])
    confirm(store, [april])


def test_yearly_cap_allows_a_reduced_confirmation(store: Store) -> None:
    s = seed(store)
    big = declare_one(store, s.persons["li"], s.rules["volunteer"], date(2026, 2, 1), 70)
    more = declare_one(store, s.persons["li"], s.rules["volunteer"], date(2026, 9, 1), 20)
    approve(store, [big, more])
    confirm(store, [big])  # 35 of 40
    with pytest.raises(
        WorkflowError, match="每年最多40分，2026年已认定35分，本次10分。可按剩余5分认定"
    ):
        confirm(store, [more])
    confirm(store, [more], points={more: 5})
    make_dates = date(2026, 10, 1)
    start_notice(store, [big, more], start=make_dates)
    settle_due(store, today=date(2026, 10, 6))
    assert person_year_total(store, s.persons["li"], 2026) == 40.0


def test_a_batch_step_is_all_or_nothing(store: Store) -> None:
    s = seed(store)
    good = declare_one(store, s.persons["zhang"], s.rules["study"], D)
    done = declare_one(store, s.persons["li"], s.rules["study"], D)
    approve(store, [done])
    with pytest.raises(WorkflowError, match="当前为「待党委认定」"):
        approve(store, [good, done])
    assert state_of(store, good) == "submitted"


def test_batch_declaration_and_duplicates(store: Store) -> None:
    s = seed(store)
    people = [s.persons["zhang"], s.persons["li"], s.persons["wang"]]
    deed = Deed(s.rules["volunteer"], D, quantity=4, description="文明城市创建", place="昭阳街道")
    changes = declare_batch(store, people, deed, today=date(2026, 12, 31))
    assert changes.inserted["declaration"] == 3
    rows = list_declarations(store, DeclarationFilter())
    assert {r.person_name for r in rows} == {"张三", "李四", "王五"}
    assert len({r.number for r in rows}) == 3
    with pytest.raises(ValidationError, match="请勿重复申报"):
        declare_batch(store, [s.persons["zeng"], s.persons["li"]], deed, today=date(2026, 12, 31))
    assert len(list_declarations(store, DeclarationFilter())) == 3  # rolled back whole


def test_declaration_input_is_checked(store: Store) -> None:
    s = seed(store)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        declare(
            store,
            s.persons["zhang"],
            Deed(s.rules["study"], date(2026, 6, 2)),
            today=date(2026, 6, 1),
        )
    with pytest.raises(ValidationError, match="数量应大于0"):
        declare(
            store, s.persons["zhang"], Deed(s.rules["study"], D, quantity=0), today=date(2026, 6, 1)
        )


def test_deduction_reduces_the_total(store: Store) -> None:
    s = seed(store)
    plus = declare_one(store, s.persons["wang"], s.rules["praise"], D)
    minus = declare_one(store, s.persons["wang"], s.rules["complaint"], date(2026, 3, 11))
    for d in (plus, minus):
        make_effective(store, d, date(2026, 4, 1))
    assert person_year_total(store, s.persons["wang"], 2026) == 2.0


def _role_store(tmp_path: Path, role: str) -> Store:
    return Store.open(tmp_path / f"{role}.sqlite3", role=role, node_name=f"测试{role}")


@pytest.mark.parametrize(
    ("role", "step", "refused"),
    [
        ("station", "approve", True),
        ("station", "confirm", True),
        ("branch", "confirm", True),
        ("branch", "approve", False),
        ("committee", "approve", True),
        ("committee", "confirm", False),
    ],
)
def test_steps_a_role_may_not_take(tmp_path: Path, role: str, step: str, refused: bool) -> None:
    store = _role_store(tmp_path, role)
    try:
        s = seed(store)
        d = declare_one(store, s.persons["zhang"], s.rules["study"], D)  # every role may declare
        if step == "confirm":
            # Bring it to 待党委认定 as a branch would have done.
            store.set_identity(store.node_id, store.node_name, "branch")
            approve(store, [d])
            store.set_identity(store.node_id, store.node_name, role)
        action = approve if step == "approve" else confirm
        if refused:
            with pytest.raises(PermissionDenied, match="无权"):
                action(store, [d])
        else:
            action(store, [d])
    finally:
        store.close()


def test_station_cannot_settle_or_start_notice(tmp_path: Path) -> None:
    store = _role_store(tmp_path, "station")
    try:
        s = seed(store)
        d = declare_one(store, s.persons["zhang"], s.rules["study"], D)
        with pytest.raises(PermissionDenied, match="本节点（驿站）无权"):
            start_notice(store, [d])
        with pytest.raises(PermissionDenied):
            settle_due(store)
    finally:
        store.close()


def test_import_authority_refuses_a_station_confirmation() -> None:
    import xhdesk.data.models  # noqa: F401  (registers the rules)

    data = {"kind": "committee_confirmed"}
    assert authority.refusal("station", "declaration_event", "insert", data)
    assert authority.refusal("committee", "declaration_event", "insert", data) is None
    assert authority.refusal("branch", "ledger_entry", "insert", {})
    assert (
        authority.refusal("station", "declaration_event", "insert", {"kind": "submitted"}) is None
    )


def test_events_are_never_updated(store: Store) -> None:
    s = seed(store)
    d = declare_one(store, s.persons["zhang"], s.rules["study"], D)
    with pytest.raises(WriteRuleViolation), store.unit_of_work() as uow:
        ev = (
            uow.session.exec(
                sa.select(DeclarationEvent).where(DeclarationEvent.declaration_id == d)
            )
            .scalars()
            .first()
        )
        ev.reason = "改写历史"


def test_evidence_is_stored_in_the_database(store: Store) -> None:
    from xhdesk.data.points import attach, attachment_data

    s = seed(store)
    photo = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    declare(
        store,
        s.persons["zhang"],
        Deed(s.rules["praise"], D, description="锦旗"),
        attachments=[("C:\\照片\\锦旗.png", photo)],
        today=date(2026, 12, 31),
    )
    d = list_declarations(store, DeclarationFilter())[0].id
    attach(store, d, "表扬信.pdf", b"%PDF-1.4 test")
    infos = declaration_detail(store, d).attachments
    assert sorted((a.filename, a.mime) for a in infos) == [
        ("表扬信.pdf", "application/pdf"),
        ("锦旗.png", "image/png"),
    ]
    png = next(a for a in infos if a.filename == "锦旗.png")
    assert attachment_data(store, png.id) == ("锦旗.png", "image/png", photo)
    with pytest.raises(ValidationError, match="空文件"):
        attach(store, d, "空.jpg", b"")


def test_export_the_filtered_list_to_excel(store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from xhdesk.data.points.export import export_declarations

    s = seed(store)
    a = declare_one(store, s.persons["zhang"], s.rules["study"], D)
    declare_one(store, s.persons["li"], s.rules["study"], D)
    approve(store, [a])
    path = tmp_path / "积分申报.xlsx"
    n = export_declarations(store, DeclarationFilter(states=("approved",)), path)
    assert n == 1
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("申报编号", "姓名", "党支部")
    assert rows[1][1] == "张三" and rows[1][-1] == "待党委认定"


def test_a_branch_node_reviews_only_its_own_branch(tmp_path: Path) -> None:
    from xhdesk.data.models import Node

    store = _role_store(tmp_path, "branch")
    try:
        s = seed(store)
        with store.unit_of_work() as uow:
            uow.session.get(Node, store.node_id).branch_id = s.branches["a"]
        own = declare_one(store, s.persons["zhang"], s.rules["study"], D)  # branch a
        other = declare_one(store, s.persons["wang"], s.rules["study"], D)  # branch b
        approve(store, [own])
        with pytest.raises(PermissionDenied, match="不属于本支部"):
            return_to_declarant(store, [other], "不是本支部的")
        assert state_of(store, other) == "submitted"
    finally:
        store.close()


def test_caps_are_checked_when_declaring_and_when_reviewing(store: Store) -> None:
    """Issue 14: a claim past the cap is stopped at 申报 and at 审核, not only at 认定."""
    s = seed(store)
    with pytest.raises(WorkflowError, match="每月最多4分.*本次6分。请减少数量"):
        declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 3, 2), 3)
    ids = [
        declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 3, day))
        for day in (2, 9, 16)
    ]
    approve(store, ids[:2])
    confirm(store, ids[:2])  # the cap of 4 is reached
    with pytest.raises(WorkflowError, match="2026年3月已认定4分，本次2分。请退回申报人"):
        approve(store, [ids[2]])
    assert state_of(store, ids[2]) == "submitted"
    with pytest.raises(WorkflowError, match="超出积分上限"):
        declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 3, 20))
