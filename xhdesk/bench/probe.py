"""What the start-up bench times inside the launcher it starts: ``xhdesk --bench-probe KIND``.

The bench (xhdesk/bench/startup.py) starts the real launcher — the ``xhdesk`` console script, or
``xhdesk-cli`` inside the bundle, where there is no ``python -c`` — with a hidden option, and reads
the marker lines the probe prints on stdout:

* ``empty``: an empty QMainWindow in a bare QApplication ("shown"): the baseline;
* ``window``: the real window start-up (``run_window``), opened on 党员队伍 as if the user had
  closed it there last time; "shown" once the frame is painted, "ready" once the first rows of
  党员队伍 are painted, then it exits. With ``--demo`` the demo's 管理员 signs in, as usual;
* ``memory``: opens every tab, scrolls and searches the registry, prints the peak memory in KiB.
"""

from __future__ import annotations

import os
import sys

MEMBERS_TAB = 2  # index of 党员队伍 in xhdesk.ui.main_window.TAB_SPECS


def run_probe(kind: str, db: str | None, demo: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if kind == "empty":
        return _empty()
    if kind == "memory":
        return _memory(db)
    return _window(db, demo)


def run_code(argv: list[str]) -> int:
    """``xhdesk --bench-exec CODE ARG…``: what ``python -c CODE ARG…`` does, for the bundle."""
    import sys

    code, *args = argv
    sys.argv = ["-c", *args]
    exec(compile(code, "<bench child>", "exec"), {"__name__": "__main__"})  # noqa: S102
    return 0


def _mark(text: str) -> None:
    print(text, flush=True)


def _empty() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    _mark("shown")
    return 0


def _window(db: str | None, demo: bool) -> int:
    from xhdesk.ui.app import run_window

    def probe(event: str, window) -> None:  # noqa: ANN001 — MainWindow
        from PySide6.QtWidgets import QApplication

        if event == "shown":
            _mark("shown")
            window.tabs.setCurrentIndex(MEMBERS_TAB)
            window.on_first_rows = lambda: _first_rows(window)
            return
        try:
            _rows_painted(window)
        except Exception as exc:  # noqa: BLE001 — reported to the bench; a dialog would hang it
            print(f"xhdesk: bench probe failed: {exc!r}", file=sys.stderr)
            _mark("failed")
            QApplication.exit(2)

    return run_window(db=db, demo=demo, probe=probe)


def _first_rows(window) -> None:  # noqa: ANN001 — MainWindow
    """Mark "ready" when the window has painted 党员队伍 with its first rows (the menus are
    built after that moment)."""
    tab = window.current_tab()
    table = getattr(tab, "table", None)
    _mark("ready" if table is not None and table.model().rowCount() else "empty")


def _rows_painted(window) -> None:  # noqa: ANN001 — MainWindow
    """Once the window is open, check that 党员队伍 shows its first rows, then leave the window."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    if window.store is None:  # the error screen: say so and stop
        _mark("failed")
        QApplication.exit(2)
        return
    tab = window.current_tab()
    table = getattr(tab, "table", None)
    if table is None or not table.model().rowCount():
        _mark("empty")
    QThreadPool.globalInstance().waitForDone()  # the day's first backup, if it runs
    window.hide()  # not close(): the remembered layout stays as it was
    QApplication.quit()


def _memory(db: str | None) -> int:
    from xhdesk.data.core.store import Store
    from xhdesk.ui.app import make_app
    from xhdesk.ui.main_window import MainWindow

    if db is None:
        raise SystemExit("--bench-probe memory needs --db")
    app = make_app()
    window = MainWindow(Store.open(db))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    for index in range(len(window.tab_pages)):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    members = next(t for t in window.tab_pages if type(t).__name__ == "MembersTab")
    table = members.table
    for fraction in (0.25, 0.5, 0.75, 1.0):  # scroll through the whole registry
        table.scrollTo(members.model.index(int(members.model.rowCount() * fraction) - 1, 0))
        app.processEvents()
    for text in ("z", "zh", "zhang", "138", ""):
        members.search_box.setText(text)
        members.apply_criteria()
        app.processEvents()
    from xhdesk.bench.registry import _settle

    _settle(app, members)  # the search keys and column orders held in memory count too
    for column in (1, 2, 6):  # and searches sorted by a column (ranks by rowid)
        members.model.sort(column)
        members.search_box.setText("z")
        members.apply_criteria()
        app.processEvents()
    _mark(str(_peak_kib()))
    window.store.close()
    return 0


def _peak_kib() -> int:
    """VmHWM belongs to this process image; ru_maxrss on Linux carries the parent's over fork+exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no figure
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
