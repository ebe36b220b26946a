"""The 活动学习 tab: an activity at a station, 30 sign-ins (search, card, sheet), one close,
30 declarations in the branch's review queue — and a repeated sign-in adds nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "activities"))
from activity_seed import a_station, members_of_one_branch  # noqa: E402

from xhdesk.data.activities import member_code  # noqa: E402
from xhdesk.data.models import Person  # noqa: E402
from xhdesk.data.points.queries import DeclarationFilter, list_declarations  # noqa: E402
from xhdesk.ui.activities import activities_page  # noqa: E402
from xhdesk.ui.activities.activity_dialog import ActivityDialog  # noqa: E402
from xhdesk.ui.activities.signin_dialog import IdRole, SignInDialog  # noqa: E402
from xhdesk.ui.main_window import MainWindow  # noqa: E402


def review_queue(store, branch_id):
    flt = DeclarationFilter(states=("submitted",), branch_id=branch_id)
    return {r.id: r for r in list_declarations(store, flt)}


def new_activity_by_dialog(qtbot, page, branch_id, station_id):
    from datetime import datetime, timedelta

    from xhdesk.ui.activities.activity_dialog import _dt

    dialog = ActivityDialog(page.store, None, page)
    qtbot.addWidget(dialog)
    dialog.title.setText("主题党日：重温入党誓词")
    dialog.kind.setCurrentIndex(dialog.kind.findData("theme_day"))
    dialog.organiser_kind.setCurrentIndex(dialog.organiser_kind.findData("branch"))
    dialog.organiser.setCurrentIndex(dialog.organiser.findData(branch_id))
    dialog.station.setCurrentIndex(dialog.station.findData(station_id))
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    dialog.starts.setDateTime(_dt(start))
    dialog.ends.setDateTime(_dt(start + timedelta(hours=2)))
    dialog.capacity.setValue(40)
    dialog.on_save_clicked()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id
    return dialog.saved_id


def test_thirty_sign_ins_close_into_thirty_declarations(
    qtbot, qtmodeltester, demo_store, monkeypatch
):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentIndex(5)
    tab = window.current_tab()
    page = tab.activities
    branch_id, ids = members_of_one_branch(demo_store, 30)
    before = review_queue(demo_store, branch_id)

    aid = new_activity_by_dialog(qtbot, page, branch_id, a_station(demo_store))
    page._select(aid)
    assert page.current_id() == aid

    desk = SignInDialog(demo_store, aid, page)
    qtbot.addWidget(desk)
    desk.show()
    with demo_store.session() as session:
        phones = {pid: session.get(Person, pid).phone for pid in ids}
    for pid in ids[:10]:  # the one search, by phone (names repeat among 600 persons)
        qtbot.keyClicks(desk.search, phones[pid])
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
        assert "签到成功" in desk.feedback.text()
    desk.pages.setCurrentIndex(1)
    for pid in ids[10:20]:  # a scanner gun types the card's code and Enter
        qtbot.keyClicks(desk.code, member_code(demo_store, pid))
        qtbot.keyClick(desk.code, Qt.Key.Key_Return)
        assert "签到成功" in desk.feedback.text(), desk.feedback.text()
    desk.pages.setCurrentIndex(2)
    ticked = set(ids[20:])
    for i in range(desk.sheet.count()):
        item = desk.sheet.item(i)
        if item.data(IdRole) in ticked:
            item.setCheckState(Qt.CheckState.Checked)
    desk.on_sheet_entered()
    assert "已录入 10 人签到" in desk.feedback.text()
    desk.pages.setCurrentIndex(0)
    qtbot.keyClicks(desk.search, phones[ids[0]])  # the same person again
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert "已签到过" in desk.feedback.text()
    assert "已签到 30 人" in desk.count.text()
    desk.grab().save("/tmp/xhdesk-17a-signin.png")
    desk.accept()

    page.refresh()
    qtmodeltester.check(page.model)
    row = next(r for r in page.model.rows if r.id == aid)
    assert row.attendees == 30
    said: list[str] = []
    monkeypatch.setattr(activities_page, "confirm", lambda *_a: True)
    monkeypatch.setattr(activities_page, "inform", lambda _p, text, *_a: said.append(text))
    page.on_close_clicked()
    assert said and "已生成积分申报 30 条" in said[-1]
    new = set(review_queue(demo_store, branch_id)) - set(before)
    assert len(new) == 30
    page.on_declare_clicked()  # again: nothing new
    assert "已生成积分申报 0 条" in said[-1] and "30 人此前已生成" in said[-1]
    assert len(set(review_queue(demo_store, branch_id)) - set(before)) == 30
    assert "已关闭" in next(r for r in page.model.rows if r.id == aid).state_label
    qtbot.wait(50)  # the lazily built tab shows on the next turn of the event loop
    window.grab().save("/tmp/xhdesk-17a-tab.png")


def test_the_page_prints_notice_sheet_and_cards(qtbot, demo_store, monkeypatch):
    """活动通知 (the meeting notice filled in), 签到表 and 党员服务卡 reach the print preview."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QDialog

    from xhdesk.ui.activities.papers import CardsDialog
    from xhdesk.ui.printing import preview
    from xhdesk.ui.printing.forms import MeetingNoticeDialog

    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        preview, "show_preview", lambda _p, data, title, *_a: shown.append((data, title))
    )
    monkeypatch.setattr(MeetingNoticeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)

    def take_list(self):
        self.on_take_list_clicked()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CardsDialog, "exec", take_list)
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(5)
    page = window.current_tab().activities
    branch_id, _ids = members_of_one_branch(demo_store, 5)
    aid = new_activity_by_dialog(qtbot, page, branch_id, a_station(demo_store))
    page._select(aid)
    page.on_notice_clicked()
    page.on_sheet_clicked()
    page.on_cards_clicked()
    titles = [title for _data, title in shown]
    assert titles[0].startswith("关于开展“主题党日") and titles[1].startswith("签到表 HD")
    assert titles[2] == "党员服务卡"
    import io

    cards = PdfReader(io.BytesIO(shown[2][0]))
    assert "党员服务卡" in cards.pages[0].extract_text()
