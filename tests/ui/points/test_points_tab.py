"""The 积分审核 tab: select several declarations and approve them; return with a reason; declare."""

from __future__ import annotations

from datetime import date

import pytest
from points_seed import declare_one, seed
from PySide6.QtCore import QItemSelectionModel

from xhdesk.data.core.store import Store
from xhdesk.data.points.queries import DeclarationFilter, declaration_detail, list_declarations
from xhdesk.ui.points import steps
from xhdesk.ui.points.declare_dialog import DeclareDialog
from xhdesk.ui.points.model import DeclarationModel
from xhdesk.ui.points.points_tab import PointsTab

D = date(2026, 3, 10)


@pytest.fixture
def seeded(store: Store):
    s = seed(store)
    ids = [
        declare_one(store, s.persons[key], s.rules["study"], D)
        for key in ("zhang", "li", "wang", "zeng")
    ]
    return s, ids


def states(store: Store) -> dict[str, str]:
    return {r.person_name: r.state for r in list_declarations(store, DeclarationFilter())}


def select_rows(tab: PointsTab, rows: list[int]) -> None:
    table, model = tab.review.table, tab.review.model
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().clearSelection()
    for row in rows:
        table.selectionModel().select(model.index(row, 0), flags)


def test_select_several_and_approve(qtbot, store: Store, seeded) -> None:
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    review = tab.review
    assert review.model.rowCount() == 4  # the centre's queue holds the submitted declarations
    assert review.state_buttons["submitted"].text().endswith(" 4")
    select_rows(tab, [0, 1, 2])
    chosen = {review.model.row(r).person_name for r in (0, 1, 2)}
    approve = review.step_actions["approve"]
    assert approve.isEnabled()
    assert not review.step_actions["confirm"].isEnabled()  # not for 待支部审核
    with qtbot.waitSignal(tab.data_changed, timeout=10000):
        approve.trigger()
    now = states(store)
    assert {name for name, st in now.items() if st == "approved"} == chosen
    assert list(now.values()).count("submitted") == 1
    qtbot.waitUntil(lambda: review.state_buttons["approved"].text().endswith(" 3"))
    assert "3 条" in review.status_text() or review.model.rowCount() == 4


def test_return_asks_a_reason(qtbot, store: Store, seeded, monkeypatch) -> None:
    _s, ids = seeded
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    monkeypatch.setattr(steps, "ask_reason", lambda *a, **k: "请补充签到表")
    select_rows(tab, [0])
    target = tab.review.model.row_id(0)
    with qtbot.waitSignal(tab.data_changed, timeout=10000):
        tab.review.step_actions["return"].trigger()
    detail = declaration_detail(store, target)
    assert detail.state == "returned"
    assert detail.item.events[-1].reason == "请补充签到表"


def test_cancelled_reason_writes_nothing(qtbot, store: Store, seeded, monkeypatch) -> None:
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    monkeypatch.setattr(steps, "ask_reason", lambda *a, **k: None)
    select_rows(tab, [0])
    with qtbot.assertNotEmitted(tab.data_changed, wait=300):
        tab.review.step_actions["return"].trigger()
    assert set(states(store).values()) == {"submitted"}


def test_detail_pane_shows_history_and_totals(qtbot, store: Store, seeded) -> None:
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    select_rows(tab, [0])
    text = tab.review.detail.toPlainText()
    for expected in ("申报内容", "积分细则", "证明材料", "审核记录", "提交申报", "本人已生效积分"):
        assert expected in text


def test_batch_declaration_dialog(qtbot, store: Store, seeded) -> None:
    s, _ids = seeded
    dialog = DeclareDialog(store, batch=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.picker.search, "zs")  # 张三 by initials
    qtbot.waitUntil(lambda: dialog.picker.list.count() == 1)
    dialog.picker.set_checked(s.persons["zhang"])
    dialog.picker.search.clear()
    qtbot.waitUntil(lambda: dialog.picker.list.count() == 4)
    dialog.picker.set_checked(s.persons["wang"])
    assert sorted(dialog.picker.selected_ids()) == sorted([s.persons["zhang"], s.persons["wang"]])
    dialog.rule.setCurrentIndex(0)
    dialog.description.setPlainText("防汛值守")
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok.click()
    assert dialog.changes.inserted["declaration"] == 2


def test_station_sees_no_review_steps(qtbot, tmp_path) -> None:
    station = Store.open(tmp_path / "station.sqlite3", role="station", node_name="城东暖蜂驿站")
    try:
        seed(station)
        tab = PointsTab(station)
        qtbot.addWidget(tab)
        assert "approve" not in tab.review.step_actions
        assert "confirm" not in tab.review.step_actions
        assert tab.review.act_declare.isEnabled()
        assert "暂无待办" in tab.review.empty.text()
    finally:
        station.close()


