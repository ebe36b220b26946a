"""Where this installation keeps its files (platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_dirs = PlatformDirs("xhdesk", "xhdesk")


def data_dir() -> Path:
    path = Path(_dirs.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_location() -> Path:
    """Where the default database belongs, without creating the folder (for messages)."""
    return Path(_dirs.user_data_dir) / "xhdesk.sqlite3"


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
