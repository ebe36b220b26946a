"""Long work off the UI thread, with progress and cooperative cancel.

``run_task`` runs ``fn(progress)`` on the global thread pool; the result or the error comes back to
the main thread through a queued signal. A ``QProgressDialog`` appears only after ~600 ms, and its
cancel button sets a flag that the work checks through ``progress.check()``. A cancel is not shown
as an error. Never loop on ``processEvents()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from xhdesk.data.core.errors import XhdeskError
from xhdesk.i18n import tr
from xhdesk.ui.common.gui_gc import hand_back, release_handed_back

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside work when the user pressed cancel."""


class Progress:
    """Handed to the work function: report progress, check for cancel. Thread-safe."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self._emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    """Runs the work in a pool thread; every Python reference it holds goes back to the GUI thread.

    The work's closure may hold the last reference to a dialog that was closed meanwhile; dropped
    here, that dialog would be destroyed in the pool thread and Qt would crash.
    """

    def __init__(
        self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress
    ) -> None:
        super().__init__()
        self._work: list[Any] = [fn, signals, progress]
        self.setAutoDelete(True)

    def run(self) -> None:
        work, self._work = self._work, []
        work.append(_outcome(work[0], work[2]))
        _tell(work[1], *work[3])
        hand_back(work)


def _outcome(fn: Callable[[Progress], Any], progress: Progress) -> tuple[str, tuple[Any, ...]]:
    try:
        result = fn(progress)
    except Cancelled:
        return "cancelled", ()
    except Exception as exc:  # noqa: BLE001 — handed to the main thread, never lost
        if not isinstance(exc, XhdeskError):
            log.exception("background task failed")
        return "failed", (exc,)
    return "finished", (result,)


def _tell(signals: _Signals, name: str, args: tuple[Any, ...]) -> None:
    """Hand the outcome to the main thread, unless the window that waited for it is gone."""
    try:
        getattr(signals, name).emit(*args)
    except RuntimeError:  # "Signal source has been deleted": its dialog was closed
        log.info("background task ended after its window closed (%s)", name)


class Task(QObject):
    """A running piece of background work; keeps its signals alive until it ends."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    _running: set[Task] = set()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self.handle = Progress(self._signals.progress.emit)
        self._signals.progress.connect(self.progress)
        for name in ("finished", "failed", "cancelled"):
            getattr(self._signals, name).connect(getattr(self, name))
            getattr(self._signals, name).connect(self._done)

    def cancel(self) -> None:
        self.handle.cancel()

    def _done(self, *_: object) -> None:
        Task._running.discard(self)
        QTimer.singleShot(0, release_handed_back)  # after this signal, not inside it


def run_task(
    fn: Callable[[Progress], Any],
    *,
    parent: QWidget | None = None,
    title: str = "",
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_progress: bool = True,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``fn(progress)`` in the background; callbacks run on the main thread."""
    task = Task()
    Task._running.add(task)
    dialog: QProgressDialog | None = None
    if show_progress and parent is not None:
        dialog = QProgressDialog(title or tr("正在处理…"), tr("取消"), 0, 0, parent)
        dialog.setWindowTitle(title or tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(600)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)

        def _update(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        task.progress.connect(_update)
        for sig in (task.finished, task.failed, task.cancelled):
            sig.connect(lambda *_: (dialog.reset(), dialog.deleteLater()))
    if on_done:
        task.finished.connect(on_done)
    if on_error:
        task.failed.connect(on_error)
    elif parent is not None:
        from xhdesk.ui.common.messages import show_error

        task.failed.connect(lambda exc: show_error(parent, exc))
    if on_cancel:
        task.cancelled.connect(on_cancel)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, task._signals, task.handle))
    return task