def test_declaration_model_passes_modeltester(qtmodeltester, store: Store, seeded) -> None:
    model = DeclarationModel(store)
    model.set_filter(DeclarationFilter())
    qtmodeltester.check(model)


def test_ledger_page_ranks_with_stars(qtbot, store: Store) -> None:
    from points_seed import make_effective

    s = seed(store)
    this_year = date.today().year
    for key, rule in (("zhang", "praise"), ("zhang", "study"), ("li", "study")):
        d = declare_one(store, s.persons[key], s.rules[rule], date(this_year, 1, 5))
        make_effective(store, d, date(this_year, 2, 1))
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    page = tab.ledger
    model = page.model
    assert [(r.name, r.total) for r in model.rows] == [("张三", 6.5), ("李四", 1.5)]
    assert model.data(model.index(0, 0)) == "1"
    page.table.selectRow(0)
    text = page.detail.toPlainText()
    assert "积分构成" in text and "积分流水" in text and "6.5" in text


def test_redeem_dialog_refuses_beyond_balance(qtbot, store: Store, monkeypatch) -> None:
    from xhdesk.ui.common import messages
    from xhdesk.ui.points.benefits_page import RedeemDialog

    seed(store)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, exc, *_a: shown.append(str(exc)))
    dialog = RedeemDialog(store)
    qtbot.addWidget(dialog)
    dialog.picker.list.setCurrentRow(0)
    assert dialog.balance.text().startswith("0")
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "积分余额不足" in shown[0]
    assert dialog.changes is None and dialog.ok.isEnabled()


def test_showing_the_tab_makes_due_notices_effective(qtbot, store: Store, seeded) -> None:
    from xhdesk.data.points import approve, confirm, start_notice

    _s, ids = seeded
    approve(store, ids[:1])
    confirm(store, ids[:1])
    start_notice(store, ids[:1], start=date(2026, 3, 20), days=5)  # long over
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.data_changed, timeout=10000):
        tab.show()
    assert declaration_detail(store, ids[0]).state == "effective"
    assert tab.ledger.model.rowCount() == 1 or date.today().year != 2026


def test_detail_pane_shows_photo_evidence(qtbot, store: Store) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
    from PySide6.QtGui import QColor, QImage

    from xhdesk.data.points import Deed, declare
    from xhdesk.ui.points.detail import DeclarationPane

    s = seed(store)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#C8161D"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    declare(
        store,
        s.persons["li"],
        Deed(s.rules["praise"], D),
        today=date(2026, 12, 31),
        attachments=[("锦旗.png", bytes(data))],
    )
    d = list_declarations(store, DeclarationFilter())[0].id
    pane = DeclarationPane(store)
    qtbot.addWidget(pane)
    pane.show_declaration(d)
    att = declaration_detail(store, d).attachments[0]
    shown = pane.loadResource(2, QUrl(f"att:{att.id}"))
    assert isinstance(shown, QImage) and shown.width() == 40
    assert "未上传证明材料" not in pane.toPlainText()


def test_resubmit_a_returned_declaration_with_a_correction(
    qtbot, store: Store, seeded, monkeypatch
) -> None:
    from xhdesk.data.points import return_to_declarant

    _s, ids = seeded
    return_to_declarant(store, ids[:1], "次数有误")
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    tab.review.set_view("returned")
    assert tab.review.model.rowCount() == 1
    select_rows(tab, [0])
    monkeypatch.setattr(steps, "ask_resubmit", lambda *_a: ("已按签到表更正", 2.0))
    with qtbot.waitSignal(tab.data_changed, timeout=10000):
        tab.review.step_actions["resubmit"].trigger()
    detail = declaration_detail(store, ids[0])
    assert detail.state == "submitted"
    assert detail.item.claimed_points == 3.0  # 2 × 1.5
    assert tab.review.model.rowCount() == 0  # gone from the 已退回 list


def test_approving_past_the_cap_says_so_in_a_chinese_box(qtbot, store: Store, monkeypatch) -> None:
    """Issue 14: the cap is checked at 审核, not only at 认定, and said in Chinese."""
    from xhdesk.data.points import approve, confirm

    s = seed(store)
    ids = [
        declare_one(store, s.persons["zhang"], s.rules["meeting"], date(2026, 3, day))
        for day in (2, 9, 16)
    ]
    approve(store, ids[:2])
    confirm(store, ids[:2])  # the monthly cap of 4 is used up
    shown: list[str] = []
    monkeypatch.setattr(
        "xhdesk.ui.common.messages.show_error", lambda _p, exc, *_a: shown.append(str(exc))
    )
    tab = PointsTab(store)
    qtbot.addWidget(tab)
    review = tab.review
    row = next(r for r in range(review.model.rowCount()) if review.model.row(r).id == ids[2])
    select_rows(tab, [row])
    review.step_actions["approve"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "超出积分上限" in shown[0] and "每月最多4分" in shown[0]
