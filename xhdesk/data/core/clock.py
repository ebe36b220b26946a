"""Hybrid logical clock.

A stamp is one integer: wall-clock milliseconds shifted left 16 bits, plus a 16-bit counter. Stamps
from one clock only grow, even if the wall clock steps back. Ties between nodes are broken by node
id where a total order is needed (see :func:`order_key`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def order_key(stamp: int, node_id: str) -> tuple[int, str]:
    """Total order of changes: HLC first, node id as the final tie-break."""
    return (stamp, node_id)


class HybridClock:
    def __init__(self, last: int = 0, now_ms: Callable[[], int] | None = None) -> None:
        self.last = last
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)

    def tick(self) -> int:
        """A new stamp for a local event, greater than every stamp seen so far."""
        physical = pack(self._now_ms(), 0)
        self.last = physical if physical > self.last else self.last + 1
        return self.last

    def observe(self, remote: int) -> None:
        """Advance past a stamp received from another node."""
        if remote > self.last:
            self.last = remote
