"""The launcher shows the frame before it loads the data layer, and the bench can time it.

Each check runs in a fresh interpreter: the test process itself has long imported everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "sqlmodel", "reportlab", "alembic", "cryptography", "openpyxl", "qtawesome")

FRAME_FIRST = """
import sys
from xhdesk.cli import window_args
args = window_args(sys.argv[1:])
assert args is not None and args.command is None, args
from xhdesk.ui.app import show_shell, make_app
window = show_shell(); make_app().processEvents()
assert window.isVisible()
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or _env(),
        check=True,
    )
    return out.stdout.strip()


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


@pytest.mark.parametrize("argv", [[], ["--demo"], ["--db", "x.sqlite3"]])
def test_parsing_and_the_frame_load_no_data_layer(argv: list[str]) -> None:
    assert _python(FRAME_FIRST.format(heavy=HEAVY), *argv) == ""


def test_a_command_still_parses_through_the_full_parser() -> None:
    code = "from xhdesk.cli import window_args; print(window_args(['stats', '--db', 'x']))"
    assert _python(code) == "None"


def test_the_probe_times_the_real_window_on_the_members_tab(
    demo_template: Path, tmp_path: Path
) -> None:
    """``xhdesk --demo --bench-probe window``: frame, then the first rows of 党员队伍, then exit."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "demo.sqlite3").write_bytes(demo_template.read_bytes())
    env = _env(XHDESK_DATA_DIR=str(data), XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run(
        [sys.executable, "-m", "xhdesk", "--demo", "--bench-probe", "window"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    assert out.stdout.split() == ["shown", "ready"]
