"""文件 → 备份 / 从备份恢复 in the window: back up now, restore, the window shows the restored file."""

from __future__ import annotations

import shutil
from pathlib import Path

from signin_helpers import finish_sign_in

from xhdesk.data.core.backup import create_backup, list_backups
from xhdesk.data.models import Station
from xhdesk.ui.app import open_into, show_shell
from xhdesk.ui.backup import menu as backup_menu
from xhdesk.ui.backup.backups_dialog import BackupsDialog


def _station_names(store) -> list[str]:
    with store.engine.connect() as conn:
        return [n for (n,) in conn.exec_driver_sql("SELECT name FROM station ORDER BY name")]


def test_backup_now_lists_the_backup_with_time_reason_and_size(qtbot, store, monkeypatch):
    monkeypatch.setattr("xhdesk.ui.backup.backups_dialog.inform", lambda *a, **k: None)
    dialog = BackupsDialog(store.path, store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and "还没有备份" in dialog.summary.text()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20000)
    cells = [dialog.table.item(0, c).text() for c in range(3)]
    assert cells[1] == "手动备份" and cells[2].endswith("KB")
    assert "共 1 个备份" in dialog.summary.text() and "上限 1,024.0 MB" in dialog.summary.text()


def test_the_keeping_rules_are_saved_for_this_installation(qtbot, store):
    dialog = BackupsDialog(store.path, store)
    qtbot.addWidget(dialog)
    dialog.spins["daily"].setValue(10)
    dialog.spins["budget_mb"].setValue(200)
    dialog.save_rules_button.click()
    state = store.local_state()
    assert state["backup_daily"] == "10" and state["backup_budget_mb"] == "200"
    assert "上限 200.0 MB" in dialog.summary.text() or dialog.table.rowCount() == 0


def test_restore_from_the_menu_replaces_the_data_and_keeps_the_window(
    qtbot, tmp_path, empty_template, monkeypatch
):
    path = Path(shutil.copyfile(empty_template, tmp_path / "db.sqlite3"))
    window = show_shell()
    qtbot.addWidget(window)
    assert open_into(window, str(path), False, daily_backup=False)
    finish_sign_in(window)
    node = window.store.node_id
    with window.store.unit_of_work() as uow:
        uow.add(Station(code="S07", name="城东暖蜂驿站", kind="warm_bee"))
    create_backup(path)
    with window.store.unit_of_work() as uow:
        uow.add(Station(code="S08", name="戴南暖蜂驿站", kind="warm_bee"))
    monkeypatch.setattr("xhdesk.ui.common.messages.confirm", lambda *a, **k: True)
    monkeypatch.setattr("xhdesk.ui.common.messages.inform", lambda *a, **k: None)
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: self.on_restore_clicked())
    titles = [a.text() for a in window.menus["file"].actions()]
    assert "备份…" in titles and "从备份恢复…" in titles and titles[-1] == "退出"
    backup_menu.show_backups(window, restoring=True)
    assert _station_names(window.store) == ["城东暖蜂驿站"]
    assert window.store.node_id == node and window.centralWidget() is window.tabs
    assert window.current_tab().store is window.store
    assert [b.reason for b in list_backups(path)][0] == "restore"  # the replaced file was kept
    window.store.close()
