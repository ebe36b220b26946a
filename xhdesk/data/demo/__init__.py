"""The Xinghua demo data set: the programme's published figures, fictional people.

``build_demo`` writes the registry first, then lets each capability add its own demo rows through
a builder ``build(store, ctx)`` (see ``BUILDERS``). Everything is drawn from one seeded RNG and the
fixed ``ctx.today``, so a seed always gives the same data set.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from xhdesk.data.core.store import Store

DEFAULT_PERSONS = 3200
MIN_PERSONS = 300  # the 239 party members and the stations' regulars need room
MAX_PERSONS = 200_000  # far above any county's new employment groups; bounds time and disk
DEMO_TODAY = date(2026, 11, 28)


@dataclass
class DemoContext:
    """What the registry builder made, for the builders that follow it."""

    rng: random.Random
    seed: int
    persons_total: int
    today: date = DEMO_TODAY
    committees: dict[str, str] = field(default_factory=dict)  # code → id
    branches: list[str] = field(default_factory=list)  # branch ids
    branch_committee: dict[str, str] = field(default_factory=dict)  # branch id → committee id
    stations: list[str] = field(default_factory=list)  # station ids
    station_codes: dict[str, str] = field(default_factory=dict)  # station id → code (S07)
    enterprises: list[str] = field(default_factory=list)
    instructors: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # every person id
    members: list[str] = field(default_factory=list)  # the 239 party members' ids
    person_branch: dict[str, str] = field(default_factory=dict)  # member id → branch id
    person_occupation: dict[str, str] = field(default_factory=dict)

    def new_id(self) -> str:
        """A UUID drawn from the seeded RNG, so ids are deterministic too."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    @staticmethod
    def new_id_from(rng: random.Random) -> str:
        """A UUID drawn from another seeded RNG (parts added later leave the main stream alone)."""
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def build_demo(
    store: Store,
    *,
    persons: int = DEFAULT_PERSONS,
    seed: int = 1,
    on_step: Callable[[int, int], None] | None = None,
) -> DemoContext:
    """Write the demo data set; ``on_step(done, total)`` is called after each part (it may raise
    to stop: each part is its own transaction, so the parts written stay consistent)."""
    from xhdesk.data.demo import registry

    ctx = DemoContext(rng=random.Random(seed), seed=seed, persons_total=persons)
    steps = [registry.build, *_builders()]
    for done, builder in enumerate(steps, start=1):
        builder(store, ctx)
        if on_step is not None:
            on_step(done, len(steps))
    return ctx


def _builders() -> list:
    # Each capability appends its demo builder here: ``build(store: Store, ctx: DemoContext)``.
    from xhdesk.data.demo import (
        activities,
        awards,
        development,
        points,
        programme,
        requests,
        users,
    )

    # points before awards: the selections read the year's point totals.
    return [
        requests.build,
        points.build,
        awards.build,
        development.build,
        programme.build,
        users.build,
        activities.build,
    ]
