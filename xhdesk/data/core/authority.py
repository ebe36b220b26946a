"""Which node roles may make which changes.

Authority travels with data: the same rules are checked locally before a service writes (this
node's role) and on import for every change (the origin node's role). Capabilities register a rule
for their tables; a table without a rule may be written by any role.

A rule is ``check(role, op, data) -> str | None``: ``None`` if allowed, else the Chinese reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.core.vocab import ROLES, label

Rule = Callable[[str, str, dict[str, Any]], str | None]

_rules: dict[str, list[Rule]] = {}


def register(table: str, rule: Rule) -> None:
    _rules.setdefault(table, []).append(rule)


def refusal(role: str, table: str, op: str, data: dict[str, Any]) -> str | None:
    """The reason a node of ``role`` may not make this change, or None if it may."""
    for rule in _rules.get(table, ()):
        reason = rule(role, op, data)
        if reason:
            return reason
    return None


def require_role(role: str, allowed: tuple[str, ...], action: str) -> None:
    """Raise PermissionDenied unless ``role`` is one of ``allowed`` ("本节点（驿站）无权…")."""
    if role not in allowed:
        who = "、".join(label(ROLES, r) for r in allowed)
        raise PermissionDenied(f"本节点（{label(ROLES, role)}）无权{action}，此操作需由{who}办理。")
