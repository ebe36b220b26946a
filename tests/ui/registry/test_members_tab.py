"""党员队伍 tab: search, filters, add/edit through the dialog, delete/restore, 双核, export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from registry_seed import id_number, seed

from xhdesk.data.registry.details import person_detail
from xhdesk.ui.registry.members_tab import MembersTab
from xhdesk.ui.registry.person_dialog import PersonDialog
from xhdesk.ui.registry.verification_dialog import VerificationDialog


@pytest.fixture
def reg(store):
    return seed(store)


@pytest.fixture
def tab(qtbot, store, reg):
    widget = MembersTab(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def shown_names(tab: MembersTab) -> list[str]:
    return [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]


def drive(monkeypatch, dialog_class, fill) -> list[QDialog]:
    """Replace the modal exec() of ``dialog_class``: ``fill(dialog)`` then press 保存."""
    opened: list[QDialog] = []

    def fake_exec(self) -> int:
        opened.append(self)
        fill(self)
        self.ok_button.click()
        return self.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened


def select(tab: MembersTab, name: str) -> None:
    row = shown_names(tab).index(name)
    tab.table.selectRow(row)


def test_search_by_pinyin_initials_and_phone_fragment(qtbot, tab):
    statuses: list[str] = []
    tab.status_changed.connect(statuses.append)
    qtbot.keyClicks(tab.search_box, "zs")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert shown_names(tab) == ["张三"]
    assert statuses[-1] == "共 6 人（党员 4 人） · 筛选出 1 人"
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "385230")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert set(shown_names(tab)) == {"张三", "赵敏"}
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Escape)
    assert tab.search_box.text() == ""
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("occupation", "rider", {"张三", "赵敏"}),
        ("political_status", "party", {"张三", "曾小明", "欧阳娜娜", "赵敏"}),
        ("verification", "both", {"张三"}),
        ("verification", "one", {"曾小明"}),
        ("verification", "none", {"欧阳娜娜", "赵敏"}),
        ("mobile", "yes", {"曾小明"}),
        ("view", "unverified_claims", {"欧阳娜娜", "赵敏"}),
        ("view", "unattached_members", {"欧阳娜娜"}),
    ],
)
def test_each_filter(tab, key, value, expected):
    combo = tab.filters[key]
    combo.setCurrentIndex(combo.findData(value))
    assert set(shown_names(tab)) == expected
    assert f"筛选出 {len(expected)} 人" in tab.status_text()


def test_filters_by_committee_branch_enterprise_and_station(tab, reg):
    for key, value, expected in (
        ("committee", reg.committees["influencer"], {"欧阳娜娜"}),
        ("branch", reg.branches["express"], {"张三", "曾小明", "赵敏"}),
        ("enterprise", reg.enterprises["meituan"], {"张三", "赵敏"}),
        ("station", reg.stations["east"], {"张三", "王五"}),
    ):
        tab.clear_filters()
        combo = tab.filters[key]
        combo.setCurrentIndex(combo.findData(value))
        assert set(shown_names(tab)) == expected, key
    tab.clear_filters()
    assert len(shown_names(tab)) == 6


def test_adding_a_person_with_an_invalid_then_a_valid_id_number(qtbot, tab, monkeypatch):
    seen: dict[str, object] = {}

    def fill(d: PersonDialog) -> None:
        d.widget("name").setText("孙悦")  # keyClicks types Latin-1 only
        d.widget("occupation").setCurrentIndex(d.widget("occupation").findData("courier"))
        bad = id_number(30)[:-1] + ("0" if id_number(30)[-1] != "0" else "1")
        qtbot.keyClicks(d.widget("id_number"), bad)
        seen["ok_enabled_when_bad"] = d.ok_button.isEnabled()
        seen["hint"] = d.fields["id_number"].hint.text()
        seen["red"] = "border" in d.widget("id_number").styleSheet()
        d.widget("id_number").clear()
        qtbot.keyClicks(d.widget("id_number"), id_number(30, "19950615", male=False))
        qtbot.keyClicks(d.widget("phone"), "13952300000")
        seen["ok_enabled_when_good"] = d.ok_button.isEnabled()
        seen["derived"] = d.derived.text()

    drive(monkeypatch, PersonDialog, fill)
    tab.action_new()
    assert seen["ok_enabled_when_bad"] is False
    assert seen["hint"] == "身份证号码校验位不正确，请核对后重新输入。" and seen["red"]
    assert seen["ok_enabled_when_good"] is True
    assert seen["derived"].startswith("女 · 1995年06月15日")
    assert "孙悦" in shown_names(tab)
    assert tab.status_text() == "共 7 人（党员 4 人）"
    new_id = tab.current_id()
    person = person_detail(tab.store, new_id).person
    assert (person.gender, person.birth_date.isoformat()) == ("女", "1995-06-15")
    assert "孙悦" in tab.detail.toPlainText()


def test_enter_edits_the_selected_person_and_the_history_shows_it(qtbot, tab, monkeypatch):
    opened = drive(
        monkeypatch,
        PersonDialog,
        lambda d: (d.widget("phone").clear(), qtbot.keyClicks(d.widget("phone"), "13600001111")),
    )
    select(tab, "李四")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].widget("id_number").text() == id_number(3)  # unmasked
    phone_at = [c.key for c in tab.listing.columns].index("phone")
    row = shown_names(tab).index("李四")
    assert tab.model.index(row, phone_at).data() == "136****1111"
    assert "电话→13600001111" in tab.detail.toPlainText()


def test_delete_asks_once_and_the_recycle_bin_restores(qtbot, tab, monkeypatch):
    questions: list[str] = []
    monkeypatch.setattr(
        "xhdesk.ui.common.list_actions.confirm",
        lambda _p, text, _t="": questions.append(text) or True,
    )
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.model.index(1, 0),
        tab.table.selectionModel().SelectionFlag.Select
        | tab.table.selectionModel().SelectionFlag.Rows,
    )
    gone = shown_names(tab)[:2]
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert questions == ["确定删除选中的 2 条记录？可在回收站恢复。"]
    assert not set(gone) & set(shown_names(tab)) and tab.model.rowCount() == 4
    tab.recycle_toggle.click()
    assert tab.act_delete.text() == "恢复" and not tab.act_new.isEnabled()
    assert set(shown_names(tab)) == set(gone)
    tab.table.selectAll()
    tab.action_delete()
    assert tab.model.rowCount() == 0 and "回收站是空的" in tab.empty_label.text()
    tab.recycle_toggle.click()
    assert tab.act_delete.text() == "删除" and tab.model.rowCount() == 6
    assert len(questions) == 1  # restoring asks nothing


def test_record_a_verification_from_the_context_actions(qtbot, tab, monkeypatch):
    def fill(d: VerificationDialog) -> None:
        assert d.value("kind") == "org_check"
        d.widget("kind").setCurrentIndex(d.widget("kind").findData("industry_check"))
        d.widget("checked_by").setText("顾德明")

    drive(monkeypatch, VerificationDialog, fill)
    assert tab.act_verify in tab.context_actions()
    select(tab, "赵敏")
    tab.act_verify.trigger()
    assert "行业部门核实" in tab.detail.toPlainText() and "顾德明" in tab.detail.toPlainText()
    combo = tab.filters["verification"]
    combo.setCurrentIndex(combo.findData("one"))
    assert "赵敏" in shown_names(tab)


def test_export_of_the_view_reads_back_with_the_same_values(qtbot, tab, tmp_path):
    combo = tab.filters["political_status"]
    combo.setCurrentIndex(combo.findData("party"))
    path = tmp_path / "党员.xlsx"
    task = tab.export_to(path)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    ws = load_workbook(path).active
    columns = tab.model.columnCount()
    assert [c.value for c in ws[1]] == [
        tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(columns)
    ]
    for r, cells in enumerate(ws.iter_rows(min_row=2)):
        expected = [tab.model.index(r, c).data() for c in range(columns)]
        assert [c.value or "" for c in cells] == expected
    assert ws.max_row == 1 + tab.model.rowCount() == 5


def test_header_click_sorts_and_the_layout_is_remembered(qtbot, store, tab):
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown_names(tab)[0] == "赵敏" and shown_names(tab)[-1] == "李四"
    tab.table.setColumnWidth(2, 222)
    tab.filters["occupation"].setCurrentIndex(tab.filters["occupation"].findData("rider"))
    tab.save_settings()
    again = MembersTab(store)
    qtbot.addWidget(again)
    assert again.table.columnWidth(2) == 222
    assert again.filters["occupation"].currentData() == "rider"
    assert [again.model.index(r, 0).data() for r in range(again.model.rowCount())] == [
        "赵敏",
        "张三",
    ]


def test_models_pass_the_model_tester(qtmodeltester, tab):
    qtmodeltester.check(tab.model)
    tab.search_box.setText("z")
    tab.apply_criteria()
    qtmodeltester.check(tab.model)


def test_print_shows_the_current_list_as_a_roster(qtbot, tab):
    combo = tab.filters["occupation"]
    combo.setCurrentIndex(combo.findData("rider"))
    job = tab.action_print()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    preview = tab.last_preview
    qtbot.addWidget(preview)
    assert preview.page_count() == 1
    assert tab.describe_view(2) == "筛选：职业 外卖骑手 · 共 2 人"


def test_a_broad_result_shows_at_once_and_is_counted_in_the_background(qtbot, tab, monkeypatch):
    monkeypatch.setattr("xhdesk.ui.common.table_model.KEYS_FIRST", 2)
    monkeypatch.setattr("xhdesk.ui.common.table_model.KEYS_HELD", 4)
    tab.search_box.setText("1")  # every phone number
    tab.apply_criteria()
    assert tab.model.rowCount() == 2 and tab.model.counting
    assert "筛选出 2+ 人（正在计数…）" in tab.status_text()
    with qtbot.waitSignal(tab.model.counted, timeout=5000):
        pass
    assert tab.model.rowCount() == 6 and not tab.model.counting
    assert set(shown_names(tab)) == {"张三", "曾小明", "李四", "欧阳娜娜", "王五", "赵敏"}
    assert tab.status_text() == "共 6 人（党员 4 人）"
