"""Signing in through the window's dialog, as a person would, for the window tests."""

from __future__ import annotations


def finish_sign_in(window) -> None:  # noqa: ANN001 — a MainWindow after open_into
    """Complete the window's sign-in as a person would: the first administrator on a node without
    accounts, else the demo's 管理员."""
    dialog = getattr(window, "login_dialog", None)
    if dialog is None or not dialog.isVisible():
        return
    if hasattr(dialog, "again"):  # 首次使用：设置管理员账号
        dialog.name.setText("管理员")
        dialog.password.setText("admin2026")
        dialog.again.setText("admin2026")
    else:
        dialog.login.setCurrentIndex(dialog.login.findData("admin"))
        dialog.password.setText("admin2026")
    dialog.on_ok_clicked()
