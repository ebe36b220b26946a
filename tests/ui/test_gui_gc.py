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
