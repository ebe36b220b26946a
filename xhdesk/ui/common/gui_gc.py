"""Python's cycle collector runs only in the GUI thread.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold is
reached — often a worker of :mod:`xhdesk.ui.common.workers`. A dialog or widget that was part of a
reference cycle is then destroyed in that worker thread, and Qt crashes ("Timers cannot be stopped
from another thread", then a segmentation fault). So automatic collection is switched off and the
GUI thread collects on a timer instead (the approach pyqtgraph takes for the same reason).

Reference counting has the same hazard without any cycle: a background task's closure may hold the
last reference to a dialog the user (or a test) already closed. A worker therefore never drops
such references itself; it hands them back (:func:`hand_back`) and the GUI thread releases them.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000

_handed_back: list[list[Any]] = []
_handed_back_lock = threading.Lock()


def hand_back(holder: list[Any]) -> None:
    """From a worker thread: move the references in ``holder`` to the GUI thread, emptying it.

    The copy is taken and the holder emptied under one lock, so the GUI thread's
    :func:`release_handed_back` always drops the last reference, never the worker.
    """
    with _handed_back_lock:
        _handed_back.append(list(holder))
        holder.clear()


def release_handed_back() -> None:
    """In the GUI thread: drop what workers handed back (destructors run here)."""
    with _handed_back_lock:
        released = _handed_back[:]
        _handed_back.clear()
    released.clear()


class GuiThreadCollector(QObject):
    """Collects each generation when its automatic threshold would have been reached."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        release_handed_back()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_in_gui_thread(app: QObject) -> None:
    """Install the collector once per application."""
    if app.property("xhdesk_gui_gc"):
        return
    GuiThreadCollector(app)
    app.setProperty("xhdesk_gui_gc", True)
