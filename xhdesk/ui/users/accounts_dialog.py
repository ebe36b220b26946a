"""用户管理 (管理员): this node's accounts — add, change name or role, 停用/启用, reset a password —
and the idle-lock minutes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.users import accounts, signin
from xhdesk.data.users.roles import USER_ROLES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import confirm, inform, show_error
from xhdesk.ui.common.theme import ACCENT

HEADERS = ["账号", "姓名", "角色", "状态"]


class AccountForm(QDialog):
    """新增账号 (with a password) or 修改账号 (name and role)."""

    def __init__(self, store: Store, parent: QWidget, account: accounts.Account | None = None):
        super().__init__(parent)
        self.store, self.account = store, account
        self.setWindowTitle(tr("修改账号" if account else "新增账号"))
        form = QFormLayout(self)
        self.login = QLineEdit(account.login if account else "")
        self.login.setEnabled(account is None)
        self.name = QLineEdit(account.name if account else "")
        self.role = QComboBox()
        for code, text in USER_ROLES.items():
            self.role.addItem(tr(text), code)
        self.role.setCurrentIndex(
            max(self.role.findData(account.role if account else "secretary"), 0)
        )
        form.addRow(tr("账号"), self.login)
        form.addRow(tr("姓名"), self.name)
        form.addRow(tr("角色"), self.role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if account is None:
            form.addRow(tr("初始密码"), self.password)
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {ACCENT};")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_ok_clicked)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def on_ok_clicked(self) -> None:
        role = str(self.role.currentData())
        try:
            if self.account is None:
                accounts.add_account(
                    self.store, self.login.text(), self.name.text(), role, self.password.text()
                )
            else:
                accounts.update_account(
                    self.store, self.account.login, name=self.name.text(), role=role
                )
        except XhdeskError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


class AccountsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("用户管理"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.btn_add = self._button(bar, "fa5s.user-plus", "新增账号", self.on_add_clicked)
        self.btn_edit = self._button(bar, "fa5s.pen", "修改", self.on_edit_clicked)
        self.btn_toggle = self._button(bar, "fa5s.user-slash", "停用/启用", self.on_toggle_clicked)
        self.btn_reset = self._button(bar, "fa5s.key", "重置密码", self.on_reset_clicked)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self.on_edit_clicked)
        layout.addWidget(self.table, 1)
        idle = QHBoxLayout()
        idle.addWidget(QLabel(tr("无操作自动锁定屏幕（分钟，0 为不锁定）：")))
        self.idle = QSpinBox()
        self.idle.setRange(0, 480)
        self.idle.setValue(signin.idle_minutes(store))
        self.idle.editingFinished.connect(self.on_idle_changed)
        idle.addWidget(self.idle)
        idle.addStretch(1)
        layout.addLayout(idle)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    def _button(self, bar: QHBoxLayout, icon: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(qta.icon(icon, color="#444"), tr(text))
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def reload(self) -> None:
        self.rows = accounts.list_accounts(self.store)
        self.table.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            locked = "已锁定" if a.locked_until and signin.is_locked(a.locked_until) else ""
            state = "已停用" if not a.active else (locked or "正常")
            for c, text in enumerate((a.login, a.name, a.role_label, state)):
                self.table.setItem(r, c, QTableWidgetItem(tr(text)))
        self.table.resizeColumnsToContents()

    def selected(self) -> accounts.Account | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def on_add_clicked(self) -> None:
        if AccountForm(self.store, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def on_edit_clicked(self) -> None:
        account = self.selected()
        if account is not None and AccountForm(self.store, self, account).exec():
            self.reload()

    def on_toggle_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        verb = "停用" if account.active else "启用"
        if not confirm(self, tr(f"确定{verb}账号「{account.login}（{account.name}）」？")):
            return
        try:
            accounts.set_active(self.store, account.login, not account.active)
        except XhdeskError as exc:
            show_error(self, exc)
        self.reload()

    def on_reset_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        password = signin.temporary_password()
        try:
            accounts.set_password(self.store, account.login, password)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        inform(
            self,
            tr(
                f"账号「{account.login}」的临时密码：{password}\n请告知本人，登录后在「工具 → 修改密码」中修改。"
            ),
            tr("已重置密码"),
        )
        self.reload()

    def on_idle_changed(self) -> None:
        try:
            signin.set_idle_minutes(self.store, self.idle.value())
        except XhdeskError as exc:
            show_error(self, exc)
