"""Cold start and peak memory of the window, each in a fresh process started as a user starts it.

The window is started through the real launcher — the ``xhdesk`` console script of the
installation, or ``xhdesk-cli`` when the bench runs inside the bundle (and, with
``XHDESK_BENCH_BUNDLE=dist/xhdesk/xhdesk-cli``, the bundle as well from a source run) — with the
hidden ``--bench-probe`` option (xhdesk/bench/probe.py), on a copy of the run's scaled demo
database opened with ``--demo`` in a data folder of its own (``XHDESK_DATA_DIR``), so that the
demo's 管理员 signs in as usual and nothing of the user's is read or written.

Times run from just before the process is spawned to the moment the child reports its frame
painted ("shown") and the first rows of 党员队伍 painted ("ready"). The baseline is an empty
QMainWindow in a bare QApplication started the same way: ``python -c`` from a source tree, the
bundle's own executable in the bundle.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xhdesk.bench import BenchContext, Row

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print("shown", flush=True)
"""

FRAME_RATIO = 2.0  # the frame within twice an empty window's time
ROWS_GOAL_MS = 1000.0  # first rows of 党员队伍 from process start
BUNDLE_ENV = "XHDESK_BENCH_BUNDLE"

_CONFIG_DIR = tempfile.mkdtemp(prefix="xhdesk-bench-config-")


def console_script() -> list[str]:
    """The command a user types: the bundle's own executable, or the installation's ``xhdesk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name("xhdesk.exe" if os.name == "nt" else "xhdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "xhdesk"]


def _env(data_dir: Path | None = None) -> dict[str, str]:
    """Offscreen, and settings in a folder of the benchmark's own (never the user's layout).

    Python writes its byte-code cache as it does on every office PC (the first, warming start
    writes it): a shell that sets PYTHONDONTWRITEBYTECODE would otherwise time compiling the
    sources at every start.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = _CONFIG_DIR
    if data_dir is not None:
        env["XHDESK_DATA_DIR"] = str(data_dir)
    return env


def _times(command: list[str], data_dir: Path | None = None) -> dict[str, float]:
    """Milliseconds from spawning the process to each marker line it prints ("shown", "ready")."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(data_dir),
        text=True,
    )
    assert proc.stdout is not None
    marks = {line.strip(): (time.perf_counter() - start) * 1000 for line in proc.stdout}
    proc.wait(timeout=120)
    if "shown" not in marks:
        raise RuntimeError(f"the window did not start: {' '.join(command)}")
    return marks


def _median(command: list[str], marks: str, repeat: int, data_dir: Path | None = None):  # noqa: ANN202
    runs = [_times(command, data_dir) for _ in range(repeat)]
    return tuple(statistics.median(r.get(m, float("nan")) for r in runs) for m in marks.split(","))


def _demo_folder(ctx: BenchContext) -> Path:
    """A data folder whose ``demo.sqlite3`` is a copy of the run's scaled database."""
    folder = ctx.workdir / "startup-data"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(ctx.db, folder / "demo.sqlite3")
    return folder


def _launcher_rows(
    label: str, launcher: list[str], bare: list[str], ctx: BenchContext, repeat: int
) -> list[Row]:
    folder = _demo_folder(ctx)
    window = [*launcher, "--demo", "--bench-probe", "window"]
    _times(window, folder)  # warm the file cache (and take the day's first backup of the copy)
    (baseline,) = _median(bare, "shown", repeat)
    shown, ready = _median(window, "shown,ready", repeat, folder)
    return [
        Row(
            f"冷启动：进程启动到主窗口显示（{label}）",
            shown,
            "ms",
            baseline,
            f"≤ {FRAME_RATIO:g}× 空窗口",
            goal_ratio=FRAME_RATIO,
        ),
        Row(
            f"冷启动：进程启动到党员队伍首屏（{ctx.persons:,} 人，{label}）",
            ready,
            "ms",
            baseline,
            f"≤ {ROWS_GOAL_MS:,.0f} ms",
            goal_abs=ROWS_GOAL_MS,
        ),
    ]


def _bundle() -> list[str] | None:
    """The bundle's console executable to time beside the source run, if one was named."""
    path = os.environ.get(BUNDLE_ENV)
    return [path] if path and Path(path).is_file() else None


def rows(ctx: BenchContext) -> list[Row]:
    repeat = 2 if ctx.quick else 5
    launcher = console_script()
    frozen = getattr(sys, "frozen", False)
    bare = [*launcher, "--bench-probe", "empty"] if frozen else [sys.executable, "-c", BARE]
    out = _launcher_rows("打包程序" if frozen else "xhdesk 命令", launcher, bare, ctx, repeat)
    bundle = None if frozen else _bundle()
    if bundle is not None:
        out += _launcher_rows("打包程序", bundle, [*bundle, "--bench-probe", "empty"], ctx, repeat)
    memory = subprocess.run(
        [*launcher, "--db", str(ctx.db), "--bench-probe", "memory"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
        check=True,
    )
    peak_mb = int(memory.stdout.strip().splitlines()[-1]) / 1024  # KiB
    out.append(
        Row(f"窗口峰值内存（{ctx.persons:,} 人）", peak_mb, "MB", None, "≤ 400 MB", goal_abs=400.0)
    )
    return out
