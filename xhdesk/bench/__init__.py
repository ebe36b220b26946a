"""Benchmarks: every speed and memory figure beside a baseline measured in the same run.

Each module offers ``rows(ctx) -> list[Row]``. Timings are medians of several repetitions; each
row carries its own goal, either an absolute bound (``goal_abs``) or a ratio to its baseline
(``goal_ratio``), and passes or fails on it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class BenchContext:
    workdir: Path
    persons: int
    db: Path  # a scaled demo database, built once per run
    quick: bool = False  # tiny run for the test: fewer repetitions, smaller data


@dataclass
class Row:
    name: str
    value: float
    unit: str
    baseline: float | None = None
    goal: str = "—"
    goal_abs: float | None = None  # value must be <= this
    goal_ratio: float | None = None  # value / baseline must be <= this

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    @property
    def passed(self) -> bool | None:
        if self.goal_abs is not None:
            return self.value <= self.goal_abs
        if self.goal_ratio is not None and self.ratio is not None:
            return self.ratio <= self.goal_ratio
        return None

    @classmethod
    def from_dict(
        cls, d: dict[str, Any], *, goal_abs: float | None = None, goal_ratio: float | None = None
    ) -> Row:
        """A row from a measuring function's dict (name, value, unit, baseline, goal)."""
        return cls(
            d["name"],
            float(d["value"]),
            d["unit"],
            d.get("baseline"),
            str(d.get("goal", "—")),
            goal_abs,
            goal_ratio,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "unit": self.unit,
            "baseline": None if self.baseline is None else round(self.baseline, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "goal": self.goal,
            "pass": self.passed,
        }


def child_command() -> list[str]:
    """``python -c`` for a measuring child: ``[…, CODE, ARG…]`` appended by the caller.

    The bundle has no Python interpreter of its own to call, so there the executable runs the
    code itself (``xhdesk-cli --bench-exec CODE ARG…``).
    """
    import sys

    if getattr(sys, "frozen", False):
        return [sys.executable, "--bench-exec"]
    return [sys.executable, "-c"]


def median_ms(fn: Callable[[], Any], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
