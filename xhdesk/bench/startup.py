"""Cold start and peak memory of the window, each in a fresh process.

Cold start is measured from just before the process is spawned to the moment the child reports its
main window shown; the baseline child shows an empty QMainWindow in a bare QApplication.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from xhdesk.bench import BenchContext, Row

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print("shown", flush=True)
"""

WINDOW = """
import sys
from xhdesk.ui.app import make_app
from xhdesk.data.store import Store
from xhdesk.ui.main_window import MainWindow
app = make_app()
w = MainWindow(Store.open(sys.argv[1])); w.resize(1280, 800); w.show(); app.processEvents()
print("shown", flush=True)
"""

MEMORY = """
import resource, sys
from xhdesk.ui.app import make_app
from xhdesk.data.store import Store
from xhdesk.ui.main_window import MainWindow
app = make_app()
w = MainWindow(Store.open(sys.argv[1])); w.resize(1280, 800); w.show(); app.processEvents()
for i, tab in enumerate(w.tab_pages):
    w.tabs.setCurrentIndex(i); app.processEvents()
members = w.tab_pages[1]
table = members.table
for fraction in (0.25, 0.5, 0.75, 1.0):  # scroll through the whole registry
    table.scrollTo(members.model.index(int(members.model.rowCount() * fraction) - 1, 0)); app.processEvents()
for text in ("z", "zh", "zhang", "138", ""):
    members.search_box.setText(text); members.apply_criteria(); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def _env() -> dict[str, str]:
    """Offscreen, and settings in a folder of the benchmark's own (never the user's layout)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = _CONFIG_DIR
    return env


_CONFIG_DIR = tempfile.mkdtemp(prefix="xhdesk-bench-config-")


def _time_to_shown(script: str, *args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(),
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    proc.wait(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError("the window did not start")
    return elapsed


def rows(ctx: BenchContext) -> list[Row]:
    repeat = 2 if ctx.quick else 5
    _time_to_shown(WINDOW, str(ctx.db))  # warm the file cache and Python's bytecode cache
    bare = statistics.median(_time_to_shown(BARE) for _ in range(repeat))
    window = statistics.median(_time_to_shown(WINDOW, str(ctx.db)) for _ in range(repeat))
    out = subprocess.run(
        [sys.executable, "-c", MEMORY, str(ctx.db)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
        check=True,
    )
    peak_mb = int(out.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    return [
        Row("冷启动：进程启动到主窗口显示", window, "ms", bare, "≤ 4× 空窗口", goal_ratio=4.0),
        Row(f"窗口峰值内存（{ctx.persons:,} 人）", peak_mb, "MB", None, "≤ 400 MB", goal_abs=400.0),
    ]
