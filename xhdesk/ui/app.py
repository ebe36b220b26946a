"""Starting the window: logging, crash handler, theme, opening the database, screenshots."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from xhdesk.data.core import paths
from xhdesk.data.core.errors import XhdeskError

log = logging.getLogger("xhdesk")


def _setup_logging() -> None:
    try:
        handler: logging.Handler = RotatingFileHandler(
            paths.log_dir() / "xhdesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def _install_crash_handler() -> None:
    def handler(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        from PySide6.QtWidgets import QApplication

        from xhdesk.ui.common.messages import show_error

        if QApplication.instance() is not None:
            show_error(None, exc)

    sys.excepthook = handler


def build_demo_file(path: Path, on_step: Callable[[int, int], None] | None = None) -> None:
    """Write the demo data set to ``path`` (beside it first, then renamed: never half-written)."""
    from xhdesk.data.core.store import Store
    from xhdesk.data.demo import build_demo

    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    with Store.open(part) as store:
        build_demo(store, on_step=on_step)
    part.replace(path)


def open_database(db: str | None, demo: bool):  # noqa: ANN201 — returns a Store
    from xhdesk.data.core.store import Store

    if demo:
        path = paths.demo_db()
        if not path.exists():
            build_demo_file(path)
        return Store.open(path, create=False)
    return Store.open(db or paths.default_db(), create=False)


def make_app():  # noqa: ANN201 — the QApplication
    from PySide6.QtWidgets import QApplication

    from xhdesk.ui.common.pyside_imports import quicken_imports

    quicken_imports()
    from xhdesk.ui.common.gui_gc import collect_in_gui_thread
    from xhdesk.ui.common.qt_translations import install_qt_translations
    from xhdesk.ui.common.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_in_gui_thread(app)
    app.setApplicationName("xhdesk")
    app.setOrganizationName("xhdesk")
    # No applicationDisplayName: Qt appends it to every window title, and the main window's
    # title already begins with APP_TITLE ("兴新向荣 · … — 兴新向荣 · …" on the title bar).
    if not app.property("xhdesk_themed"):
        # Once per process: re-polishing every live widget again (each window test builds a
        # shell) crashes PySide when a QWizard is among them.
        install_qt_translations()
        apply_theme(app)
        app.setProperty("xhdesk_themed", True)
    return app


def show_shell():  # noqa: ANN201 — the MainWindow, shown, before any data is loaded
    """The window frame on screen first; the data layer is imported and opened after it."""
    make_app()
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow()
    window.open_failed = show_error_screen
    window.show()
    return window


def open_into(window, db: str | None, demo: bool, *, daily_backup: bool = True) -> bool:  # noqa: ANN001 — MainWindow
    """Open the database, sign a user in, then fill the window; on failure show the error screen.

    No data is shown before someone has signed in (the demo signs in as its 管理员 at once).
    """
    from xhdesk.data.core.store import Store

    path: Path | None = None
    try:
        if demo:
            store = open_database(None, True)
        else:
            path = Path(db).expanduser() if db else paths.default_db()
            if _is_new(path):
                return _first_run(window, path)
            store = Store.open(path, create=False)
    except Exception as exc:  # noqa: BLE001 — a bug is logged; the screen says what to do
        show_error_screen(window, exc, path or paths.default_db_location())
        return False
    from xhdesk.i18n import tr
    from xhdesk.ui.users.session import sign_in_then

    def signed_in(_actor: object) -> None:
        window.reload_store(store)
        if daily_backup:
            _daily_backup(window, store.path)

    window.store = store
    window.status_label.setText(tr("请登录…"))
    window.login_dialog = sign_in_then(window, store, demo, signed_in, window.close)
    return True


def tr_missing(path: Path) -> str:
    from xhdesk.i18n import tr

    return tr(f"数据库文件不存在：{path}。可以打开其他数据库，或从备份恢复。")


def _is_new(path: Path) -> bool:
    """A missing (or 0-byte) file in an existing folder: a new database, made by the wizard."""
    missing = not path.exists() or (path.is_file() and path.stat().st_size == 0)
    return missing and path.parent.is_dir()


def _first_run(window, path: Path) -> bool:  # noqa: ANN001 — MainWindow
    """首次使用向导 (new centre or joining node); then open the new file and sign in."""
    from xhdesk.ui.network.setup_wizard import SetupWizard

    wizard = SetupWizard(path, window)
    window.setup_wizard = wizard

    def finished(_result: int) -> None:
        window.setup_wizard = None
        wizard.deleteLater()
        if wizard.created:
            open_into(window, str(path), False)
        else:
            show_error_screen(window, tr_missing(path), path)

    wizard.finished.connect(finished)
    wizard.open()
    return True


def show_error_screen(window, exc: BaseException | str, path: Path) -> None:  # noqa: ANN001
    from xhdesk.data.core.faults import is_environment_fault, storage_fault
    from xhdesk.i18n import tr
    from xhdesk.ui.common.open_error import OpenErrorScreen

    if isinstance(exc, str):
        message = exc
    elif isinstance(exc, XhdeskError):
        message = exc.message
    elif is_environment_fault(exc):
        log.warning("cannot open %s", path, exc_info=exc)
        message = storage_fault(exc, path).message
    else:
        log.error("cannot open %s", path, exc_info=exc)
        message = tr(
            "程序遇到意外错误，无法打开数据库。详细信息已写入日志（帮助 → 打开日志目录）。"
        )
    screen = OpenErrorScreen(message, str(path), window)
    screen.open_other.connect(lambda: _open_other(window, path))
    screen.restore.connect(lambda: _restore_then_open(window, path))
    screen.quit.connect(window.close)
    window.show_open_error(screen)


def _open_other(window, path: Path) -> None:  # noqa: ANN001 — MainWindow
    from PySide6.QtWidgets import QFileDialog

    from xhdesk.i18n import tr

    name, _ = QFileDialog.getOpenFileName(
        window,
        tr("打开数据库"),
        str(path.parent if path.parent.is_dir() else paths.data_dir()),
        tr("xhdesk 数据库 (*.sqlite3 *.db);;所有文件 (*)"),
    )
    if name:
        open_into(window, name, False)


def _restore_then_open(window, path: Path) -> None:  # noqa: ANN001 — MainWindow
    """From the error screen: pick a backup of ``path`` (or a file), restore it, open."""
    from xhdesk.data.core.restore import restore_backup
    from xhdesk.ui.backup.backups_dialog import BackupsDialog
    from xhdesk.ui.common.messages import show_error

    dialog = BackupsDialog(path, None, window)

    def restore(source: Path) -> None:
        try:
            restore_backup(path, source)
        except Exception as exc:  # noqa: BLE001 — shown in words, the dialog stays
            show_error(dialog, exc, "无法从备份恢复")
            return
        dialog.accept()
        open_into(window, str(path), False)

    dialog.restore_requested.connect(restore)
    dialog.exec()


def _daily_backup(window, path: Path) -> None:  # noqa: ANN001 — MainWindow
    """The day's first open backs the file up, off the UI thread; a failure is only logged."""
    from xhdesk.data.core.backup import ensure_daily_backup
    from xhdesk.ui.common.workers import run_task

    run_task(
        lambda _progress: ensure_daily_backup(path),
        parent=window,
        show_progress=False,
        on_error=lambda exc: log.warning("daily backup failed: %s", exc),
    )


