"""Which node roles may make which changes.

Authority travels with data: the same rules are checked locally before a service writes (this
node's role) and on import for every change (the origin node's role). Capabilities register a rule
for their tables; a table without a rule may be written by any role.

The registry is loaded in full before any rule is consulted (:func:`load_rules` imports every module
listed in :data:`RULE_MODULES`), so a package gives the same result whether it is imported from the
window, any CLI command or a test — whatever else that process happened to import.

A rule is ``check(role, op, data) -> str | None``: ``None`` if allowed, else the Chinese reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.core.vocab import ROLES, label

Rule = Callable[[str, str, dict[str, Any]], str | None]

# Every module that registers rules. A capability that adds rules adds its module here.
RULE_MODULES = (
    "xhdesk.data.models.points",
    "xhdesk.data.models.awards",
    "xhdesk.data.models.governance",
    "xhdesk.data.models.activities",
    "xhdesk.data.requests.catalogue",
    "xhdesk.data.sync",
)

_rules: dict[str, list[Rule]] = {}
_loaded = False


def register(table: str, rule: Rule) -> None:
    if rule not in _rules.setdefault(table, []):
        _rules[table].append(rule)


def load_rules() -> None:
    """Import every module that registers rules (once per process)."""
    global _loaded
    if _loaded:
        return
    for name in RULE_MODULES:
        importlib.import_module(name)
    _loaded = True


def registered() -> list[tuple[str, str]]:
    """The rules registered so far as (table, rule name), sorted; for tests and diagnostics."""
    return sorted(
        (table, f"{rule.__module__}.{rule.__qualname__}")
        for table, rules in _rules.items()
        for rule in rules
    )


def refusal(role: str, table: str, op: str, data: dict[str, Any]) -> str | None:
    """The reason a node of ``role`` may not make this change, or None if it may."""
    load_rules()
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
