"""文件 → 备份… / 从备份恢复…: what ``install(window)`` adds to the 文件 menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xhdesk.i18n import tr


def install(window: Any) -> None:
    from xhdesk.ui.common.icons import qta

    menu = window.menus["file"]
    before = menu.actions()[-1] if menu.actions() else None  # keep 退出 last
    for icon, text, slot in (
        ("fa5s.save", "备份…", lambda: show_backups(window)),
        ("fa5s.history", "从备份恢复…", lambda: show_backups(window, restoring=True)),
    ):
        action = menu.addAction(qta.icon(icon, color="#444"), tr(text))
        action.triggered.connect(slot)
        if before is not None:
            menu.insertAction(before, action)
    if before is not None:
        menu.insertSeparator(before)


def show_backups(window: Any, restoring: bool = False) -> None:
    from xhdesk.ui.backup.backups_dialog import BackupsDialog

    dialog = BackupsDialog(window.store.path, window.store, window)
    dialog.restore_requested.connect(lambda source: restore_into(window, dialog, source))
    if restoring:
        dialog.table.setFocus()
    dialog.exec()


def restore_into(window: Any, dialog: Any, source: Path) -> None:
    """Close the database, restore the backup over it, open it again in the same window."""
    from xhdesk.data.core.errors import XhdeskError
    from xhdesk.data.core.restore import restore_backup
    from xhdesk.data.core.store import Store
    from xhdesk.ui.common.messages import confirm, inform, show_error

    if not confirm(
        dialog,
        tr(
            "用所选备份替换当前数据库？\n备份之后的修改将不在本机（当前数据库会先自动备份；"
            "已同步给其他节点的修改可通过同步取回）。"
        ),
        tr("从备份恢复"),
    ):
        return
    path = window.store.path
    window.store.close()
    try:
        before = restore_backup(path, source)
    except XhdeskError as exc:
        show_error(dialog, exc, tr("无法从备份恢复"))
        before = None
        failed = True
    else:
        failed = False
    try:
        window.reload_store(Store.open(path, create=False))
    except XhdeskError as exc:
        dialog.reject()
        if window.open_failed is not None:
            window.open_failed(window, exc, path)  # the error screen: 打开其他数据库 / 从备份恢复
        else:
            show_error(window, exc, tr("无法打开数据库"))
        return
    dialog.reload()
    if not failed:
        saved = tr(f"\n恢复前的数据库已备份：{before.path.name}") if before else ""
        inform(dialog, tr(f"已从备份恢复数据库。{saved}"), tr("从备份恢复"))
