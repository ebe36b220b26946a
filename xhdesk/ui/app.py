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

from xhdesk import APP_TITLE
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
        return Store.open(path)
    return Store.open(db or paths.default_db())


def make_app():  # noqa: ANN201 — the QApplication
    from PySide6.QtWidgets import QApplication

    from xhdesk.ui.common.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("xhdesk")
    app.setOrganizationName("xhdesk")
    app.setApplicationDisplayName(APP_TITLE)
    apply_theme(app)
    return app


def show_shell():  # noqa: ANN201 — the MainWindow, shown, before any data is loaded
    """The window frame on screen first; the data layer is imported and opened after it."""
    make_app()
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return window


def open_into(window, db: str | None, demo: bool) -> bool:  # noqa: ANN001 — MainWindow
    """Open the database and fill the window; on failure say why and close the window."""
    try:
        store = open_database(db, demo)
    except XhdeskError as exc:
        from xhdesk.ui.common.messages import show_error

        show_error(window, exc, "无法打开数据库")
        window.close()
        return False
    window.attach_store(store)
    return True


def run_window(db: str | None = None, demo: bool = False, screenshot: str | None = None) -> int:
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
    _install_crash_handler()
    outcome: list[bool] = []

    def open_now() -> None:
        outcome.append(open_into(window, db, demo))
        if not outcome[-1]:
            app.exit(2)

    if demo and not paths.demo_db().exists():
        QTimer.singleShot(0, lambda: _build_demo_then(window, open_now, app))
    else:
        QTimer.singleShot(0, open_now)
    code = app.exec()
    if window.store is not None:
        window.store.close()
    return code if outcome and outcome[0] else 2


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
        window.grab().save(str(path))
        print(path)
    window.hide()  # not close(): a screenshot run must not overwrite the user's remembered layout
    window.store.close()
    return 0
