"""Fixtures: a migrated empty database and a small demo database, each copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from xhdesk.data.core.store import Store  # noqa: E402

DEMO_PERSONS = 600


def _copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from xhdesk.data.demo import build_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    with Store.open(path) as store:
        build_demo(store, persons=DEMO_PERSONS, seed=1)
    return path


@pytest.fixture
def store(empty_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated, empty database (a centre node)."""
    s = Store.open(_copy_db(empty_template, tmp_path / "db.sqlite3"))
    yield s
    s.close()


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the small demo database (600 persons, seed 1)."""
    s = Store.open(_copy_db(demo_template, tmp_path / "demo.sqlite3"))
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    """Each test remembers window layouts in its own folder, never in the user's profile."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(scope="session", autouse=True)
def _collect_in_gui_thread(qapp) -> None:  # noqa: ANN001 — pytest-qt's QApplication
    """As the application does (xhdesk/ui/common/gui_gc.py): Python's cycle collector must not
    destroy widgets of earlier tests inside a worker thread."""
    from xhdesk.ui.common.gui_gc import collect_in_gui_thread

    collect_in_gui_thread(qapp)
