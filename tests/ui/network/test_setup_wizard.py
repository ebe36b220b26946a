"""首次使用向导: a new database file becomes a centre from the template (or a joining node)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from signin_helpers import finish_sign_in

from xhdesk.data.network import organisation as org


def start(qtbot, path: Path):  # noqa: ANN201 — the window, its wizard open
    from xhdesk.ui.app import open_into, show_shell

    window = show_shell()
    qtbot.addWidget(window)
    assert open_into(window, str(path), demo=False) is True
    wizard = window.setup_wizard
    assert wizard is not None and wizard.isVisible() and not path.exists()
    return window, wizard


def test_a_new_file_becomes_a_centre_from_the_template(qtbot, tmp_path):
    path = tmp_path / "中心.sqlite3"
    window, wizard = start(qtbot, path)
    wizard.choice.centre.click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.centre.city.setText("兴化市")
    wizard.centre.code.setText("xh")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.setup_wizard is None, timeout=30_000)  # off the UI thread
    assert path.exists() and wizard.created
    assert window.login_dialog.windowTitle() == "首次使用：设置管理员账号"
    finish_sign_in(window)
    assert "兴化市服务中心（中心节点）" in window.windowTitle()
    assert "中心.sqlite3" in window.windowTitle()
    assert "兴化市服务中心" in window.place_label.text()
    names = [u.name for u in org.list_org_units(window.store, "committee")]
    assert names == ["交通运输行业党委", "快递外卖行业党委", "网络名人行业党委"]
    assert window.store.local_state()["city_code"] == "XH"
    window.store.close()


def test_cancelling_the_wizard_writes_no_file(qtbot, tmp_path):
    from xhdesk.ui.common.open_error import OpenErrorScreen

    path = tmp_path / "new.sqlite3"
    window, wizard = start(qtbot, path)
    wizard.reject()
    assert not path.exists()
    assert isinstance(window.centralWidget(), OpenErrorScreen)


def test_joining_needs_the_file_and_its_passphrase(qtbot, tmp_path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *a: warnings.append(text)
    )
    path = tmp_path / "node.sqlite3"
    _window, wizard = start(qtbot, path)
    wizard.choice.join.click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert warnings == ["请选择节点登记文件（.xhnode）。"]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(tmp_path / "missing.xhnode"), ""),
    )
    wizard.join.browse.click()
    wizard.join.passphrase.setText("口令")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=30_000)
    assert "登记文件不存在" in warnings[-1]
    assert wizard.isVisible() and not path.exists()
