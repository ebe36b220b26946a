"""A window open all day: calling Qt from Python must not wear away Python's ``None``.

PySide6 6.12.0 drops a reference to ``None`` at every call of a void Qt method on Python 3.11
(where ``None`` is an ordinary counted object): after some thousands of calls — a morning at a
desk — the window aborts with "Fatal Python error: none_dealloc". pyproject.toml keeps PySide6
below 6.12; this test fails on a version that has the fault, long before a desk would crash.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_a_morning_of_qt_calls_leaves_none_as_it_was(qtbot) -> None:  # noqa: ANN001
    label = QLabel("暖蜂驿站")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(20_000):
        label.setText(f"第 {n} 次")
        label.update()
    assert sys.getrefcount(None) >= before - 100
