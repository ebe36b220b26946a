"""The whole check as independent parts, run side by side, each on its own connection.

Every part only reads, and SQLite releases the GIL while it works, so on a machine with several
cores the parts run at the same time: the file check split by table, the foreign keys by table,
each derived table, each synced table's rows in slices of rowids. The largest parts start first.
Each part's connection reads the file through memory mapping and a larger page cache for the
time of the part (both restored: the connection goes back to the store's pool).
Findings are put back in the order of a sequential check (file, foreign keys, derived tables,
rows table by table), so the report does not depend on which part finished first.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from xhdesk.data.check.findings import MISSING_ROW, NO_CHANGES, Finding
from xhdesk.data.core.store import Store

ProgressFn = Callable[[int, int, str], None]
SLICE = 200_000  # rowids per part of a synced table's rows
MMAP = 2**31 - 2**16  # bytes of the file read through memory mapping (SQLite's usual ceiling)
CACHE_KIB = 65_536
TICK = 0.25  # seconds between progress reports while the parts run (a cancel is seen then)
_KIND_ORDER = {NO_CHANGES: 0, MISSING_ROW: 1}  # then FOLD


@dataclass(frozen=True)
class Part:
    order: tuple[Any, ...]  # (section, table, …): where its findings go in the report
    cost: int  # rough amount of work, to start the largest parts first
    stage: str  # what a user is told while it runs
    run: Callable[[sa.Connection], list[Finding]]


def workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


class _Running:
    """The connections parts are using, so that a cancel can interrupt them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._raw: set[Any] = set()
        self.stopped = False

    def add(self, raw: Any) -> None:
        with self._lock:
            if self.stopped:
                raw.interrupt()
            self._raw.add(raw)

    def discard(self, raw: Any) -> None:
        with self._lock:
            self._raw.discard(raw)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            for raw in self._raw:
                raw.interrupt()


def _run_part(store: Store, part: Part, running: _Running) -> list[Finding]:
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        mmap = conn.exec_driver_sql("PRAGMA mmap_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.exec_driver_sql(f"PRAGMA mmap_size = {MMAP}")
        running.add(raw)
        try:
            return part.run(conn)
        finally:
            running.discard(raw)
            conn.exec_driver_sql(f"PRAGMA mmap_size = {int(mmap or 0)}")
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")
            conn.rollback()


def run_parts(store: Store, parts: list[Part], progress: ProgressFn) -> list[Finding]:
    """Run every part (largest first, ``workers()`` at a time); their findings in report order."""
    running = _Running()
    done: dict[int, list[Finding]] = {}
    pending: dict[Future[list[Finding]], int] = {}
    by_cost = sorted(range(len(parts)), key=lambda i: -parts[i].cost)
    with ThreadPoolExecutor(workers(), thread_name_prefix="xhdesk-check") as pool:
        try:
            for i in by_cost:
                pending[pool.submit(_run_part, store, parts[i], running)] = i
            stage = parts[by_cost[0]].stage if parts else ""
            while pending:
                finished, _ = wait(pending, timeout=TICK, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    done[i] = fut.result()
                    stage = parts[i].stage
                # also while nothing finishes, so that a cancel is noticed within a tick
                progress(len(done), len(parts), stage)
        except BaseException:
            for fut in pending:
                fut.cancel()
            running.stop()
            raise
    ordered = sorted(range(len(parts)), key=lambda i: parts[i].order)
    return [f for i in ordered for f in done[i]]


def kind_order(f: Finding) -> int:
    return _KIND_ORDER.get(f.kind, 2)
