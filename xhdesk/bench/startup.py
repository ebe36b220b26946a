"""Cold start and peak memory of the window, each in a fresh process.

Cold start is measured from just before the process is spawned to the moment the child reports its
main window shown, and on to the moment the first tab's rows are painted (the window appears
first, then opens the database); the baseline child shows an empty QMainWindow in a bare
QApplication.
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
from xhdesk.ui.app import make_app, open_into, show_shell
w = show_shell(); app = make_app(); w.resize(1280, 800); app.processEvents()
print("shown", flush=True)
open_into(w, sys.argv[1], False, daily_backup=False)
login = w.login_dialog  # the demo's 管理员 signs in as a person would (the password is checked)
if login is not None:
    login.login.setCurrentIndex(login.login.findData("admin")); login.password.setText("admin2026")
    login.on_ok_clicked()
w.current_tab().repaint(); app.processEvents()
print("ready", flush=True)
"""

MEMORY = """
import resource, sys
from xhdesk.ui.app import make_app
from xhdesk.data.core.store import Store
from xhdesk.ui.main_window import MainWindow
app = make_app()
w = MainWindow(Store.open(sys.argv[1])); w.resize(1280, 800); w.show(); app.processEvents()
for i, tab in enumerate(w.tab_pages):
    w.tabs.setCurrentIndex(i); app.processEvents()
members = next(t for t in w.tab_pages if type(t).__name__ == 'MembersTab')
table = members.table
for fraction in (0.25, 0.5, 0.75, 1.0):  # scroll through the whole registry
    table.scrollTo(members.model.index(int(members.model.rowCount() * fraction) - 1, 0)); app.processEvents()
for text in ("z", "zh", "zhang", "138", ""):
    members.search_box.setText(text); members.apply_criteria(); app.processEvents()
try:  # VmHWM belongs to this process image; ru_maxrss on Linux carries the parent's over fork+exec
    peak_kib = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except OSError:
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak_kib, flush=True)
"""


def _env() -> dict[str, str]:
    """Offscreen, and settings in a folder of the benchmark's own (never the user's layout)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = _CONFIG_DIR
    return env


_CONFIG_DIR = tempfile.mkdtemp(prefix="xhdesk-bench-config-")


def _times(script: str, *args: str) -> dict[str, float]:
    """Milliseconds from spawning the process to each marker line it prints ("shown", "ready")."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(),
        text=True,
    )
    assert proc.stdout is not None
    marks = {line.strip(): (time.perf_counter() - start) * 1000 for line in proc.stdout}
    proc.wait(timeout=60)
    if "shown" not in marks:
        raise RuntimeError("the window did not start")
    return marks


def _median(script: str, marks: str, repeat: int, *args: str) -> tuple[float, ...]:
    runs = [_times(script, *args) for _ in range(repeat)]
    return tuple(statistics.median(r[m] for r in runs) for m in marks.split(","))


def rows(ctx: BenchContext) -> list[Row]:
    repeat = 2 if ctx.quick else 3
    _times(WINDOW, str(ctx.db))  # warm the file cache and Python's bytecode cache
    (bare,) = _median(BARE, "shown", repeat)
    shown, ready = _median(WINDOW, "shown,ready", repeat, str(ctx.db))
    out = subprocess.run(
        [sys.executable, "-c", MEMORY, str(ctx.db)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
        check=True,
    )
    peak_mb = int(out.stdout.strip().splitlines()[-1]) / 1024  # KiB
    return [
        Row("冷启动：进程启动到主窗口显示", shown, "ms", bare, "≤ 4× 空窗口", goal_ratio=4.0),
        Row("冷启动：进程启动到首屏数据显示", ready, "ms", bare, "仅供参考"),
        Row(f"窗口峰值内存（{ctx.persons:,} 人）", peak_mb, "MB", None, "≤ 400 MB", goal_abs=400.0),
    ]
