"""The network's menu actions: 工具 → 组织架构… and 同步 → 节点管理… (at the centre)."""

from __future__ import annotations

from typing import Any

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.sync.nodes import is_centre
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error


def show_organisation(window: Any) -> None:
    from xhdesk.ui.network.organisation_dialog import OrganisationDialog

    dialog = OrganisationDialog(window.store, window)
    window.organisation_dialog = dialog
    dialog.changed.connect(window.broadcast_changes)
    dialog.open()


def show_nodes(window: Any) -> None:
    from xhdesk.ui.network.nodes_dialog import NodesDialog

    try:
        dialog = NodesDialog(window.store, window)
    except XhdeskError as exc:
        show_error(window, exc)
        return
    window.nodes_dialog = dialog
    dialog.open()


def install(window: Any) -> None:
    from xhdesk.ui.common.icons import qta

    store = window.store
    if store.node_role in ("centre", "committee"):
        action = window.menus["tools"].addAction(
            qta.icon("fa5s.sitemap", color="#444"), tr("组织架构…")
        )
        action.triggered.connect(lambda: show_organisation(window))
    if is_centre(store):
        menu = window.menus["sync"]
        menu.addSeparator()
        action = menu.addAction(qta.icon("fa5s.server", color="#444"), tr("节点管理…"))
        action.triggered.connect(lambda: show_nodes(window))
