"""The development window: the 待办 list in red and amber, the record, the step dialog, the plan."""

from __future__ import annotations

from datetime import date

from development_seed import seed, step, walk
from PySide6.QtCore import QDate, Qt

from xhdesk.data.development.queries import development_record
from xhdesk.data.development.quota import set_quota
from xhdesk.ui.development.step_dialog import StepDialog
from xhdesk.ui.development.todo_model import RED
from xhdesk.ui.development.window import DevelopmentWindow

TODAY = date(2025, 9, 15)


def _pipeline(store):
    ids = seed(store)
    walk(store, ids["p1"], upto="admission_approved")  # approval due 2025-09-20: amber
    step(store, ids["p2"], "application", date(2025, 8, 10))  # talk due 2025-09-10: red
    step(store, ids["p3"], "application", date(2025, 9, 1))
    return ids


def test_todo_list_red_amber_and_the_record(qtbot, qtmodeltester, store):
    ids = _pipeline(store)
    window = DevelopmentWindow(store, None, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 720)
    qtmodeltester.check(window.model)
    model = window.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "曾快递",
        "刘骑手",
        "欧阳司机",
    ]
    assert model.index(0, 6).data() == "已逾期"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == RED
    assert model.index(1, 6).data() == "即将到期"
    assert "已逾期 1 人" in window.status.text()
    window.table.selectRow(1)
    html = window.detail.toPlainText()
    assert (
        "上级党委审批接收预备党员" in html and "2025-09-20" in html and "支部大会讨论接收" in html
    )
    window.branch_box.setCurrentIndex(window.branch_box.findData(ids["other"]))
    assert model.rowCount() == 1
    window.branch_box.setCurrentIndex(0)
    window.show()
    qtbot.waitExposed(window)
    window.table.selectRow(0)
    window.grab().save("/tmp/xhdesk-development-todo.png")


def test_step_dialog_records_the_next_step_with_its_deadline_shown(qtbot, store):
    ids = _pipeline(store)
    dialog = StepDialog(store, ids["p2"], None, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.value("step") == "talk"
    assert "最迟 2025-09-10" in dialog.window_note.text()
    assert not dialog.widget("contacts").isVisibleTo(dialog)
    dialog.widget("happened_on").setDate(QDate(2025, 9, 12))
    assert "逾期" in dialog.window_note.text()
    dialog.widget("note").setPlainText("支部书记与本人谈话，了解入党动机。")
    dialog.on_ok_clicked()
    assert dialog.result() == dialog.DialogCode.Accepted
    record = development_record(store, ids["p2"])
    assert record.events[-1].step == "talk" and record.progress.late == {"talk": date(2025, 9, 10)}


def test_step_dialog_shows_the_services_refusal_and_stays_open(qtbot, store, monkeypatch):
    ids = _pipeline(store)
    shown = []
    monkeypatch.setattr("xhdesk.ui.common.form.show_error", lambda _p, exc: shown.append(exc))
    dialog = StepDialog(store, ids["p2"], None, TODAY)
    qtbot.addWidget(dialog)
    dialog.widget("happened_on").setDate(QDate(2025, 8, 1))  # before the application
    dialog.on_ok_clicked()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "过早" in shown[0].message


def test_a_steps_documents_open_from_the_record(qtbot, store, monkeypatch):
    from xhdesk.data.development.flow import StepInput, record_step

    ids = _pipeline(store)
    record_step(
        store,
        ids["p2"],
        StepInput("talk", date(2025, 9, 1), attachments=(("谈话记录.pdf", b"%PDF-1.4 talk"),)),
        today=TODAY,
    )
    opened = []
    monkeypatch.setattr(
        "xhdesk.ui.development.window.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    window = DevelopmentWindow(store, None, ids["p2"], TODAY)
    qtbot.addWidget(window)
    assert "谈话记录.pdf" in window.detail.toPlainText()
    att_id = development_record(store, ids["p2"]).attachments
    (only,) = [a for files in att_id.values() for a in files]
    window.open_attachment(only[0])
    assert opened[0].toLocalFile().endswith("谈话记录.pdf")
    with open(opened[0].toLocalFile(), "rb") as f:
        assert f.read() == b"%PDF-1.4 talk"


def test_quota_page_marks_an_exceeded_plan(qtbot, store):
    ids = _pipeline(store)
    step(store, ids["p1"], "admission_approved", date(2025, 9, 1))
    set_quota(store, 2025, ids["committee"], ids["branch"], 0, 0)
    window = DevelopmentWindow(store, None, today=TODAY)
    qtbot.addWidget(window)
    window.pages.setCurrentIndex(1)
    cells = {
        window.quota_table.item(r, 0).text().strip(): window.quota_table.item(r, 6).text()
        for r in range(window.quota_table.rowCount())
    }
    assert cells["顺丰流动党支部"] == "超出计划"
    assert cells["快递外卖行业党委"] == "未下达计划"
