"""The 诉求服务 tab: intake through the button grid, then 转办 and 办结 from the quick actions."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Person, Station
from xhdesk.data.requests import catalogue, intake
from xhdesk.ui.requests.requests_tab import RequestsTab


@pytest.fixture
def tab(store, qtbot, monkeypatch):
    catalogue.install_default_catalogue(store)
    first17 = "32128119900101123"
    with store.unit_of_work() as uow:
        uow.add(Station(id="st-07", code="S07", name="城东暖蜂驿站", kind="warm_bee"))
        uow.add(
            Person(
                id="p-1",
                name="曾小兵",
                name_pinyin="zengxiaobing",
                name_initials="zxb",
                id_number=first17 + id_check_char(first17),
                phone="13912345678",
                occupation="rider",
            )
        )
    errors: list[str] = []
    for module in ("intake_page", "action_dialog"):
        monkeypatch.setattr(
            f"xhdesk.ui.requests.{module}.show_error",
            lambda _parent, exc, *_a: errors.append(str(exc)),
        )
    widget = RequestsTab(store)
    widget.errors = errors
    widget.intake.print_after.setChecked(False)  # the receipt preview is the printing issue's
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def _kind_button(tab: RequestsTab, name: str):
    return next(b for b in tab.intake.kind_buttons.values() if b.text().strip() == name)


def _ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_intake_by_the_button_grid_then_forward_and_resolve(tab, qtbot) -> None:
    tab.act_new.trigger()
    assert tab.stack.currentWidget() is tab.intake
    buttons = list(tab.intake.kind_buttons.values())
    assert len(buttons) == 14
    assert all(b.minimumHeight() >= 64 and 14 <= b.font().pointSizeF() <= 16 for b in buttons)

    qtbot.mouseClick(_kind_button(tab, "法律援助"), Qt.MouseButton.LeftButton)
    assert "时限 10 个工作日" in tab.intake.summary.text()
    tab.intake.station_combo.setCurrentIndex(tab.intake.station_combo.findData("st-07"))
    qtbot.mouseClick(tab.intake.walk_in_radio, Qt.MouseButton.LeftButton)
    tab.intake.walk_name.setText("王大力")  # keyClicks types ASCII only
    qtbot.keyClicks(tab.intake.walk_phone, "13800001111")
    tab.intake.description.setPlainText("送餐途中与行人发生碰撞，需要法律咨询")
    phone_button = next(b for b in tab.intake.channel_group.buttons() if b.text() == "电话")
    qtbot.mouseClick(phone_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.intake.submit_button, Qt.MouseButton.LeftButton)

    assert tab.errors == []
    assert tab.stack.currentIndex() == 0
    detail = tab.selected_detail
    assert detail is not None and detail.state == "accepted"
    number = detail.request.number
    assert number.startswith(f"XH-{datetime.now():%Y%m%d}-")
    assert (detail.request.requester_name, detail.request.channel) == ("王大力", "phone")
    assert not tab.flow_actions["closed"].isEnabled()  # an unresolved request cannot be closed
    assert not tab.flow_actions["return_visit"].isEnabled()

    dialog = tab.open_action("forwarded")
    assert dialog.department.currentText() == "司法局"  # the kind's default department
    dialog.contact.setText("法律援助中心 王律师")
    _ok(dialog)
    assert tab.selected_detail.state == "forwarded"
    assert tab.selected_detail.department_name == "司法局"

    dialog = tab.open_action("resolved")
    _ok(dialog)  # no answer yet: refused, the dialog stays open
    assert tab.errors and "办理结果" in tab.errors[-1]
    assert dialog.isVisible()
    dialog.note.setPlainText("已指派律师，双方调解达成一致")
    _ok(dialog)
    detail = tab.selected_detail
    assert detail.request.number == number and detail.state == "resolved"
    assert [t.kind for t in detail.timeline] == ["accepted", "forwarded", "resolved"]
    assert tab.flow_actions["return_visit"].isEnabled()
    assert "共 1 件诉求" in tab.status_text()


def test_registry_requester_found_by_initials(tab, qtbot) -> None:
    tab.action_new()
    qtbot.mouseClick(_kind_button(tab, "政策咨询"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.intake.person_search, "zxb")
    qtbot.waitUntil(lambda: tab.intake.person_list.count() == 1)
    assert "曾小兵" in tab.intake.chosen_label.text()
    tab.intake.submit()
    assert tab.selected_detail.request.person_id == "p-1"


def test_empty_catalogue_offers_the_default_one(store, qtbot) -> None:
    widget = RequestsTab(store)
    qtbot.addWidget(widget)
    widget.action_new()
    assert widget.intake.kind_buttons == {} and not widget.intake.empty_box.isHidden()
    widget.intake._install_catalogue()
    assert len(widget.intake.kind_buttons) == 14 and widget.intake.empty_box.isHidden()


def test_intake_without_a_kind_says_what_to_do(tab, qtbot) -> None:
    tab.action_new()
    tab.intake.submit()
    assert tab.errors == ["请先点击选择服务事项。"]
    assert tab.stack.currentWidget() is tab.intake


def test_return_visit_unsatisfied_reopens_and_queue_counts(tab, qtbot, store) -> None:
    req = intake.take_request(
        store,
        {
            "kind_id": tab.intake.choices.kinds[0].id,
            "requester_name": "甲",
            "requester_phone": "13800001111",
        },
    )
    tab.refresh()
    tab.queues.select_queue("all")
    assert tab.select_id(req.id)
    for kind, fill in (("forwarded", None), ("resolved", "已答复")):
        dialog = tab.open_action(kind)
        if fill:
            dialog.note.setPlainText(fill)
        _ok(dialog)
    dialog = tab.open_action("return_visit")
    dialog.set_satisfaction("unsatisfied")
    dialog.note.setPlainText("问题没有解决")
    _ok(dialog)
    assert tab.selected_detail.state == "reopened"
    assert tab.overview.queues["reopened"] == 1 and tab.overview.figures.visits == 1


def test_table_model_is_a_proper_qt_model(tab, store, qtmodeltester) -> None:
    for name in ("甲", "乙", "丙"):
        intake.take_request(
            store,
            {
                "kind_id": tab.intake.choices.kinds[1].id,
                "requester_name": name,
                "requester_phone": "13800001111",
            },
        )
    tab.refresh()
    tab.queues.select_queue("all")
    assert tab.model.rowCount() == 3
    qtmodeltester.check(tab.model)


def test_catalogue_editor_changes_a_time_limit(tab, qtbot, store) -> None:
    from xhdesk.ui.requests.catalogue_dialog import CatalogueDialog

    dialog = CatalogueDialog(store, tab)
    qtbot.addWidget(dialog)
    assert dialog.kind_table.rowCount() == 14 and dialog.dept_table.rowCount() == 15
    dialog.kind_table.cellWidget(0, 2).setValue(4)  # 政策咨询: 3 → 4 working days
    dialog.save()
    assert dialog.saved
    tab.refresh()
    assert tab.intake.choices.kinds[0].time_limit_days == 4
