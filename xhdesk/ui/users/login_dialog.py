"""登录 and 首次使用：设置管理员账号 — the dialogs before the window shows any data.

Both check the password off nothing but the data layer (``xhdesk.data.users``); a wrong password,
a lockout or a deactivated account is said under the password field and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from xhdesk import APP_TITLE
from xhdesk.data.core.actor import Actor
from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.users import accounts, signin
from xhdesk.i18n import tr
from xhdesk.ui.common.theme import ACCENT


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(64)
    return edit


class _CredentialsDialog(QDialog):
    """A small form with an error line and 确定/取消; subclasses say what 确定 does."""

    def __init__(
        self,
        store: Store,
        title: str,
        intro: str,
        parent: QWidget | None,
        submit: Callable[[], Actor],
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._submit = submit
        self.actor: Actor | None = None
        self.setWindowTitle(tr(title))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{APP_TITLE}</b><br>{store.node_name}（{label(ROLES, store.node_role)}）"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        if intro:
            note = QLabel(tr(intro))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {ACCENT};")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def on_ok_clicked(self) -> None:
        try:
            self.actor = self._submit()
        except XhdeskError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


class LoginDialog(_CredentialsDialog):
    """登录: pick the account, type the password. ``fixed_login`` is the idle lock's case."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, fixed_login: str | None = None
    ) -> None:
        intro = "屏幕已锁定，请输入密码解锁。" if fixed_login else "请选择账号并输入密码。"
        super().__init__(store, "登录" if not fixed_login else "解锁", intro, parent, self.submit)
        self.login = QComboBox()
        self.login.setEditable(True)
        for account in accounts.list_accounts(store, include_inactive=False):
            self.login.addItem(f"{account.login}（{account.name}）", account.login)
        if fixed_login:
            self.login.setCurrentIndex(max(self.login.findData(fixed_login), 0))
            self.login.setEnabled(False)
        self.password = _password_edit()
        self.form.addRow(tr("账号"), self.login)
        self.form.addRow(tr("密码"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("解锁" if fixed_login else "登录")
        )
        # Leaving this dialog closes the window: say so on the button.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("退出"))
        self.password.setFocus()

    def chosen_login(self) -> str:
        data = self.login.currentData()
        index = self.login.findText(self.login.currentText())
        return str(data) if data and index >= 0 else self.login.currentText().strip()

    def submit(self) -> Actor:
        typed = self.password.text()
        self.password.clear()  # a wrong password is typed again from scratch, as everywhere
        self.password.setFocus()
        return signin.check_password(self.store, self.chosen_login(), typed)


class FirstAdminDialog(_CredentialsDialog):
    """首次使用: this node has no account yet; the first one is its administrator."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            store,
            "首次使用：设置管理员账号",
            "本节点还没有用户账号。请设置第一个管理员账号；以后由管理员为其他人开设账号。",
            parent,
            self.submit,
        )
        self.login = QLineEdit("admin")
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("管理员的姓名"))
        self.password = _password_edit()
        self.again = _password_edit()
        for caption, widget in (
            ("账号", self.login),
            ("姓名", self.name),
            ("密码", self.password),
            ("确认密码", self.again),
        ):
            self.form.addRow(tr(caption), widget)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("退出"))
        self.name.setFocus()

    def submit(self) -> Actor:
        if self.password.text() != self.again.text():
            raise signin.SignInError("两次输入的密码不一致。")
        accounts.add_account(
            self.store, self.login.text(), self.name.text(), "admin", self.password.text()
        )
        return signin.check_password(self.store, self.login.text(), self.password.text())
