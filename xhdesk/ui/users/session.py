"""Who is at the keyboard, in the window: sign in before any data shows, lock when idle.

``sign_in_then`` is called with the opened store before the window is filled: the demo signs in as
its 管理员 at once; a node with accounts asks for one; a node without any asks for its first
administrator. ``IdleLock`` hides the window's content after the configured idle minutes and asks
for the password again (or another account: 切换用户).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from xhdesk.data.core.actor import Actor
from xhdesk.data.core.store import Store
from xhdesk.data.users import accounts, signin
from xhdesk.ui.users.login_dialog import FirstAdminDialog, LoginDialog

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def sign_in_then(
    parent: QWidget,
    store: Store,
    demo: bool,
    on_signed_in: Callable[[Actor], None],
    on_cancel: Callable[[], None],
) -> QDialog | None:
    """Sign a user in (asking, unless this is the demo), then call ``on_signed_in``.

    Returns the dialog it opened (window-modal, not blocking), or None when nobody had to be asked.
    """
    if demo:
        actor = signin.demo_admin(store)
        signin.become(store, actor)
        on_signed_in(actor)
        return None
    dialog: QDialog = (
        LoginDialog(store, parent)
        if accounts.has_accounts(store)
        else FirstAdminDialog(store, parent)
    )

    def finished(result: int) -> None:
        actor = getattr(dialog, "actor", None)
        if result == QDialog.DialogCode.Accepted and actor is not None:
            signin.become(store, actor)
            on_signed_in(actor)
        else:
            on_cancel()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` without keyboard or mouse input (0: never)."""

    def __init__(self, window: Any, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog: LoginDialog | None = None
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in INPUT_EVENTS and self.dialog is None and self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        return False

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        """Hide the data and ask for the password of the signed-in user."""
        store: Store = self.window.store
        if self.dialog is not None or store.user is None:
            return
        self.window.centralWidget().setVisible(False)
        self.dialog = LoginDialog(store, self.window, fixed_login=store.user.login)
        switch = self.dialog.buttons.addButton("切换用户", self.dialog.buttons.ButtonRole.ResetRole)
        switch.clicked.connect(self._switch_user)
        self.dialog.finished.connect(self._on_unlock_finished)
        self.dialog.open()

    def _switch_user(self) -> None:
        assert self.dialog is not None
        self.dialog.login.setEnabled(True)
        self.dialog.login.setFocus()

    def _on_unlock_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        actor = dialog.actor if dialog is not None else None
        if result != QDialog.DialogCode.Accepted or actor is None:
            self.window.close()  # leaving a locked window means closing it
            return
        store: Store = self.window.store
        if store.user is None or actor.id != store.user.id:
            signin.become(store, actor)
            self.window.on_user_changed()
        self.window.centralWidget().setVisible(True)
        self.set_minutes(self.minutes)
