"""Imports after PySide6 at the speed of plain Python.

PySide6 replaces ``__import__`` to support ``from __feature__ import …`` and, after every module
imported later, asks whether that module's source mentions "PySide6" — through
``inspect.getsource``, which reads and splits each file into lines: about a third of a second of
the window's start-up here (reported as napari#8584). The same question asked of the file's bytes
gives the same answer for a fraction of that. xhdesk uses no ``__feature__``.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _uses_pyside(module: ModuleType) -> bool:
    """PySide's own test (a source file that mentions "PySide6"), without ``inspect``."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or source-less: PySide says False for these too
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def quicken_imports() -> None:
    """Install the quicker test, if this PySide6 has the one it replaces."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
