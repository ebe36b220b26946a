"""Cycles are collected in the GUI thread only, never inside a worker (where Qt would crash)."""

from __future__ import annotations

import gc
import threading

from xhdesk.ui.common.gui_gc import collect_in_gui_thread


def test_the_collector_runs_on_the_gui_thread_not_automatically(qapp, qtbot):
    collect_in_gui_thread(qapp)
    assert not gc.isenabled()
    seen: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:

        def make_garbage() -> None:
            for _ in range(50_000):
                a: list = []
                a.append(a)

        worker = threading.Thread(target=make_garbage, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in seen  # nothing collected inside the worker
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # the GUI thread's timer collects
        assert set(seen) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)


def test_a_closed_window_held_only_by_a_background_task_is_destroyed_on_the_gui_thread(qapp, qtbot):
    """The task's closure holds the last reference to something the user already closed; when
    the task ends, that object must die on the GUI thread (a widget dying in a worker crashes Qt)."""
    from xhdesk.ui.common.workers import run_task

    collect_in_gui_thread(qapp)
    died_on: list[str] = []
    release = threading.Event()

    class ClosedWindow:
        def __del__(self) -> None:
            died_on.append(threading.current_thread().name)

    def start() -> None:
        window = ClosedWindow()

        def work(_progress: object) -> str:
            release.wait(5)
            return type(window).__name__  # the closure keeps the window

        run_task(work, show_progress=False)

    start()  # the window's only reference is now inside the running task
    release.set()
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    assert died_on == [threading.main_thread().name]
