"""A plausible year of activities with sign-ups and sign-ins, from the registry's own people.

Branches hold 三会一课 and 主题党日 for their members; committees run study sessions and cloud
lessons; stations host volunteering, governance and 乡村行 days open to anyone nearby. Activities of
the past have their sign-ins (not yet closed: closing generates the declarations, which is the
secretary's step); those of the coming weeks have sign-ups. Its own RNG, so the other builders'
data stay as they were.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from xhdesk.data.core.store import Store
from xhdesk.data.demo import DemoContext
from xhdesk.data.demo.places import TOWNS
from xhdesk.data.models.activities import Activity, ActivitySignin, ActivitySignup
from xhdesk.data.registry.units import CENTRE_CODE

AUTHOR = "演示数据"
TITLES = {
    "three_meetings": ("支部党员大会", "支部委员会会议", "党小组会", "书记讲党课"),
    "theme_day": ("主题党日：重温入党誓词", "主题党日：走进红色教育基地", "主题党日：学习身边榜样"),
    "cloud_lesson": ("云党课：新就业群体党员的责任担当", "云党课：党章党规学习", "云党课：安全行车"),
    "cloud_council": ("云议事：配送高峰期停车难", "云议事：驿站服务改进", "云议事：夜间行车安全"),
    "study": ("班前班后“5分钟”集中学习", "交通法规与安全生产培训", "学习贯彻全会精神宣讲"),
    "volunteer": ("水乡红骑手文明交通劝导", "货运“兴”锋队防汛值守", "敬老院义务送餐", "政策宣传进驿站"),
    "governance": ("平安巡防", "矛盾纠纷调解进驿站", "安全隐患随手拍集中行动"),
    "village": ("“百村千社万户”乡村行：政策宣讲", "乡村行：农产品直播助农", "乡村行：送法下乡"),
}  # fmt: skip
WEIGHTS = {
    "three_meetings": 22,
    "theme_day": 14,
    "cloud_lesson": 8,
    "cloud_council": 4,
    "study": 14,
    "volunteer": 20,
    "governance": 10,
    "village": 8,
}
HOURS = {"three_meetings": 2, "theme_day": 3, "cloud_lesson": 1, "cloud_council": 1, "study": 2}
STARTS = (time(9, 0), time(14, 30), time(19, 0))
METHODS = ("search", "search", "qr", "qr", "qr", "sheet")
UTC_OFFSET = timedelta(hours=8)  # sign-in times are stored as UTC


def count_for(persons_total: int) -> int:
    return 36 + persons_total // 100


def build(store: Store, ctx: DemoContext) -> None:
    rng = random.Random(f"activities-{ctx.seed}")
    by_branch: dict[str, list[str]] = {}
    for pid in ctx.members:
        if pid in ctx.person_branch:
            by_branch.setdefault(ctx.person_branch[pid], []).append(pid)
    branches = sorted(by_branch)
    if not branches or not ctx.stations:
        return
    activities: list[dict[str, Any]] = []
    signups: list[dict[str, Any]] = []
    signins: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for _ in range(count_for(ctx.persons_total)):
        kind = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        row, people = _activity(rng, ctx, store, kind, branches, by_branch, numbers)
        activities.append(row)
        start: datetime = row["starts_at"]
        past = start.date() < ctx.today
        for pid in people:
            event = {
                "id": DemoContext.new_id_from(rng),
                "activity_id": row["id"],
                "person_id": pid,
                "author": AUTHOR,
                "node_id": store.node_id,
            }
            if past:
                at = start - UTC_OFFSET + timedelta(minutes=rng.randint(-20, 15))
                signins.append({**event, "method": rng.choice(METHODS), "at": at})
            else:
                signups.append(
                    {**event, "at": start - UTC_OFFSET - timedelta(days=rng.randint(1, 6))}
                )
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(Activity, activities)
        uow.insert_many(ActivitySignup, signups)
        uow.insert_many(ActivitySignin, signins)


def _activity(
    rng: random.Random,
    ctx: DemoContext,
    store: Store,
    kind: str,
    branches: list[str],
    by_branch: dict[str, list[str]],
    numbers: dict[str, int],
) -> tuple[dict[str, Any], list[str]]:
    ahead = rng.random() < 0.1  # a few in the coming weeks, with sign-ups
    day = ctx.today + timedelta(days=rng.randint(1, 20) if ahead else -rng.randint(1, 330))
    start = datetime.combine(day, rng.choice(STARTS))
    hours = HOURS.get(kind, rng.choice((2, 3, 4)))
    station_id: str | None = rng.choice(ctx.stations) if rng.random() < 0.85 else None
    if kind in ("three_meetings", "theme_day", "cloud_council"):
        branch = rng.choice(branches)
        organiser = ("branch", branch)
        pool = by_branch[branch]
        people = rng.sample(pool, max(1, round(len(pool) * rng.uniform(0.5, 0.95))))
    elif kind in ("cloud_lesson", "study"):
        committee = rng.choice(sorted(ctx.committees.values()))
        organiser = ("committee", committee)
        pool = [
            p
            for p in ctx.members
            if ctx.branch_committee.get(ctx.person_branch.get(p, "")) == committee
        ]
        people = rng.sample(pool, min(len(pool), rng.randint(10, 40)))
    else:
        organiser = ("station", station_id or rng.choice(ctx.stations))
        station_id = organiser[1]
        members = rng.sample(ctx.members, min(len(ctx.members), rng.randint(4, 15)))
        others = rng.sample(ctx.persons, min(len(ctx.persons), rng.randint(2, 12)))
        people = list(dict.fromkeys(members + others))
    prefix = ctx.station_codes.get(station_id or "", "") or CENTRE_CODE  # made at the centre
    head = f"HD{day.year}-{prefix.upper()}-"
    numbers[head] = numbers.get(head, 0) + 1
    capacity = rng.choice((None, 30, 50, 80)) if kind != "three_meetings" else None
    if capacity is not None and len(people) > capacity:
        people = people[:capacity]
    row = {
        "id": DemoContext.new_id_from(rng),
        "number": f"{head}{numbers[head]:04d}",
        "title": rng.choice(TITLES[kind]),
        "kind": kind,
        "organiser_kind": organiser[0],
        "organiser_id": organiser[1],
        "station_id": station_id,
        "address": "" if station_id else f"兴化市{rng.choice(TOWNS)}新时代文明实践站",
        "starts_at": start,
        "ends_at": start + timedelta(hours=hours),
        "capacity": capacity,
        "description": "",
        "origin_node_id": store.node_id,
        "created_by": AUTHOR,
        "created_at": start - UTC_OFFSET - timedelta(days=rng.randint(3, 14)),
    }  # fmt: skip
    return row, people
