"""Sync between installations by package files: signed, incremental, atomic and convergent.

See ../shared/SYNC.md for the design. Entry points: :func:`export_package`,
:func:`import_package`, :func:`content_digest`, the node functions in :mod:`.nodes`, conflicts in
:mod:`.conflicts` and peers in :mod:`.peers`. Names are loaded on first use, so that the window's
status bar (:func:`last_exchange`) does not pay for zip and crypto at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

from xhdesk.data.core import authority


def _node_rule(role: str, op: str, data: dict) -> str | None:
    """Only the centre registers or changes nodes (their roles decide what else is allowed)."""
    return None if role == "centre" else "只有中心节点可以登记或修改节点"


authority.register("node", _node_rule)

_EXPORTS = {
    "ExportReport": "export",
    "export_package": "export",
    "ImportReport": "importer",
    "import_package": "importer",
    "content_digest": "digest",
    "enrol": "nodes",
    "init_centre": "nodes",
    "init_from": "nodes",
    "load_registry": "nodes",
    "last_exchange": "peers",
    "list_peers": "peers",
    "list_conflicts": "conflicts",
    "resolve": "conflicts",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
