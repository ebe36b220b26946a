"""What every main-window tab offers the window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes


class Tab(QWidget):
    """Base of the four tabs. ``status_changed`` carries the status-bar text ("共 56 个暖蜂驿站 · …")."""

    title = ""
    status_changed = Signal(str)
    data_changed = Signal(object)  # a Changes value after this tab wrote something

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def refresh(self) -> None:
        """Reload from the database (F5, after an import, …)."""

    def on_changes(self, changes: Changes) -> None:
        """Another tab or an import changed data; refresh if it concerns this tab."""
        self.refresh()

    def status_text(self) -> str:
        return ""

    # Standard actions the window's toolbar and shortcuts forward to the current tab.
    def action_new(self) -> None: ...
    def action_edit(self) -> None: ...
    def action_delete(self) -> None: ...
    def action_print(self) -> None: ...
    def action_export(self) -> None: ...
    def focus_search(self) -> None: ...
