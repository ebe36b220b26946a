"""What each user role may do.

管理员 manages the node's users, settings and organisation and may do everything else; 书记/经办
does the work of the node's place; 只读 looks and prints. The rule is enforced where every write
passes (the unit of work) and the window only offers what the role may do.

Accounts separate the work of legitimate staff and keep the audit trail honest; they do not protect
a file that anyone with the file can open. With nobody signed in (the command line without
``--user``, tests, the demo builder) no role applies.
"""

from __future__ import annotations

from xhdesk.data.core.errors import PermissionDenied

USER_ROLES: dict[str, str] = {
    "admin": "管理员",
    "secretary": "书记/经办",
    "viewer": "只读",
}

# Tables that only an administrator writes: the node's users and its organisation and catalogues.
ADMIN_TABLES = frozenset(
    {
        "app_user",
        "committee",
        "branch",
        "department",
        "service_kind",
        "station_offering",
        "point_rule",
        "point_setting",
        "benefit",
        "calendar_day",
    }
)


def role_label(role: str) -> str:
    return USER_ROLES.get(role, role)


def can_write(role: str | None) -> bool:
    return role is None or role in ("admin", "secretary")


def can_administer(role: str | None) -> bool:
    return role is None or role == "admin"


def can_see_personal_data(role: str | None) -> bool:
    """Full ID numbers and phones: shown and exported to staff who work with them, not to 只读."""
    return can_write(role)


def require_personal_data(role: str | None) -> None:
    if not can_see_personal_data(role):
        raise PermissionDenied("只读账号不能导出完整的身份证号码和手机号码。")


def refusal(role: str | None, table: str) -> str | None:
    """Why a user of ``role`` may not write ``table``, or None if they may."""
    if role is None:
        return None
    if not can_write(role):
        return "当前账号为只读账号，不能修改数据。如需办理，请用书记/经办或管理员账号登录。"
    if table in ADMIN_TABLES and not can_administer(role):
        return "只有管理员可以修改用户、组织机构和目录设置。"
    return None


def require_write(role: str | None, table: str) -> None:
    reason = refusal(role, table)
    if reason:
        raise PermissionDenied(reason)
