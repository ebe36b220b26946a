"""The registry dialogs validate as you type; the 一企一档 window logs visits and instructors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate
from registry_seed import credit_code, id_number, seed

from xhdesk.data.registry.details import enterprise_detail
from xhdesk.data.registry.persons import update_person
from xhdesk.ui.registry.enterprise_dialog import EnterpriseDialog
from xhdesk.ui.registry.enterprises_window import EnterprisesWindow
from xhdesk.ui.registry.instructor_dialog import InstructorDialog
from xhdesk.ui.registry.person_dialog import PersonDialog
from xhdesk.ui.registry.verification_dialog import VerificationDialog
from xhdesk.ui.registry.visit_dialog import VisitDialog


@pytest.fixture
def reg(store):
    return seed(store)


def test_a_service_error_lands_under_its_field_and_the_dialog_stays_open(qtbot, store, reg):
    d = PersonDialog(store)
    qtbot.addWidget(d)
    d.widget("name").setText("张三丰")
    d.widget("occupation").setCurrentIndex(d.widget("occupation").findData("rider"))
    qtbot.keyClicks(d.widget("id_number"), id_number(1))  # already 张三's
    assert d.ok_button.isEnabled()
    d.ok_button.click()
    assert d.result() == 0  # not accepted: the dialog stays open
    assert d.fields["id_number"].hint.text() == "身份证号码已登记在 张三 名下，请勿重复录入。"
    assert not d.ok_button.isEnabled()
    d.widget("id_number").setText(id_number(40))
    assert d.ok_button.isEnabled() and d.fields["id_number"].hint.text() == ""


def test_party_fields_follow_the_political_status(qtbot, store, reg):
    d = PersonDialog(store, reg.persons["li"])  # 群众
    qtbot.addWidget(d)
    assert not d.widget("joined_party_on").isEnabled()
    status = d.widget("political_status")
    status.setCurrentIndex(status.findData("member"))
    assert d.widget("joined_party_on").isEnabled()
    qtbot.keyClicks(d.widget("joined_party_on"), "2020-13-01")
    assert d.fields["joined_party_on"].hint.text() == "入党日期不存在：2020-13-01。"
    d.widget("joined_party_on").setText("2020-07-01")
    assert d.ok_button.isEnabled()
    status.setCurrentIndex(status.findData("masses"))
    assert d.fields["joined_party_on"].hint.text().startswith("非党员不能填写入党日期")


def test_a_picker_finds_by_part_of_the_name_and_refuses_unknown_text(qtbot, store, reg):
    d = PersonDialog(store, reg.persons["li"])
    qtbot.addWidget(d)
    enterprise = d.widget("enterprise_id")
    enterprise.setEditText("不存在的公司")
    assert d.fields["enterprise_id"].hint.text() == "请从列表中选择所属企业，或清空。"
    assert not d.ok_button.isEnabled()
    enterprise.setCurrentIndex(enterprise.findText("兴化市顺丰速运有限公司"))
    assert d.ok_button.isEnabled()
    enterprise.completer().setCompletionPrefix("顺丰")
    assert enterprise.completer().currentCompletion() == "兴化市顺丰速运有限公司"


def test_the_verification_dialog_proposes_the_missing_check(qtbot, store, reg):
    d = VerificationDialog(store, reg.persons["zeng"])  # the org department has checked
    qtbot.addWidget(d)
    assert d.value("kind") == "industry_check"
    assert "组织部门已于 2026-03-01 核实（陆建国）" in d.heading.text()
    assert "321281********" in d.heading.text()
    assert not d.ok_button.isEnabled()  # who checked is required


def test_the_enterprise_dialog_checks_the_credit_code(qtbot, store, reg):
    d = EnterpriseDialog(store)
    qtbot.addWidget(d)
    d.widget("name").setText("兴化市蜂鸟即配有限公司")
    d.widget("kind").setCurrentIndex(d.widget("kind").findData("delivery"))
    good = credit_code(77)
    qtbot.keyClicks(d.widget("credit_code"), good[:-1] + ("1" if good[-1] != "1" else "2"))
    assert d.fields["credit_code"].hint.text() == "统一社会信用代码校验位不正确，请核对后重新输入。"
    d.widget("credit_code").setText(good)
    d.widget("liaison_leader").setText("周强")
    d.widget("instructor_id").setCurrentIndex(
        d.widget("instructor_id").findData(reg.instructors["deng"])
    )
    d.ok_button.click()
    saved = enterprise_detail(store, d.enterprise_id)
    assert saved.enterprise.liaison_leader == "周强" and saved.instructor.name == "邓海军"


def test_log_a_visit_and_list_the_enterprises_not_visited(qtbot, store, reg, monkeypatch):
    window = EnterprisesWindow(store)
    qtbot.addWidget(window)
    pane = window.enterprises
    not_visited = pane.filters["not_visited"]
    not_visited.setCurrentIndex(not_visited.findData("90"))
    assert pane.model.rowCount() == 3

    def fill(d: VisitDialog) -> None:
        day = date.today() - timedelta(days=3)
        d.widget("visited_on").setDate(QDate(day.year, day.month, day.day))
        d.widget("visitor").setText("王建国")
        d.widget("findings").setPlainText("骑手反映午间休息点不足")
        d.widget("follow_up").setPlainText("协调城东驿站延长开放")

    monkeypatch.setattr(
        VisitDialog, "exec", lambda self: (fill(self), self.ok_button.click(), self.result())[-1]
    )
    names = [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]
    pane.table.selectRow(names.index("兴化市美团外卖配送服务有限公司"))
    pane.act_visit.trigger()
    assert pane.model.rowCount() == 2  # visited: no longer in the 90-day list
    pane.clear_filters()
    names = [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]
    pane.table.selectRow(names.index("兴化市美团外卖配送服务有限公司"))
    text = pane.detail.toPlainText()
    assert (
        "走访记录（1 次）" in text
        and "骑手反映午间休息点不足" in text
        and "协调城东驿站延长开放" in text
    )
    assert "分管领导" in text and "党建指导员" in text and "邓海军" in text


def test_add_an_instructor(qtbot, store, reg, monkeypatch):
    window = EnterprisesWindow(store)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(1)
    pane = window.instructors

    def fill(d: InstructorDialog) -> None:
        d.widget("name").setText("钱文华")
        qtbot.keyClicks(d.widget("phone"), "13905239999")
        d.widget("unit").setText("市总工会")

    monkeypatch.setattr(
        InstructorDialog,
        "exec",
        lambda self: (fill(self), self.ok_button.click(), self.result())[-1],
    )
    changes = []
    window.data_changed.connect(changes.append)
    pane.action_new()
    assert pane.model.rowCount() == 2 and "钱文华" in pane.detail.toPlainText()
    assert changes and changes[0].inserted["instructor"] == 1
    assert "共 2 名指导员" in window.status.text()


def test_enterprise_models_pass_the_model_tester(qtmodeltester, qtbot, store, reg):
    window = EnterprisesWindow(store)
    qtbot.addWidget(window)
    qtmodeltester.check(window.enterprises.model)
    qtmodeltester.check(window.instructors.model)


def test_editing_keeps_a_town_that_no_station_is_in(qtbot, store, reg):
    update_person(store, reg.persons["li"], {"town": "林湖乡"})
    d = PersonDialog(store, reg.persons["li"])
    qtbot.addWidget(d)
    assert d.value("town") == "林湖乡"
