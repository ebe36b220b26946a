"""Where this installation keeps its files (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_dirs = PlatformDirs("xhdesk", "xhdesk")

# Another data folder for this run (the bench's scaled demo database; a portable copy on a USB
# stick). The demo still opens only the folder's ``demo.sqlite3``, and real files still ask who
# signs in.
DATA_DIR_ENV = "XHDESK_DATA_DIR"


def _user_data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or _dirs.user_data_dir)


def data_dir() -> Path:
    path = _user_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_location() -> Path:
    """Where the default database belongs, without creating the folder (for messages)."""
    return _user_data_dir() / "xhdesk.sqlite3"


def default_db() -> Path:
    return data_dir() / "xhdesk.sqlite3"


def demo_db() -> Path:
    return data_dir() / "demo.sqlite3"


def log_dir() -> Path:
    path = Path(_dirs.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """``resources/`` beside the package (source tree) or inside a PyInstaller bundle."""
    here = Path(__file__).resolve().parents[3] / "resources"
    if here.exists():
        return here
    import sys

    return Path(getattr(sys, "_MEIPASS", ".")) / "resources"
