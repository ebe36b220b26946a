"""驿站阵地 tab: filters, search, counts, add/edit/delete through the tab, detail pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from registry_seed import seed

from xhdesk.ui.registry.station_dialog import StationDialog
from xhdesk.ui.registry.stations_tab import StationsTab


@pytest.fixture
def reg(store):
    return seed(store)


@pytest.fixture
def tab(qtbot, store, reg):
    widget = StationsTab(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def shown(tab: StationsTab) -> list[str]:
    name_at = [c.key for c in tab.listing.columns].index("name")
    return [tab.model.index(r, name_at).data() for r in range(tab.model.rowCount())]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("kind", "warm_bee", {"城东便民超市暖蜂驿站", "西郊中石化加油站暖蜂驿站"}),
        ("town", "城东镇", {"城东便民超市暖蜂驿站"}),
        ("status", "paused", {"兴化物流园驾驶员驿站"}),
        ("host_type", "petrol_station", {"西郊中石化加油站暖蜂驿站"}),
    ],
)
def test_each_filter(tab, key, value, expected):
    combo = tab.filters[key]
    combo.setCurrentIndex(combo.findData(value))
    assert set(shown(tab)) == expected


def test_status_counts_name_the_kind(tab):
    assert tab.status_text() == "共 3 个阵地（暖蜂驿站 2 · 驾驶员驿站 1）"
    tab.filters["kind"].setCurrentIndex(tab.filters["kind"].findData("warm_bee"))
    assert tab.status_text().startswith("暖蜂驿站：筛选出 2 个")


def test_search_and_the_detail_pane_lists_attached_persons(qtbot, tab):
    qtbot.keyClicks(tab.search_box, "S01")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    text = tab.detail.toPlainText()
    assert "城东便民超市暖蜂驿站" in text
    assert "常驻人员（2 人，其中党员 1 人）" in text and "张三" in text and "王五" in text


def test_add_a_station_with_a_bad_then_a_good_phone(qtbot, tab, monkeypatch):
    seen = {}

    def fill(d: StationDialog) -> None:
        d.widget("name").setText("周庄便民超市暖蜂驿站")
        d.widget("kind").setCurrentIndex(d.widget("kind").findData("warm_bee"))
        qtbot.keyClicks(d.widget("phone"), "12345")
        seen["bad"] = (d.ok_button.isEnabled(), d.fields["phone"].hint.text())
        d.widget("phone").clear()
        qtbot.keyClicks(d.widget("phone"), "0523-83211234")  # a landline is fine for a station

    monkeypatch.setattr(
        StationDialog, "exec", lambda self: (fill(self), self.ok_button.click(), self.result())[-1]
    )
    tab.action_new()
    assert seen["bad"] == (False, "手机号码应为以1开头的11位数字。")
    assert "周庄便民超市暖蜂驿站" in shown(tab)
    assert tab.status_text().startswith("共 4 个阵地（暖蜂驿站 3")
    assert "S04" in tab.detail.toPlainText()


def test_edit_delete_and_restore(qtbot, tab, monkeypatch):
    monkeypatch.setattr(
        StationDialog,
        "exec",
        lambda self: (
            self.widget("opening_hours").setText("24小时"),
            self.ok_button.click(),
            self.result(),
        )[-1],
    )
    tab.table.selectRow(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    hours_at = [c.key for c in tab.listing.columns].index("opening_hours")
    assert tab.model.index(0, hours_at).data() == "24小时"
    monkeypatch.setattr("xhdesk.ui.common.list_actions.confirm", lambda *_a: True)
    tab.action_delete()
    assert tab.model.rowCount() == 2
    tab.recycle_toggle.click()
    tab.table.selectRow(0)
    tab.action_delete()
    tab.recycle_toggle.click()
    assert tab.model.rowCount() == 3


def test_model_passes_the_model_tester(qtmodeltester, tab):
    qtmodeltester.check(tab.model)
