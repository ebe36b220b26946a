"""Issue 14: what a secretary hits in the first hour at the desk, each reproduced, then fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QToolBar

from xhdesk import APP_TITLE
from xhdesk.ui.common.tab import Tab
from xhdesk.ui.main_window import MainWindow, default_size

SCREEN_1366 = QSize(1366, 728)  # 1366×768 less a 40-pixel taskbar


def _window(qtbot, store, size: QSize | None = None) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(size or default_size(SCREEN_1366))
    window.show()
    window.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


# -- wrong receipt -----------------------------------------------------------------------------
def test_a_new_walk_in_request_previews_its_own_receipt(qtbot, demo_store, monkeypatch):
    from xhdesk.ui.requests.requests_tab import RequestsTab

    shown: list[str] = []
    monkeypatch.setattr(
        "xhdesk.ui.printing.preview.show_preview",
        lambda _parent, _data, title, _file="": shown.append(title),
    )
    tab = RequestsTab(demo_store)
    qtbot.addWidget(tab)
    tab.resize(1300, 650)
    tab.show()
    tab.table.selectRow(0)  # another person's request is selected
    other = tab.selected_detail.request.number
    tab.action_new()
    intake = tab.intake
    assert intake.print_after.isChecked()  # 受理后预览回执, the default
    next(iter(intake.kind_buttons.values())).click()
    intake.walk_in_radio.click()
    intake.walk_name.setText("周来访")
    intake.walk_phone.setText("13800002222")
    intake.submit()
    detail = tab.selected_detail
    assert detail is not None and detail.request.requester_name == "周来访"
    number = detail.request.number
    assert number != other
    assert shown == [f"受理回执 {number}"]
    assert tab.act_print.isEnabled()


# -- English in a Chinese window ---------------------------------------------------------------
def test_qt_own_texts_are_chinese(qtbot, store):
    _window(qtbot, store)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "t",
        "x",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Ok,
    )
    texts = {b.text().split("(")[0] for b in box.buttons()}
    assert {"是", "否", "确定"} <= texts
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert any(a.text().startswith("剪切") for a in menu.actions())


def test_the_title_names_the_app_once(qtbot, store):
    from xhdesk.ui.app import make_app

    make_app()
    window = _window(qtbot, store)
    assert window.windowTitle().count(APP_TITLE) == 1
    # Qt appends the display name to every title when it is set: it must not be the app title.
    assert APP_TITLE not in QApplication.applicationDisplayName()


# -- shortcuts ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("keys", "method"),
    [
        (QKeySequence.StandardKey.New, "action_new"),
        (QKeySequence.StandardKey.Find, "focus_search"),
        (QKeySequence.StandardKey.Print, "action_print"),
        (QKeySequence(Qt.Key.Key_F5), "refresh"),
    ],
)
def test_shortcuts_fire_their_action_on_every_tab(qtbot, demo_store, qtlog, keys, method):
    window = _window(qtbot, demo_store)
    sequence = QKeySequence(keys)
    calls: list[str] = []
    offering = [
        (index, tab)
        for index, tab in enumerate(window.tab_pages)
        if method == "refresh" or getattr(type(tab), method) is not getattr(Tab, method)
    ]
    assert len(offering) >= 4  # 工作概览 has nothing to add or search; every other tab does
    for index, tab in offering:
        window.tabs.setCurrentIndex(index)
        setattr(tab, method, lambda t=tab.title: calls.append(t))
        qtbot.keySequence(window, sequence)
        assert calls[-1:] == [tab.title], f"{sequence.toString()} on {tab.title}"
    assert len(calls) == len(offering)
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_enter_and_down_in_a_search_box_move_into_the_table(qtbot, demo_store):
    window = _window(qtbot, demo_store)
    window.tabs.setCurrentIndex(2)  # 党员队伍
    members = window.current_tab()
    members.search_box.setFocus()
    qtbot.keyClicks(members.search_box, "wang")
    members.apply_criteria()
    qtbot.keyClick(members.search_box, Qt.Key.Key_Return)
    assert members.table.hasFocus() and members.table.currentIndex().row() == 0
    assert members.current_id() is not None
    window.tabs.setCurrentIndex(4)  # 诉求服务
    requests = window.current_tab()
    requests.filter_bar.search_box.setFocus()
    qtbot.keyClick(requests.filter_bar.search_box, Qt.Key.Key_Down)
    assert requests.table.hasFocus() and requests.selected_detail is not None


# -- empty database ----------------------------------------------------------------------------
def test_empty_hints_are_visible_on_an_empty_database(qtbot, store):
    window = _window(qtbot, store)
    for index in (1, 2, 4):  # 驿站阵地, 党员队伍, 诉求服务
        window.tabs.setCurrentIndex(index)
        tab = window.current_tab()
        qtbot.waitUntil(lambda t=tab: t.empty_label.isVisible())
        QApplication.processEvents()
        size = tab.empty_label.size()
        assert size.width() > 200 and size.height() > 20, (tab.title, size)
        assert "新增" in tab.empty_label.text() or "点单受理" in tab.empty_label.text()


# -- small screens -----------------------------------------------------------------------------
def test_the_default_window_fits_1366_by_768_with_every_tab_usable(qtbot, demo_store):
    size = default_size(SCREEN_1366)
    assert size.width() <= 1366 - 16 and size.height() <= 728 - 40
    assert default_size(QSize(1920, 1040)) == QSize(1280, 680)
    window = _window(qtbot, demo_store, size)
    for index, tab in enumerate(window.tab_pages):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert tab.minimumSizeHint().width() <= 1024, tab.title
    assert window.minimumSizeHint().width() <= 1024
    assert window.size() == size  # no tab pushed the window wider
    bar = window.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < window.height()
    requests = window.tab_pages[4]
    window.tabs.setCurrentIndex(4)
    QApplication.processEvents()
    toolbar = requests.findChild(QToolBar)
    for action in (requests.act_catalogue, requests.act_calendar, requests.act_overdue):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()  # not in the » overflow


# -- lost typing -------------------------------------------------------------------------------
def test_esc_in_a_dialog_with_typed_data_asks_first(qtbot, store, monkeypatch):
    from xhdesk.ui.registry.person_dialog import PersonDialog

    answers: list[bool] = []
    monkeypatch.setattr("xhdesk.ui.common.form.confirm_discard", lambda _p: answers.pop())
    dialog = PersonDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible()
    dialog = PersonDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.widget("name").setText("张三")
    answers.append(False)  # 继续填写
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.widget("name").text() == "张三"
    answers.append(True)  # 放弃
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# -- input -------------------------------------------------------------------------------------
def _id(first17: str) -> str:
    from xhdesk.data.core.validation import id_check_char

    return first17 + id_check_char(first17)


def test_full_width_and_spaced_ids_are_normalised_before_checking(qtbot, store):
    from xhdesk.data.models import Person
    from xhdesk.ui.registry.person_dialog import PersonDialog

    number = _id("32128119900101123")
    full_width = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
    dialog = PersonDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    for typed in (full_width, spaced, number.lower()):
        dialog.widget("id_number").setText(typed)
        assert "id_number" not in dialog.errors(), typed
        assert dialog.value("id_number") == number
    dialog.widget("id_number").setText(spaced)
    assert dialog.widget("id_number").text() == spaced  # a paste with spaces is not cut short
    dialog.widget("id_number").editingFinished.emit()
    assert dialog.widget("id_number").text() == number  # and is shown normalised
    dialog.widget("name").setText("张三")
    dialog.widget("phone").setText("１３８ 0000 1111")
    dialog.widget("occupation").setCurrentIndex(1)
    assert dialog.errors() == {}
    dialog.on_ok_clicked()
    with store.session() as s:
        person = s.get(Person, dialog.person_id)
        assert (person.id_number, person.phone) == (number, "13800001111")


def test_a_lowercase_credit_code_is_the_same_code(qtbot, store):
    from xhdesk.data.core.validation import uscc_check_char
    from xhdesk.data.registry.organisation import add_enterprise
    from xhdesk.ui.registry.enterprise_dialog import EnterpriseDialog

    code = "91321281MA1" + "ABCDEF"
    code += uscc_check_char(code)
    add_enterprise(store, {"name": "兴化速达快递", "kind": "courier", "credit_code": code})
    dialog = EnterpriseDialog(store)
    qtbot.addWidget(dialog)
    dialog.resize(860, dialog.sizeHint().height())
    dialog.show()
    dialog.widget("credit_code").setText(code.lower())
    assert dialog.value("credit_code") == code
    dialog.widget("credit_code").setText("91321281ma1abcdef0")  # wrong check character
    dialog._touched.add("credit_code")
    dialog.validate()
    QApplication.processEvents()
    hint = dialog.fields["credit_code"].hint
    below = dialog.fields["town"].widget
    assert hint.text()
    hint_bottom = hint.mapTo(dialog, hint.rect().bottomLeft()).y()
    next_top = below.mapTo(dialog, below.rect().topLeft()).y()
    needed = hint.heightForWidth(hint.width())
    assert hint.height() >= needed and hint_bottom <= next_top, "the hint overlaps the next field"


# -- search ------------------------------------------------------------------------------------
def test_members_tab_finds_spaced_pinyin_and_given_names(qtbot, store):
    from xhdesk.data.registry.persons import add_person
    from xhdesk.ui.registry.members_tab import MembersTab

    for i, name in enumerate(["张三", "王星海", "尉迟恭", "曾国藩"]):
        add_person(
            store, {"name": name, "id_number": _id(f"3212811990010112{i}"), "occupation": "rider"}
        )
    tab = MembersTab(store)
    qtbot.addWidget(tab)
    for query, expected in {
        "zhang san": ["张三"],
        "xinghai": ["王星海"],
        "yu chi": ["尉迟恭"],
        "weichi": ["尉迟恭"],
        "zeng": ["曾国藩"],
        "ZGF": ["曾国藩"],
    }.items():
        tab.search_box.setText(query)
        tab.apply_criteria()
        names = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
        assert names == expected, query


def test_pickers_tell_the_true_count(qtbot, demo_store):
    from xhdesk.data.registry.search import match_persons
    from xhdesk.ui.points.person_picker import PersonPicker

    members = match_persons(demo_store, "", limit=None, members_only=True, active_only=True)
    assert members.total > 200
    picker = PersonPicker(demo_store, multi=False)
    qtbot.addWidget(picker)
    assert picker.list.count() == 200
    assert f"共找到 {members.total:,} 人" in picker.summary.text()
    assert "列出前 200 人" in picker.summary.text()


def test_intake_search_says_there_are_more(qtbot, demo_store):
    from xhdesk.data.registry.search import match_persons
    from xhdesk.ui.requests.intake_page import IntakePage

    page = IntakePage(demo_store)
    qtbot.addWidget(page)
    page.person_search.setText("wang")
    page._search_people()
    total = match_persons(demo_store, "wang").total
    assert total > 20
    last = page.person_list.item(page.person_list.count() - 1).text()
    assert f"还有 {total - 20} 人未列出" in last


# -- other -------------------------------------------------------------------------------------
def test_the_overdue_list_prints_and_exports(qtbot, demo_store, monkeypatch, tmp_path):
    from datetime import date

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from xhdesk.data.requests.overdue_list import overdue_list
    from xhdesk.ui.requests.overdue_dialog import OverdueDialog

    today = date.today()
    expected = overdue_list(demo_store, today)
    assert expected.rows, "the demo has overdue requests"
    previews: list[bytes] = []
    monkeypatch.setattr(
        "xhdesk.ui.printing.preview.show_preview",
        lambda _p, data, _title, _file="": previews.append(data),
    )
    monkeypatch.setattr(
        "xhdesk.ui.common.excel_export.ask_path", lambda _p, _t: tmp_path / "overdue.xlsx"
    )
    monkeypatch.setattr("xhdesk.ui.requests.overdue_dialog.inform", lambda *_a: None)
    dialog = OverdueDialog(demo_store, today)
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    text = "".join(
        page.extract_text() for page in PdfReader(__import__("io").BytesIO(previews[0])).pages
    )
    assert "超期诉求清单" in text and expected.rows[0][1] in text
    dialog.export_button.click()
    sheet = load_workbook(tmp_path / "overdue.xlsx").active
    assert sheet["A1"].value == "超期诉求清单（按承办部门）"
    assert sheet.max_row == 3 + len(expected.rows)
    assert sheet.cell(4, 2).value == expected.rows[0][1]


def test_the_peers_dialog_has_no_large_empty_area(qtbot, store):
    from xhdesk.ui.sync.peers_dialog import PeersDialog

    dialog = PeersDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() < 200
