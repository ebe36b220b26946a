"""The requests tab's work queue with many requests.

Goal (issue 5): opening or refreshing the 诉求服务 tab — the count and first page of the open
requests sorted by due date (state and due date derived from the append-only events, read from
the trigger-kept ``request_state`` table), plus
the queue counts and this month's figures — takes under 300 ms with 20,000 requests (about 80,000
events).

The baseline, measured in the same run on the same database, is the first page of requests read
straight from ``service_request`` by acceptance time with no derived columns: what a table that
stored its state in the row would cost. ``ratio`` = value / baseline.

Setup (benchmark only): requests and events go in through ``uow.insert_many`` (with the change
log), in the run's work folder.

Part of ``xhdesk bench``.
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from xhdesk.bench import BenchContext, Row

DEFAULT_REQUESTS = 20_000
GOAL_MS = 300.0
REPEATS = 5
TODAY = date(2026, 11, 28)
FLOWS = [
    ["accepted"],
    ["accepted", "forwarded"],
    ["accepted", "forwarded", "in_progress"],
    ["accepted", "forwarded", "in_progress", "resolved"],
    ["accepted", "forwarded", "in_progress", "resolved", "return_visit"],
    ["accepted", "forwarded", "in_progress", "resolved", "return_visit", "closed"],
    ["accepted", "forwarded", "in_progress", "resolved", "return_visit", "closed"],
    ["accepted", "forwarded", "resolved", "return_visit", "closed"],
]


def _database(folder: Path, count: int):  # noqa: ANN202 — a Store in the run's work folder
    from xhdesk.data.core.store import Store

    store = Store.open(folder / "requests.sqlite3")
    _build(store, count)
    return store


def _build(store, count: int) -> None:  # noqa: ANN001
    from sqlmodel import select

    from xhdesk.data.models.requests import RequestEvent, ServiceKind, ServiceRequest
    from xhdesk.data.requests.calendar import WorkCalendar, default_entries
    from xhdesk.data.requests.catalogue import install_default_catalogue

    install_default_catalogue(store)
    with store.session() as session:
        kinds = [
            (k.id, k.department_id, k.time_limit_days) for k in session.exec(select(ServiceKind))
        ]
    cal = WorkCalendar.from_entries(default_entries())
    rng = random.Random(5)
    requests, events = [], []
    for n in range(count):
        kind_id, dept_id, limit = rng.choice(kinds)
        at = datetime.combine(TODAY - timedelta(days=rng.randrange(365)), datetime.min.time())
        at += timedelta(hours=8, minutes=rng.randrange(540))
        rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        requests.append(
            {
                "id": rid,
                "number": f"XH-{at:%Y%m%d}-B{n:06d}",
                "requester_name": "测试",
                "requester_phone": "13800000000",
                "kind_id": kind_id,
                "department_id": dept_id,
                "accepted_at": at,
                "due_on": cal.add_working_days(at.date(), limit),
            }
        )
        flow = (
            rng.choice(FLOWS) if at.date() < TODAY - timedelta(days=20) else rng.choice(FLOWS[:4])
        )
        for step, kind in enumerate(flow):
            events.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "request_id": rid,
                    "kind": kind,
                    "at": at + timedelta(hours=step * 20),
                    "satisfaction": "satisfied" if kind == "return_visit" else "",
                }
            )
    with store.unit_of_work("bench") as uow:
        uow.insert_many(ServiceRequest, requests)
        uow.insert_many(RequestEvent, events)


def _median(fn) -> float:  # noqa: ANN001
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(folder: Path, count: int = DEFAULT_REQUESTS) -> list[dict]:
    """``count`` requests (the registry plays no part here)."""
    import sqlalchemy as sa

    from xhdesk.data.core.listing import Criteria
    from xhdesk.data.models.requests import ServiceRequest
    from xhdesk.data.requests.calendar import store_calendar
    from xhdesk.data.requests.figures import overview
    from xhdesk.data.requests.listing import requests_listing

    store = _database(folder, count)
    listing = requests_listing()

    def product() -> None:
        until = store_calendar(store).next_working_day(TODAY)
        criteria = Criteria(filters={"queue": "open"}, sort_key="due")
        matched = listing.count(store, criteria)
        listing.page(store, criteria, 0, 200, matched=matched)
        overview(store, TODAY)
        assert until

    def baseline() -> None:
        with store.engine.connect() as conn:
            conn.execute(
                sa.select(ServiceRequest.__table__)
                .order_by(ServiceRequest.accepted_at.desc())
                .limit(200)
            ).all()
            conn.execute(sa.select(sa.func.count()).select_from(ServiceRequest.__table__)).one()

    value, base = _median(product), _median(baseline)
    store.close()
    return [
        {
            "name": f"诉求服务刷新（{count:,} 条诉求）",
            "value": round(value, 1),
            "unit": "ms",
            "baseline": round(base, 1),
            "ratio": round(value / base, 1) if base else None,
            "goal": f"≤ {GOAL_MS:.0f} ms",
            "pass": value < GOAL_MS,
        }
    ]


def rows(ctx: BenchContext) -> list[Row]:
    count = 2_000 if ctx.quick else DEFAULT_REQUESTS
    return [Row.from_dict(d, goal_abs=GOAL_MS) for d in run(ctx.workdir, count)]
