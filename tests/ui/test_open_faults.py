"""The fault table through opening the window: the error screen in words, the file unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from signin_helpers import finish_sign_in

from tests.db_faults import FAULTS, snapshot, unlock
from xhdesk.ui.app import open_into, show_shell
from xhdesk.ui.common.open_error import OpenErrorScreen


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr("xhdesk.ui.common.messages.confirm", lambda *a, **k: False)
    w = show_shell()
    qtbot.addWidget(w)
    yield w
    if w.store is not None:
        w.store.close()


def _screen(window) -> OpenErrorScreen:
    screen = window.centralWidget()
    assert isinstance(screen, OpenErrorScreen)
    return screen


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_opens_on_the_error_screen(window, tmp_path, empty_template, fault):
    path, fragment = FAULTS[fault](tmp_path, empty_template)
    before = snapshot(tmp_path)
    try:
        opened = open_into(window, str(path), False, daily_backup=False)
        wizard = window.setup_wizard
        if wizard is not None:  # a new file: the first-run wizard; cancelled, nothing is written
            assert fault in ("missing", "percent_name", "zero_bytes")
            wizard.reject()
        else:
            assert opened is False
        after = snapshot(tmp_path)
    finally:
        unlock(tmp_path)
    text = _screen(window).message.text()
    assert fragment in text or (
        fault in ("missing", "percent_name", "zero_bytes") and "不存在" in text
    )
    assert "Traceback" not in text and window.status_label.text() == "未打开数据库"
    assert after == before


def test_an_unwritable_user_data_folder_is_explained(window, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(
        "xhdesk.data.core.paths._dirs", type("D", (), {"user_data_dir": str(blocker / "xhdesk")})
    )
    assert open_into(window, None, False, daily_backup=False) is False
    assert "路径中有一部分是文件" in _screen(window).message.text()


def test_a_missing_file_is_created_only_through_the_first_run_wizard(qtbot, tmp_path):
    w = show_shell()
    qtbot.addWidget(w)
    path = tmp_path / "新建.sqlite3"
    assert open_into(w, str(path), False, daily_backup=False) is True
    assert not path.exists()
    wizard = w.setup_wizard
    wizard.next()  # 新建中心节点
    wizard.centre.blank.click()
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.created, timeout=30_000)  # written off the UI thread
    finish_sign_in(w)
    assert path.stat().st_size > 0 and w.centralWidget() is w.tabs
    w.store.close()


def test_the_error_screen_restores_a_backup_and_opens_it(
    window, tmp_path, empty_template, monkeypatch
):
    from xhdesk.data.core.backup import create_backup
    from xhdesk.ui.backup.backups_dialog import BackupsDialog

    path = Path(shutil.copyfile(empty_template, tmp_path / "db.sqlite3"))
    create_backup(path)
    with path.open("r+b") as fh:  # the file is damaged after the backup was taken
        fh.seek(100)
        fh.write(b"\xff" * 3996)
    assert open_into(window, str(path), False, daily_backup=False) is False
    monkeypatch.setattr(
        BackupsDialog, "exec", lambda self: self.restore_requested.emit(self.backups[0].path)
    )
    _screen(window).restore_button.click()
    finish_sign_in(window)
    assert window.centralWidget() is window.tabs and window.store is not None
    assert window.store.local_state().get("incarnation")
    assert [a.text() for a in window.menus["file"].actions()].count("备份…") == 1
    damaged = list((tmp_path / "db.sqlite3.backups").glob("damaged-*"))
    assert len(damaged) == 1  # the damaged file is kept aside, never thrown away
