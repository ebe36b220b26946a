"""文件 → 新建 / 打开 / 最近使用: switch the running window to another database (sign in again).

The recent files are remembered in QSettings (newest first, at most ``RECENT_MAX``). A file that
cannot be opened is explained in a message box and the current database stays open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from xhdesk.data.core.paths import data_dir
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error

RECENT_KEY = "files/recent"
RECENT_MAX = 8
DB_FILTER = "xhdesk 数据库 (*.sqlite3 *.db);;所有文件 (*)"


def recent_files() -> list[str]:
    value = QSettings("xhdesk", "xhdesk").value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [str(v) for v in items if v]


def remember(path: Path) -> None:
    """Put ``path`` first in the recent list."""
    text = str(Path(path).resolve())
    items = [text, *(p for p in recent_files() if p != text)][:RECENT_MAX]
    QSettings("xhdesk", "xhdesk").setValue(RECENT_KEY, items)


def _start_dir(window: Any) -> str:
    store = window.store
    return str(store.path.parent if store is not None else data_dir())


def new_database(window: Any) -> None:
    """Ask where, then the first-run wizard writes the new database there, then open it."""
    from xhdesk.ui.network.setup_wizard import SetupWizard

    name, _ = QFileDialog.getSaveFileName(
        window, tr("新建数据库"), _start_dir(window), tr(DB_FILTER)
    )
    if not name:
        return
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".sqlite3")
    if path.exists() and path.stat().st_size > 0:
        show_error(window, tr(f"文件已存在：{path}。新建数据库请选择一个新的文件名。"))
        return
    wizard = SetupWizard(path, window)
    window.setup_wizard = wizard

    def finished(_result: int) -> None:
        window.setup_wizard = None
        wizard.deleteLater()
        if wizard.created:
            open_database(window, path)

    wizard.finished.connect(finished)
    wizard.open()


def choose_database(window: Any) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, tr("打开数据库"), _start_dir(window), tr(DB_FILTER)
    )
    if name:
        open_database(window, Path(name))


def open_database(window: Any, path: Path) -> None:
    """Open ``path``, ask who signs in, then show it in this window and close the previous one."""
    from xhdesk.ui.users.session import sign_in_then

    current = window.store
    if current is not None and Path(current.path).resolve() == Path(path).resolve():
        return
    try:
        store = Store.open(path, create=False)
    except Exception as exc:  # noqa: BLE001 — in words; the current database stays open
        show_error(window, exc, tr("无法打开数据库"))
        return

    def signed_in(_actor: object) -> None:
        window.reload_store(store)
        if current is not None:
            current.close()

    window.login_dialog = sign_in_then(window, store, False, signed_in, store.close)


def _fill_recent(window: Any, menu: Any) -> None:
    menu.clear()
    current = str(Path(window.store.path).resolve()) if window.store is not None else ""
    others = [p for p in recent_files() if p != current]
    if not others:
        menu.addAction(tr("（无）")).setEnabled(False)
        return
    for number, item in enumerate(others, start=1):
        action = menu.addAction(f"&{number} {item}")
        action.triggered.connect(lambda _=False, p=item: open_database(window, Path(p)))


def install(window: Any) -> None:
    """文件 → 新建数据库… / 打开数据库… / 最近使用, first in the menu."""
    from xhdesk.ui.common.icons import qta

    remember(window.store.path)
    menu = window.menus["file"]
    first = menu.actions()[0] if menu.actions() else None
    items = []
    for icon, text, slot in (
        ("fa5s.file", "新建数据库…", lambda: new_database(window)),
        ("fa5s.folder-open", "打开数据库…", lambda: choose_database(window)),
    ):
        action = qta.icon(icon, color="#444")
        item = menu.addAction(action, tr(text))
        item.triggered.connect(slot)
        items.append(item)
    recent = menu.addMenu(qta.icon("fa5s.history", color="#444"), tr("最近使用"))
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    window.recent_menu = recent
    items.append(recent.menuAction())
    if first is not None:
        for item in items:
            menu.insertAction(first, item)
        menu.insertSeparator(first)
