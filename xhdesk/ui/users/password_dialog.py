"""修改密码: the signed-in user changes their own password (the old one first)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from xhdesk.data.core.errors import ValidationError, XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.users import accounts, signin
from xhdesk.i18n import tr
from xhdesk.ui.common.theme import ACCENT


class PasswordDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert store.user is not None
        self.store, self.login = store, store.user.login
        self.setWindowTitle(tr("修改密码"))
        form = QFormLayout(self)
        form.addRow(tr("账号"), QLabel(store.user.author))
        self.old, self.new, self.again = (QLineEdit() for _ in range(3))
        for caption, edit in (
            ("原密码", self.old),
            ("新密码", self.new),
            ("确认新密码", self.again),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(tr(caption), edit)
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {ACCENT};")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_ok_clicked)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def on_ok_clicked(self) -> None:
        try:
            signin.check_password(self.store, self.login, self.old.text())
            if self.new.text() != self.again.text():
                raise ValidationError("两次输入的新密码不一致。")
            accounts.set_password(self.store, self.login, self.new.text())
        except XhdeskError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
