"""Signing in and out, with a lockout after repeated failures.

Signing in makes the user the author of every later write of this store and installs the role's
write guard in the unit of work. A wrong password counts against the account; after
``MAX_FAILURES`` in a row it is locked for ``LOCK_MINUTES`` (an administrator's password reset
unlocks it at once).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from xhdesk.data.core.actor import Actor
from xhdesk.data.core.errors import PermissionDenied, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.models import Credential, User
from xhdesk.data.users.passwords import verify_password
from xhdesk.data.users.roles import require_write

MAX_FAILURES = 5
LOCK_MINUTES = 10
IDLE_MINUTES_KEY = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 15


class SignInError(ValidationError):
    """Wrong account or password, or a locked or deactivated account."""


def _now() -> datetime:
    return datetime.now(UTC)


def _find_user(store: Store, login: str) -> User | None:
    with store.session() as session:
        stmt = select(User).where(User.node_id == store.node_id, User.login == login.strip())
        return session.exec(stmt).first()


def check_password(store: Store, login: str, password: str, now: datetime | None = None) -> Actor:
    """The account if ``password`` is right; counts failures and locks as the module says."""
    now = now or _now()
    user = _find_user(store, login)
    if user is None:
        raise SignInError("账号或密码不正确。", field="password")
    if user.deleted:
        raise SignInError("该账号已停用，请联系本节点管理员。", field="login")
    with store.session() as session:
        cred = session.get(Credential, user.id)
    if cred is None:
        raise SignInError("该账号还没有设置密码，请联系本节点管理员。", field="password")
    if cred.locked_until and datetime.fromisoformat(cred.locked_until) > now:
        until = datetime.fromisoformat(cred.locked_until).astimezone()
        raise SignInError(
            f"密码连续输错 {MAX_FAILURES} 次，账号已锁定至 {until:%H:%M}。"
            "请稍后再试，或请管理员重置密码。",
            field="password",
        )
    ok = verify_password(password, cred.password_hash)
    _count_attempt(store, user.id, ok, now)
    if not ok:
        left = MAX_FAILURES - (cred.failed + 1)
        if left <= 0:
            raise SignInError(
                f"密码连续输错 {MAX_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟。",
                field="password",
            )
        raise SignInError(f"账号或密码不正确（再错 {left} 次将锁定）。", field="password")
    return Actor(user.id, user.login, user.name, user.role)


def _count_attempt(store: Store, user_id: str, ok: bool, now: datetime) -> None:
    with store.unit_of_work() as uow:
        cred = uow.session.get(Credential, user_id)
        assert cred is not None
        if ok:
            cred.failed, cred.locked_until = 0, ""
            return
        cred.failed += 1
        if cred.failed >= MAX_FAILURES:
            cred.failed = 0
            cred.locked_until = (now + timedelta(minutes=LOCK_MINUTES)).isoformat()


def sign_in(store: Store, login: str, password: str) -> Actor:
    """Check the password and make the user this store's author and role."""
    actor = check_password(store, login, password)
    become(store, actor)
    return actor


def become(store: Store, actor: Actor) -> None:
    """Make ``actor`` the signed-in user (after a checked password, or the demo's 管理员)."""
    role = actor.role
    store.user = actor
    store.write_guard = lambda table: require_write(role, table)


def carry_over(store: Store, actor: Actor) -> bool:
    """Keep ``actor`` signed in on another open file of this node (a restored backup) if that
    file has the same active account with the same role; True if it does."""
    user = _find_user(store, actor.login)
    if user is None or user.deleted or user.id != actor.id:
        return False
    become(store, Actor(user.id, user.login, user.name, user.role))
    return True


def sign_out(store: Store) -> None:
    store.user = None
    store.write_guard = None


def demo_admin(store: Store) -> Actor:
    """The demo database's 管理员, so that ``xhdesk --demo`` opens without asking."""
    user = _find_user(store, "admin")
    if user is None or user.deleted or user.role != "admin":
        raise PermissionDenied("演示数据库中没有管理员账号。")
    return Actor(user.id, user.login, user.name, user.role)


def idle_minutes(store: Store) -> int:
    """Minutes without input before the window locks (0: never)."""
    value = store.local_state().get(IDLE_MINUTES_KEY, str(DEFAULT_IDLE_MINUTES))
    return int(value) if value.isdigit() else DEFAULT_IDLE_MINUTES


def set_idle_minutes(store: Store, minutes: int) -> None:
    if not 0 <= minutes <= 480:
        raise ValidationError("自动锁定时间请填 0（不锁定）到 480 分钟。", field="idle")
    require_write(store.user.role if store.user else None, "app_user")
    store.set_local_state(**{IDLE_MINUTES_KEY: str(minutes)})


def is_locked(locked_until: str, now: datetime | None = None) -> bool:
    return bool(locked_until) and datetime.fromisoformat(locked_until) > (now or _now())


def temporary_password() -> str:
    """A reset password an administrator reads out: 8 characters, no look-alikes (0/O, 1/l)."""
    import secrets

    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))
