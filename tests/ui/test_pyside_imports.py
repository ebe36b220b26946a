"""The quicker "does this module use PySide6" test answers as PySide's own does."""

from __future__ import annotations

import inspect
import sys

from xhdesk.ui.common.pyside_imports import _uses_pyside, quicken_imports


def _pyside_answer(module) -> bool:  # noqa: ANN001 — what shibokensupport.feature computes
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_quick_test_agrees_with_pysides_for_every_loaded_module(qapp):
    quicken_imports()
    loaded = sorted((name, m) for name, m in sys.modules.items() if m is not None)
    modules = [m for name, m in loaded if name.startswith("xhdesk")] + [m for _n, m in loaded[:300]]
    assert any(_uses_pyside(m) for m in modules) and not all(_uses_pyside(m) for m in modules)
    assert [_uses_pyside(m) for m in modules] == [_pyside_answer(m) for m in modules]
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None:
        assert feature._mod_uses_pyside is _uses_pyside
