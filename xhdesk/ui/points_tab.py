"""The 积分审核 tab (replaced wholesale by its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from xhdesk.data.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.tab import Tab


class PointsTab(Tab):
    title = tr("积分审核")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("暂无数据")))
