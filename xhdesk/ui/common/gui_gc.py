"""Python's cycle collector runs only in the GUI thread.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold is
reached — often a worker of :mod:`xhdesk.ui.common.workers`. A dialog or widget that was part of a
reference cycle is then destroyed in that worker thread, and Qt crashes ("Timers cannot be stopped
from another thread", then a segmentation fault). So automatic collection is switched off and the
GUI thread collects on a timer instead (the approach pyqtgraph takes for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


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
