"""同步 → 节点管理 (replace a lost PC, retire) and 文件 → 新建 / 打开 / 最近使用."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from signin_helpers import finish_sign_in

from xhdesk.data.network import organisation as org
from xhdesk.data.network.template import fill_from_template
from xhdesk.data.sync.nodes import list_nodes
from xhdesk.ui.network.nodes_dialog import NodesDialog


@pytest.fixture
def said(monkeypatch) -> list[str]:
    out: list[str] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(
            f"PySide6.QtWidgets.QMessageBox.{name}", lambda _p, _t, text, *a: out.append(text)
        )
    monkeypatch.setattr("xhdesk.ui.network.nodes_dialog.confirm", lambda *a, **k: True)
    return out


def _answer(monkeypatch, *paths: Path) -> None:
    queue = [str(p) for p in paths]
    getter = lambda *a, **k: (queue.pop(0) if queue else "", "")  # noqa: E731
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", getter)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", getter)


def test_replace_a_lost_pc_then_retire_a_node(qtbot, store, tmp_path, monkeypatch, said):
    fill_from_template(store)
    org.create_unit(store, "station", {"name": "城东驿站"})
    org.create_unit(store, "station", {"name": "城西驿站"})
    _answer(monkeypatch, tmp_path / "东.xhnode", tmp_path / "西.xhnode", tmp_path / "东2.xhnode")
    dialog = NodesDialog(store)
    qtbot.addWidget(dialog)
    for place in ("驿站：S01 城东驿站", "驿站：S02 城西驿站"):
        dialog.buttons["issue"].click()
        issue = dialog.issue_dialog
        issue.place.setCurrentIndex(issue.place.findText(place))
        issue.browse.click()
        issue.buttons.button(issue.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda d=issue: d.enrolled is not None, timeout=20_000)
        assert "口令只显示这一次" in issue.result_label.text()
        issue.accept()
    assert dialog.table.rowCount() == 3
    dialog.table.selectRow(0)  # the centre itself
    dialog.buttons["replace"].click()
    assert "中心节点本身不能更换" in said[-1]
    dialog.select_name("城东驿站")
    dialog.buttons["replace"].click()
    qtbot.waitUntil(lambda: any("已写入登记文件" in s for s in said), timeout=20_000)
    assert (tmp_path / "东2.xhnode").exists()
    states = sorted((n.name, n.state) for n in list_nodes(store) if n.name == "城东驿站")
    assert states == [("城东驿站", "active"), ("城东驿站", "revoked")]
    dialog.select_name("城西驿站")
    dialog.buttons["retire"].click()
    qtbot.waitUntil(
        lambda: any(n.state == "retired" for n in list_nodes(store) if n.name == "城西驿站"),
        timeout=20_000,
    )
    qtbot.waitUntil(
        lambda: "已停用" in [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]
    )


def test_file_new_open_and_recent_switch_the_window(qtbot, tmp_path, monkeypatch, empty_template):
    import shutil

    from xhdesk.ui.app import open_into, show_shell
    from xhdesk.ui.network.file_menu import recent_files

    first = Path(shutil.copyfile(empty_template, tmp_path / "甲.sqlite3"))
    window = show_shell()
    qtbot.addWidget(window)
    assert open_into(window, str(first), False, daily_backup=False)
    finish_sign_in(window)
    old_store = window.store
    second = tmp_path / "乙.sqlite3"
    _answer(monkeypatch, second)
    file_menu = {a.text(): a for a in window.menus["file"].actions()}
    assert list(file_menu)[:3] == ["新建数据库…", "打开数据库…", "最近使用"]
    file_menu["新建数据库…"].trigger()
    wizard = window.setup_wizard
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.centre.city.setText("泰州市")
    wizard.centre.code.setText("TZ")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.created, timeout=30_000)  # written off the UI thread
    finish_sign_in(window)  # a new database: its own first administrator
    assert window.store.path == second and "乙.sqlite3" in window.windowTitle()
    assert "泰州市服务中心" in window.windowTitle()
    assert [Path(p).name for p in recent_files()][:2] == ["乙.sqlite3", "甲.sqlite3"]
    assert old_store is not window.store
    window.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert len(entries) == 1 and entries[0].endswith("甲.sqlite3")
    window.recent_menu.actions()[0].trigger()
    finish_sign_in(window)
    assert window.store.path.name == "甲.sqlite3" and "甲.sqlite3" in window.windowTitle()
    _answer(monkeypatch, second)
    {a.text(): a for a in window.menus["file"].actions()}["打开数据库…"].trigger()
    finish_sign_in(window)
    assert window.store.path == second
    window.store.close()


def test_issuing_on_a_blank_centre_says_to_create_a_unit_first(qtbot, store, said):
    dialog = NodesDialog(store)
    qtbot.addWidget(dialog)
    dialog.buttons["issue"].click()
    issue = dialog.issue_dialog
    issue.buttons.button(issue.buttons.StandardButton.Ok).click()
    assert "工具 → 组织架构" in said[-1] and issue.enrolled is None
