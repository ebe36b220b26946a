"""Local accounts of this node: add, list, change role, deactivate, set and reset passwords.

The account row (login, name, role) syncs so that every node can name the author of a change; the
password hash stays in the local ``credential`` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import col, select

from xhdesk.data.core.actor import author_name
from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.models import Credential, User
from xhdesk.data.users.passwords import hash_password
from xhdesk.data.users.roles import USER_ROLES, require_write, role_label

MIN_PASSWORD = 6
LOGIN_PATTERN = re.compile(r"^[\w\u4e00-\u9fff.-]{1,16}$")


@dataclass(frozen=True)
class Account:
    id: str
    login: str
    name: str
    role: str
    active: bool
    locked_until: str

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def author(self) -> str:
        """How the audit trail names this user: "王芳（wangf）"."""
        return author_name(self.name, self.login)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位。", field="password")
    if password.isdigit() and len(set(password)) == 1:
        raise ValidationError(
            "密码过于简单，请不要使用同一个数字重复组成的密码。", field="password"
        )


def _clean(login: str, name: str, role: str) -> tuple[str, str, str]:
    login, name = login.strip(), name.strip()
    if not LOGIN_PATTERN.match(login):
        raise ValidationError("账号为 1–16 位汉字、字母、数字或 . _ -。", field="login")
    if not name or len(name) > 10:
        raise ValidationError("请填写姓名（不超过 10 个字）。", field="name")
    if role not in USER_ROLES:
        raise ValidationError("请选择角色：管理员、书记/经办或只读。", field="role")
    return login, name, role


def has_accounts(store: Store) -> bool:
    """True once this node has at least one active account (then the window asks to sign in)."""
    with store.session() as session:
        stmt = select(User.id).where(
            User.node_id == store.node_id, col(User.deleted) == sa.false(), User.login != ""
        )
        return session.exec(stmt.limit(1)).first() is not None


def list_accounts(store: Store, include_inactive: bool = True) -> list[Account]:
    """This node's accounts, administrators first, then by login."""
    with store.session() as session:
        stmt = (
            select(User, Credential.locked_until)
            .join(Credential, col(Credential.user_id) == col(User.id), isouter=True)
            .where(User.node_id == store.node_id, User.login != "")
        )
        if not include_inactive:
            stmt = stmt.where(col(User.deleted) == sa.false())
        rows = session.exec(stmt).all()
    order = list(USER_ROLES)
    out = [
        Account(u.id, u.login, u.name, u.role, not u.deleted, locked or "") for u, locked in rows
    ]
    return sorted(out, key=lambda a: (not a.active, order.index(a.role), a.login))


def find_account(store: Store, login: str) -> Account:
    for account in list_accounts(store):
        if account.login == login.strip():
            return account
    raise NotFoundError(f"账号「{login}」不存在。")


def add_account(store: Store, login: str, name: str, role: str, password: str) -> Account:
    """A new account of this node. Only an administrator may add one, except the very first."""
    login, name, role = _clean(login, name, role)
    check_password_rules(password)
    if any(a.login == login for a in list_accounts(store)):
        raise ValidationError(f"账号「{login}」已存在。", field="login")
    if not has_accounts(store) and role != "admin":
        raise ValidationError("第一个账号必须是管理员。", field="role")
    hashed = hash_password(password)  # slow on purpose: before the write transaction
    with store.unit_of_work() as uow:
        user = uow.add(User(name=name, login=login, role=role, node_id=store.node_id))
        uow.session.add(Credential(user_id=user.id, password_hash=hashed, changed_at=_now()))
    return Account(user.id, login, name, role, True, "")


def update_account(
    store: Store, login: str, *, name: str | None = None, role: str | None = None
) -> Account:
    """Change an account's name or role (an administrator's step)."""
    account = find_account(store, login)
    _, new_name, new_role = _clean(account.login, name or account.name, role or account.role)
    if account.role == "admin" and new_role != "admin":
        _keep_one_admin(store, account.id)
    with store.unit_of_work() as uow:
        user = uow.session.get(User, account.id)
        assert user is not None
        if user.name != new_name:
            user.name = new_name
        if user.role != new_role:
            user.role = new_role
    return find_account(store, login)


def set_active(store: Store, login: str, active: bool) -> None:
    """停用 / 启用 an account: a deactivated account cannot sign in; its history stays."""
    account = find_account(store, login)
    if not active and account.role == "admin":
        _keep_one_admin(store, account.id)
    with store.unit_of_work() as uow:
        user = uow.session.get(User, account.id)
        assert user is not None
        if user.deleted == active:
            user.deleted = not active


def _keep_one_admin(store: Store, leaving: str) -> None:
    others = [a for a in list_accounts(store) if a.role == "admin" and a.active and a.id != leaving]
    if not others:
        raise ValidationError("至少要保留一个可用的管理员账号。", field="role")


def set_password(store: Store, login: str, password: str) -> None:
    """Set (or, by an administrator, reset) a password; clears a lockout."""
    check_password_rules(password)
    account = find_account(store, login)
    hashed = hash_password(password)
    with store.unit_of_work() as uow:
        user = uow.session.get(User, account.id)
        if user is None:
            raise NotFoundError(f"账号「{login}」不存在。")
        require_write(_signed_in_role(store, account.id), "app_user")
        cred = uow.session.get(Credential, account.id)
        if cred is None:
            uow.session.add(Credential(user_id=account.id, password_hash=hashed, changed_at=_now()))
        else:
            cred.password_hash, cred.failed, cred.locked_until = hashed, 0, ""
            cred.changed_at = _now()


def _signed_in_role(store: Store, target_id: str) -> str | None:
    """A user may change their own password; anyone else's needs an administrator."""
    user = store.user
    if user is None or user.id == target_id:
        return None
    return user.role
