"""What users add to the window: 工具 → 用户管理 / 操作日志 / 修改密码 / 锁定屏幕, the user in
the status bar, and actions a read-only account may not take turned off."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from xhdesk.data.users import signin
from xhdesk.data.users.roles import can_administer, can_write, role_label
from xhdesk.i18n import tr
from xhdesk.ui.users.session import IdleLock

WRITE_ACTIONS = ("action_new", "action_edit", "action_delete")


def install(window: Any) -> None:
    tools = window.menus["tools"]
    tools.addSeparator()
    window.user_actions = {
        "accounts": window._act(tools, "fa5s.users-cog", "用户管理", lambda: show_accounts(window)),
        "audit": window._act(tools, "fa5s.history", "操作日志", lambda: show_audit(window)),
        "password": window._act(tools, "fa5s.key", "修改密码", lambda: change_password(window)),
        "lock": window._act(
            tools, "fa5s.lock", "锁定屏幕", lambda: window.idle_lock.lock(), "Ctrl+L"
        ),
    }
    if getattr(window, "user_label", None) is None:  # the window may be re-attached (restore)
        window.user_label = QLabel(window)
        window.statusBar().addPermanentWidget(window.user_label)
        window.idle_lock = IdleLock(window, signin.idle_minutes(window.store))
    else:
        window.idle_lock.set_minutes(signin.idle_minutes(window.store))
    apply_user(window)


def apply_user(window: Any) -> None:
    """Show who is signed in and offer only what their role may do."""
    user = window.store.user
    role = user.role if user else None
    window.user_label.setText(
        tr(f"当前用户：{user.name}（{role_label(user.role)}）") if user else tr("未登录")
    )
    window.user_actions["accounts"].setVisible(can_administer(role))
    window.user_actions["password"].setEnabled(user is not None)
    window.user_actions["lock"].setEnabled(user is not None)
    for method in WRITE_ACTIONS:
        action = window._tab_actions.get(method)
        if action is not None and not can_write(role):
            action.setEnabled(False)
    for tab in window.built_tabs():
        apply_to_tab(tab, role)


def apply_to_tab(tab: Any, role: str | None) -> None:
    """A read-only account sees a tab's 新增/编辑/删除 turned off (the services refuse them too)."""
    for name in ("act_new", "act_edit", "act_delete"):
        action = getattr(tab, name, None)
        if action is not None:
            action.setEnabled(can_write(role))


def show_accounts(window: Any) -> None:
    from xhdesk.ui.users.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(window.store, window)
    dialog.exec()
    window.idle_lock.set_minutes(signin.idle_minutes(window.store))


def show_audit(window: Any, row_id: str = "") -> None:
    from xhdesk.ui.users.audit_dialog import AuditDialog

    AuditDialog(window.store, window, row_id).exec()


def change_password(window: Any) -> None:
    from xhdesk.ui.users.password_dialog import PasswordDialog

    PasswordDialog(window.store, window).exec()
