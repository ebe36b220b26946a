"""Signing in, the idle lock, roles and the 操作日志, driven through the window."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from xhdesk.data.core.store import Store
from xhdesk.data.users import accounts, audit
from xhdesk.ui.app import open_into, show_shell
from xhdesk.ui.users.accounts_dialog import AccountForm, AccountsDialog
from xhdesk.ui.users.audit_dialog import AuditDialog

SHOTS = "/tmp/xhdesk-users"


@pytest.fixture
def demo_copy(demo_template, tmp_path):
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_template, path)
    with Store.open(path) as store:  # the demo's accounts plus a read-only one
        accounts.add_account(store, "chak", "查看员", "viewer", "chak2026")
    return path


@pytest.fixture
def shell(qtbot):
    window = show_shell()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    yield window
    if window.store is not None:
        window.store.close()


def sign_in(qtbot, window, login: str, password: str) -> None:
    dialog = window.login_dialog
    dialog.login.setCurrentIndex(dialog.login.findData(login))
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_the_demo_opens_as_its_administrator_without_asking(shell, monkeypatch, demo_template):
    from xhdesk.data.core import paths

    monkeypatch.setattr(paths, "demo_db", lambda: demo_template)
    assert open_into(shell, None, demo=True)
    assert shell.login_dialog is None and shell.store.user.login == "admin"
    assert shell.user_label.text() == "当前用户：管理员（管理员）"
    assert shell.user_actions["accounts"].isVisible()


def test_no_data_shows_before_a_user_signs_in(qtbot, shell, demo_copy):
    assert open_into(shell, str(demo_copy), demo=False)
    assert shell.store.user is None and shell.login_dialog.isVisible()
    assert not shell._pages  # no tab was built, nothing read
    shell.login_dialog.grab().save(f"{SHOTS}-login.png")
    sign_in(qtbot, shell, "shuji", "wrong-pass")
    assert shell.login_dialog.isVisible() and "再错 4 次" in shell.login_dialog.error.text()
    sign_in(qtbot, shell, "shuji", "shuji2026")
    assert not shell.login_dialog.isVisible()
    shell.tabs.setCurrentIndex(1)  # 驿站阵地
    assert shell.store.user.author == "书记（shuji）" and shell.current_tab().model.rowCount() > 0
    assert not shell.user_actions["accounts"].isVisible()  # only an administrator manages users


def test_a_first_administrator_is_set_up_on_a_node_without_accounts(qtbot, shell, store):
    store.close()
    assert open_into(shell, str(store.path), demo=False)
    dialog = shell.login_dialog
    assert dialog.windowTitle() == "首次使用：设置管理员账号"
    dialog.name.setText("张主任")  # typed through an input method, not key by key
    qtbot.keyClicks(dialog.password, "start2026")
    qtbot.keyClicks(dialog.again, "start2027")
    dialog.on_ok_clicked()
    assert "不一致" in dialog.error.text() and shell.store.user is None
    dialog.again.setText("start2026")
    dialog.on_ok_clicked()
    assert shell.store.user.author == "张主任（admin）" and shell.store.user.role == "admin"


def test_a_read_only_account_cannot_start_a_write_in_the_window(qtbot, shell, demo_copy):
    open_into(shell, str(demo_copy), demo=False)
    sign_in(qtbot, shell, "chak", "chak2026")
    shell.tabs.setCurrentIndex(1)  # 驿站阵地
    tab = shell.current_tab()
    assert not tab.act_new.isEnabled() and not tab.act_delete.isEnabled()
    assert not shell._tab_actions["action_new"].isEnabled()
    assert shell._tab_actions["action_print"].isEnabled()  # looking and printing stay
    shell.tabs.setCurrentIndex(2)  # 党员队伍
    assert not shell.current_tab().act_edit.isEnabled()


def test_the_window_locks_and_unlocks_and_can_switch_user(qtbot, shell, demo_copy):
    open_into(shell, str(demo_copy), demo=False)
    sign_in(qtbot, shell, "jingban", "jingban2026")
    qtbot.keyClick(shell, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = shell.idle_lock.dialog
    assert lock is not None and not shell.centralWidget().isVisible()
    assert not lock.login.isEnabled()  # the locked user's own password
    lock.grab().save(f"{SHOTS}-lock.png")
    qtbot.keyClicks(lock.password, "jingban2026")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert shell.centralWidget().isVisible() and shell.idle_lock.dialog is None
    shell.idle_lock.lock()
    lock = shell.idle_lock.dialog
    switch = next(b for b in lock.buttons.buttons() if b.text() == "切换用户")
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert lock.login.isEnabled()
    lock.login.setCurrentIndex(lock.login.findData("shuji"))
    lock.password.setText("shuji2026")
    lock.on_ok_clicked()
    assert (
        shell.store.user.login == "shuji"
        and shell.user_label.text() == "当前用户：书记（书记/经办）"
    )


def test_idle_minutes_lock_the_window(qtbot, shell, demo_copy):
    open_into(shell, str(demo_copy), demo=False)
    sign_in(qtbot, shell, "shuji", "shuji2026")
    shell.idle_lock.timer.setInterval(50)  # as if the configured minutes had passed
    shell.idle_lock.timer.start()
    qtbot.waitUntil(lambda: shell.idle_lock.locked, timeout=3000)
    assert not shell.centralWidget().isVisible()


def test_an_administrator_adds_an_account_and_resets_a_password(qtbot, store, monkeypatch):
    accounts.add_account(store, "admin", "管理员", "admin", "admin2026")
    dialog = AccountsDialog(store)
    qtbot.addWidget(dialog)
    form = AccountForm(store, dialog)
    qtbot.keyClicks(form.login, "wangf")
    form.name.setText("王芳")
    qtbot.keyClicks(form.password, "123")
    form.on_ok_clicked()
    assert "至少 6 位" in form.error.text()
    form.password.setText("wangf2026")
    form.on_ok_clicked()
    assert form.result() == QDialog.DialogCode.Accepted
    dialog.reload()
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "admin",
        "wangf",
    ]
    told = []
    monkeypatch.setattr(
        "xhdesk.ui.users.accounts_dialog.inform", lambda _p, text, _t="": told.append(text)
    )
    dialog.table.selectRow(1)
    dialog.on_reset_clicked()
    temporary = told[0].split("临时密码：")[1].split("\n")[0]
    from xhdesk.data.users import signin

    assert signin.check_password(store, "wangf", temporary).login == "wangf"
    dialog.resize(640, 420)
    dialog.grab().save(f"{SHOTS}-accounts.png")


def test_the_audit_log_filters_by_user_and_exports(qtbot, demo_store, tmp_path, monkeypatch):
    from xhdesk.data.registry.organisation import add_station
    from xhdesk.data.users import signin

    signin.sign_in(demo_store, "shuji", "shuji2026")
    add_station(demo_store, {"name": "新建暖蜂驿站", "kind": "warm_bee"})
    dialog = AuditDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.author.setCurrentIndex(dialog.author.findData("书记（shuji）"))
    assert dialog.model.total == 1 and dialog.count.text() == "共 1 条操作记录"
    assert dialog.model.data(dialog.model.index(0, 5)).startswith("编号")
    dialog.grab().save(f"{SHOTS}-audit.png")
    told: list[str] = []
    monkeypatch.setattr(
        "xhdesk.ui.users.audit_dialog.inform", lambda _p, text, _t="": told.append(text)
    )
    job = dialog.export_to(tmp_path / "log.xlsx")
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert audit.count_entries(demo_store, audit.AuditFilter(author="书记（shuji）")) == 1
    assert (tmp_path / "log.xlsx").stat().st_size > 0 and told and "已导出" in told[0]
