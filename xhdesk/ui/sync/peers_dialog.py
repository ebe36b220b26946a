"""同步对象: every registered node with when this node last exchanged a package with it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.sync.nodes import load_registry
from xhdesk.data.sync.peers import list_peers
from xhdesk.i18n import tr
from xhdesk.ui.sync.models import PeersModel


class PeersDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("同步对象"))
        peers = list_peers(store)
        me = tr(f"本节点：{store.node_name}（{label(ROLES, store.node_role)}）")
        registry = load_registry(store)
        centre = registry.nodes.get(registry.centre_id)
        if registry.centre_id == store.node_id:
            me += tr(" · 本节点是中心，负责登记其他节点")
        elif centre is not None:
            me += tr(f" · 由 {centre.name} 登记")
        header = QLabel(me, self)
        self.model = PeersModel(peers, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        empty = QLabel(
            tr("节点名册中还没有其他节点。中心可用“xhdesk enrol”登记驿站、党委或支部。"), self
        )
        empty.setWordWrap(True)
        empty.setVisible(not peers)
        self.view.setVisible(bool(peers))
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        self._fit_to_content(bool(peers))

    def _fit_to_content(self, has_peers: bool) -> None:
        """As tall as its rows (up to 12), as wide as its columns: no large empty area."""
        if has_peers:
            view = self.view
            view.resizeColumnsToContents()
            rows = min(self.model.rowCount(), 12)
            height = view.horizontalHeader().height() + 2 * view.frameWidth()
            height += sum(view.rowHeight(r) for r in range(rows))
            view.setMinimumHeight(height)
            width = view.verticalHeader().width() + 2 * view.frameWidth()
            width += sum(view.columnWidth(c) for c in range(self.model.columnCount()))
            view.setMinimumWidth(min(width + 4, 1100))
        self.setMinimumWidth(520)
        self.adjustSize()