def run_window(
    db: str | None = None,
    demo: bool = False,
    screenshot: str | None = None,
    probe: Callable[[str, object], None] | None = None,
) -> int:
    """The window: the frame first (Qt only), then the data layer and the database.

    ``probe`` (the bench, xhdesk/bench/probe.py) is told ``("shown", window)`` once the frame is
    painted and ``("opened", window)`` once the database is open and the current tab built.
    """
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _setup_logging()
    if screenshot:
        from xhdesk.ui.main_window import MainWindow

        make_app()
        return take_screenshots(MainWindow(open_database(db, demo)), Path(screenshot))
    from PySide6.QtCore import QTimer

    window = show_shell()
    app = make_app()
    app.processEvents()  # paint the frame before the data layer is imported
    if probe is not None:
        probe("shown", window)
    _install_crash_handler()
    outcome: list[bool] = []

    def open_now() -> None:
        outcome.append(open_into(window, db, demo))
        if probe is not None:
            probe("opened", window)

    if demo and not paths.demo_db().exists():
        QTimer.singleShot(0, lambda: _build_demo_then(window, open_now, app))
    else:
        QTimer.singleShot(0, open_now)
    code = app.exec()
    if window.store is None:
        return 2  # never opened a database (the error screen was closed)
    window.store.close()
    return code


def _build_demo_then(window, then, app) -> None:  # noqa: ANN001 — MainWindow, callback, QApplication
    """First use of ``--demo``: build the demo database off the UI thread, with progress."""
    from xhdesk.i18n import tr
    from xhdesk.ui.common.messages import show_error
    from xhdesk.ui.common.workers import run_task

    window.status_label.setText(tr("首次使用：正在生成兴化市演示数据，约需十几秒…"))

    def failed(exc: BaseException) -> None:
        show_error(window, exc, tr("无法生成演示数据"))
        app.exit(2)

    run_task(
        lambda progress: build_demo_file(
            paths.demo_db(),
            lambda done, total: progress.report(done, total, tr("正在生成演示数据…")),
        ),
        parent=window,
        title=tr("正在生成演示数据…"),
        on_done=lambda _result: then(),
        on_error=failed,
        on_cancel=lambda: app.exit(2),
    )


def take_screenshots(window, out_dir: Path) -> int:  # noqa: ANN001 — MainWindow
    """One PNG per tab at 1280×800, then exit."""
    from PySide6.QtWidgets import QApplication

    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(1280, 800)
    window.show()
    for index, tab in enumerate(window.tab_pages):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        wait = getattr(tab, "wait_loaded", None)  # tabs that load in the background
        if wait is not None:
            wait()
            QApplication.processEvents()
        table = getattr(tab, "table", None)
        if (
            table is not None
            and table.model().rowCount()
            and not table.selectionModel().hasSelection()
        ):
            table.selectRow(0)
            QApplication.processEvents()
        path = out_dir / f"{index + 1:02d}-{tab.title}.png"
        if not window.grab().save(str(path)):
            from xhdesk.data.core.errors import StorageError

            window.store.close()
            raise StorageError(f"无法写入截图文件：{path}。请检查文件夹是否可以写入。")
        print(path)
    window.hide()  # not close(): a screenshot run must not overwrite the user's remembered layout
    window.store.close()
    return 0
