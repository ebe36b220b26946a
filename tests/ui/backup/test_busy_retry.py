"""A form saved while another window or command writes: 重试 saves it, 取消 keeps what was typed."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QLineEdit

from xhdesk.data.models import Station
from xhdesk.ui.common.form import FormDialog


class _StationForm(FormDialog):
    def __init__(self, store) -> None:  # noqa: ANN001
        super().__init__(store, "新增驿站")
        self.add_field("name", "名称", QLineEdit(self), required=True)

    def save(self):  # noqa: ANN201
        with self.store.unit_of_work() as uow:
            uow.add(Station(code="S07", name=self.values()["name"], kind="warm_bee"))
        return uow.changes


def test_a_busy_save_can_be_retried_and_nothing_typed_is_lost(qtbot, store, monkeypatch):
    monkeypatch.setattr("xhdesk.data.core.store.BUSY_TIMEOUT_MS", 100)
    path = store.path
    store.close()
    from xhdesk.data.core.store import Store

    busy = Store.open(path, create=False)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    answers: list[str] = []

    def ask(_parent, exc) -> bool:  # noqa: ANN001
        answers.append(str(exc))
        if len(answers) == 1:
            return False  # 取消: the form stays open with what was typed
        holder.execute("ROLLBACK")  # the other window finished
        return True  # 重试

    monkeypatch.setattr("xhdesk.ui.common.form.ask_retry", ask)
    form = _StationForm(busy)
    qtbot.addWidget(form)
    form.fields["name"].widget.setText("城东暖蜂驿站")
    form.on_ok_clicked()
    assert answers == ["数据库正被另一个窗口或命令使用，请稍候重试。"]
    assert form.result() == 0 and form.fields["name"].widget.text() == "城东暖蜂驿站"
    form.on_ok_clicked()
    assert len(answers) == 2 and form.changes
    with busy.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM station").all() == [("城东暖蜂驿站",)]
    holder.close()
    busy.close()
