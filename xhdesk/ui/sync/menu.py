"""The 同步 menu: what ``install(window)`` adds to ``window.menus["sync"]``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.sync.importer import ImportReport
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error


def _changes(report: ImportReport) -> Changes:
    """What the tabs need to hear after an import: which tables may have new rows."""
    return Changes(updated=Counter(dict.fromkeys(report.tables, 1)))


def export_package(window: Any) -> None:
    from xhdesk.ui.sync.export_dialog import ExportDialog

    try:
        dialog = ExportDialog(window.store, window)
    except XhdeskError as exc:  # e.g. a node that was never enrolled
        show_error(window, exc)
        return
    dialog.exec()
    window.update_sync_label()


def import_package(window: Any) -> None:
    from xhdesk.ui.sync.import_dialog import ImportDialog

    dialog = ImportDialog(window.store, window, show_conflicts=lambda: show_conflicts(window))
    dialog.imported.connect(lambda report: window.broadcast_changes(_changes(report)))
    dialog.exec()


def show_peers(window: Any) -> None:
    from xhdesk.ui.sync.peers_dialog import PeersDialog

    try:
        dialog = PeersDialog(window.store, window)
    except XhdeskError as exc:
        show_error(window, exc)
        return
    dialog.exec()


def show_conflicts(window: Any) -> None:
    from xhdesk.ui.sync.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(window.store, window)
    dialog.changed.connect(window.broadcast_changes)
    dialog.exec()


def show_quarantine(window: Any) -> None:
    from xhdesk.ui.sync.quarantine_dialog import QuarantineDialog

    QuarantineDialog(window.store, window).exec()


def install(window: Any) -> None:
    menu = window.menus["sync"]
    for icon, text, slot in (
        ("fa5s.file-export", "导出同步包…", export_package),
        ("fa5s.file-import", "导入同步包…", import_package),
        (None, None, None),
        ("fa5s.network-wired", "同步对象…", show_peers),
        ("fa5s.code-branch", "冲突处理…", show_conflicts),
        ("fa5s.ban", "隔离区…", show_quarantine),
    ):
        if text is None:
            menu.addSeparator()
            continue
        action = menu.addAction(qta.icon(icon, color="#444"), tr(text))
        action.triggered.connect(lambda _=False, f=slot: f(window))
