"""Demo service requests: the catalogue, the example calendar, offerings, and a few hundred
requests over the past five months in every state (some overdue, some due soon)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import select

from xhdesk.data.core.store import Store
from xhdesk.data.demo import DemoContext
from xhdesk.data.demo import names as nm
from xhdesk.data.demo.request_texts import OPERATORS, TEXTS, VISIT_NOTES
from xhdesk.data.models import Person, Station
from xhdesk.data.models.requests import (
    CalendarDay,
    Department,
    RequestEvent,
    ServiceKind,
    ServiceRequest,
    StationOffering,
)
from xhdesk.data.requests.calendar import WorkCalendar, calendar_day_id, default_entries
from xhdesk.data.requests.catalogue import DEFAULT_DEPARTMENTS, DEFAULT_KINDS

HISTORY_DAYS = 150
KIND_WEIGHTS = (14, 9, 5, 6, 12, 6, 4, 4, 6, 3, 8, 5, 6, 5)
ESCALATION_AUTHOR = "系统督办"


def _office_time(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(8, 30)) + timedelta(minutes=rng.randrange(0, 510))


class _Sim:
    """Walks one request through its life, never past the demo's "now"."""

    def __init__(self, ctx: DemoContext, cal: WorkCalendar, store: Store, request: dict) -> None:
        self.ctx, self.cal, self.rng = ctx, cal, ctx.rng
        self.node_id = store.node_id
        self.request = request
        self.now = datetime.combine(ctx.today, time(11, 0))
        self.events: list[dict[str, Any]] = []
        self.t: datetime = request["accepted_at"]
        self.due: date = request["due_on"]
        self.open = True
        self.escalated_due: date | None = None

    def after(self, working_days: int) -> datetime:
        if working_days <= 0:
            at = self.t + timedelta(minutes=self.rng.randrange(20, 240))
        else:
            at = _office_time(self.rng, self.cal.add_working_days(self.t.date(), working_days))
        return max(at, self.t + timedelta(seconds=1))

    def add(self, kind: str, at: datetime, author: str, **fields: Any) -> bool:
        """Record an event at ``at`` unless that is in the future; escalate first if late."""
        if at > self.now:
            return False
        if self.open and kind != "escalated":
            self._escalate_before(at)
        self.events.append(
            {
                "id": self.ctx.new_id(),
                "request_id": self.request["id"],
                "kind": kind,
                "at": at,
                "author": author,
                "node_id": self.node_id,
                **fields,
            }
        )
        self.t = at
        return True

    def _escalate_before(self, at: datetime) -> None:
        """The overnight check escalates an open request the first working morning after its due date."""
        when = datetime.combine(self.cal.next_working_day(self.due), time(8, 0))
        if when < at and self.escalated_due != self.due:
            self.escalated_due = self.due
            text = f"已超过办理时限（应于{self.due:%Y-%m-%d}前办结），请承办部门加快办理"
            self.events.append(
                {
                    "id": self.ctx.new_id(),
                    "request_id": self.request["id"],
                    "kind": "escalated",
                    "at": when,
                    "author": ESCALATION_AUTHOR,
                    "node_id": self.node_id,
                    "text": text,
                }
            )

    def finish(self) -> None:
        if self.open:
            self._escalate_before(self.now)


def _catalogue(ctx: DemoContext) -> tuple[list[dict], list[dict]]:
    depts = [
        {"id": ctx.new_id(), "name": n, "contact": c, "phone": p, "sort_order": i}
        for i, (n, c, p) in enumerate(DEFAULT_DEPARTMENTS)
    ]
    by_name = {d["name"]: d["id"] for d in depts}
    kinds = [
        {
            "id": ctx.new_id(),
            "name": n,
            "department_id": by_name[dept],
            "time_limit_days": limit,
            "description": desc,
            "icon": icon,
            "sort_order": i,
        }
        for i, (n, dept, limit, desc, icon) in enumerate(DEFAULT_KINDS)
    ]
    return depts, kinds


def _offerings(ctx: DemoContext, stations: list[tuple[str, str, str]], kinds: list[dict]) -> dict:
    """station id → offered kind dicts (the service centre offers everything)."""
    out: dict[str, list[dict]] = {}
    for sid, kind, _code in stations:
        if kind == "service_centre":
            out[sid] = list(kinds)
        else:
            count = ctx.rng.randint(7, 12)
            out[sid] = sorted(ctx.rng.sample(kinds, count), key=lambda k: k["sort_order"])
    return out


def _requester(ctx: DemoContext, people: list[tuple[str, str, str]], phones: set[str]) -> tuple:
    if people and ctx.rng.random() < 0.75:
        return ctx.rng.choice(people)
    gender = ctx.rng.choice(("男", "男", "女"))
    return None, nm.person_name(ctx.rng, gender), nm.phone(ctx.rng, phones)


def _accept_days(ctx: DemoContext, cal: WorkCalendar, count: int) -> list[date]:
    """Days of acceptance: stations open every day, but most requests come on working days."""
    days = [ctx.today - timedelta(days=n) for n in range(HISTORY_DAYS, -1, -1)]
    weights = [5 if cal.is_working_day(d) else 2 for d in days]
    picked = ctx.rng.choices(days, weights=weights, k=count - 16)
    picked += [ctx.rng.choice(days[-7:]) for _ in range(16)]
    return sorted(picked)


def _live(sim: _Sim, kind: dict, dept: dict, merge_pool: list[dict], hold: bool) -> None:
    """The events of one request after acceptance."""
    rng, limit, op = sim.rng, kind["time_limit_days"], rng_op(sim.rng)
    roll = 0.5 if hold else rng.random()
    if roll < 0.03:
        sim.open = not sim.add(
            "withdrawn", sim.after(rng.randint(0, 2)), op, text="问题已自行解决，群众主动撤回"
        )
        return
    if roll < 0.06:
        targets = [
            r
            for r in merge_pool
            if r["kind_id"] == kind["id"]
            and r["accepted_at"] < sim.t
            and (sim.t - r["accepted_at"]).days < 30
        ]
        if targets:
            target = rng.choice(targets)
            sim.open = not sim.add(
                "merged",
                sim.after(0),
                op,
                merged_into_id=target["id"],
                text=f"与 {target['number']} 反映同一问题，合并办理",
            )
            return
    descriptions, answers = TEXTS[kind["name"]]
    if not sim.add(
        "forwarded",
        sim.after(rng.choice((0, 0, 0, 1))),
        op,
        department_id=dept["id"],
        contact=dept["contact"],
        text="请按时限办理并反馈结果",
    ):
        return
    if not sim.add(
        "in_progress", sim.after(rng.randint(0, 1)), dept["name"][:30], text="已接收，正在办理"
    ):
        return
    if roll > 0.95 or hold:
        return  # stuck with the department: stays open, becomes overdue and is escalated
    late = rng.random() < 0.22
    span = limit + rng.randint(1, 8) if late else rng.randint(1, max(limit - 1, 1))
    if (sim.now - sim.request["accepted_at"]).days <= 6 and rng.random() < 0.6:
        span = limit  # recent ones get done on the last day: open and due soon today
    at = _office_time(rng, sim.cal.add_working_days(sim.request["accepted_at"].date(), span))
    for round_ in range(2):
        if not sim.add("resolved", max(at, sim.after(0)), op, text=rng.choice(answers)):
            return
        sim.open = False
        if rng.random() < 0.08:
            sim.add("closed", sim.after(2), op, text="多次联系未接通，按办结关闭")
            return
        weights = (70, 20, 10) if round_ == 0 else (60, 40, 0)
        sat = rng.choices(("satisfied", "basic", "unsatisfied"), weights=weights)[0]
        visit_at = sim.after(rng.randint(1, 3))
        due = sim.cal.add_working_days(visit_at.date(), limit) if sat == "unsatisfied" else None
        if not sim.add(
            "return_visit",
            visit_at,
            op,
            satisfaction=sat,
            text=rng.choice(VISIT_NOTES[sat]),
            due_on=due,
        ):
            return
        if sat != "unsatisfied":
            if rng.random() < 0.2:
                return  # visited, not yet archived
            sim.add("closed", sim.after(rng.randint(0, 1)), op, text="回访完毕，办结归档")
            return
        assert due is not None  # an unsatisfied visit always reopens with a new deadline
        sim.open, sim.due = True, due
        at = _office_time(rng, sim.cal.add_working_days(visit_at.date(), rng.randint(1, limit + 2)))


def rng_op(rng: random.Random) -> str:
    return rng.choice(OPERATORS)


def build(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    entries = default_entries()
    cal = WorkCalendar.from_entries(entries)
    depts, kinds = _catalogue(ctx)
    dept_by_id = {d["id"]: d for d in depts}
    with store.session() as session:
        stations = [
            (s.id, s.kind, s.code)
            for s in session.exec(
                select(Station).where(Station.deleted == False).order_by(Station.code)  # noqa: E712
            ).all()
        ]
        sample = rng.sample(ctx.persons, min(len(ctx.persons), 400)) if ctx.persons else []
        people = [
            (p.id, p.name, p.phone)
            for p in session.exec(
                select(Person).where(Person.id.in_(sample))  # type: ignore[attr-defined]
            ).all()
        ]
    people.sort(key=lambda p: sample.index(p[0]))
    offerings = _offerings(ctx, stations, kinds)
    with store.unit_of_work(author="演示数据") as uow:
        uow.insert_many(Department, depts)
        uow.insert_many(ServiceKind, kinds)
        uow.insert_many(
            CalendarDay,
            [
                {
                    "id": calendar_day_id(e.day),
                    "day": e.day,
                    "kind": e.kind,
                    "name": e.name,
                    "source": "example",
                }
                for e in entries
            ],
        )
        uow.insert_many(
            StationOffering,
            [
                {"id": ctx.new_id(), "station_id": sid, "kind_id": k["id"]}
                for sid, offered in offerings.items()
                for k in offered
            ],
        )
    if not stations:
        return
    requests, events = _requests(store, ctx, cal, stations, offerings, dept_by_id, people)
    with store.unit_of_work(author="演示数据") as uow:
        uow.insert_many(ServiceRequest, requests)
        uow.insert_many(RequestEvent, events)


def _plan(ctx: DemoContext, cal: WorkCalendar, desk: list, offerings: dict) -> list[tuple]:
    """(day, station, kind, hold) per request, by day; ``hold`` ones are due within a working day
    and still with the department, so the demo always has amber rows."""
    rng = ctx.rng
    plan = []
    for day in _accept_days(ctx, cal, 240 + ctx.persons_total // 20):
        station = rng.choice(desk)
        offered = offerings[station[0]]
        kind = rng.choices(offered, weights=[KIND_WEIGHTS[k["sort_order"]] for k in offered])[0]
        plan.append((day, station, kind, False))
    amber_until = cal.next_working_day(ctx.today)
    for _ in range(6):
        station = rng.choice(desk)
        kind = rng.choice(offerings[station[0]])
        day = ctx.today
        while cal.add_working_days(day, kind["time_limit_days"]) > amber_until:
            day -= timedelta(days=1)
        if cal.add_working_days(day, kind["time_limit_days"]) >= ctx.today:
            plan.append((day, station, kind, True))
    return sorted(plan, key=lambda p: p[0])


def _requests(store, ctx, cal, stations, offerings, dept_by_id, people):  # noqa: ANN001, ANN202
    rng = ctx.rng
    desk = [s for s in stations if s[1] != "venue"] or stations
    phones: set[str] = set()
    serials: dict[tuple[date, str], int] = {}
    requests: list[dict] = []
    mergeable: list[dict] = []
    events: list[dict] = []
    for day, (sid, _skind, code), kind, hold in _plan(ctx, cal, desk, offerings):
        person_id, name, phone = _requester(ctx, people, phones)
        accepted_at = _office_time(rng, day)
        if day == ctx.today:
            accepted_at = datetime.combine(day, time(8, 30)) + timedelta(minutes=rng.randrange(140))
        serials[(day, code)] = serials.get((day, code), 0) + 1
        request = {
            "id": ctx.new_id(),
            "number": f"XH-{day:%Y%m%d}-{code}-{serials[(day, code)]:03d}",
            "person_id": person_id,
            "requester_name": name,
            "requester_phone": phone,
            "kind_id": kind["id"],
            "station_id": sid,
            "department_id": kind["department_id"],
            "description": rng.choice(TEXTS[kind["name"]][0]),
            "urgency": rng.choices(("normal", "urgent", "critical"), weights=(80, 15, 5))[0],
            "channel": rng.choices(("onsite", "phone", "online", "visit"), weights=(60, 20, 12, 8))[
                0
            ],
            "accepted_at": accepted_at,
            "due_on": cal.add_working_days(day, kind["time_limit_days"]),
            "node_id": store.node_id,
            "accepted_by": rng_op(rng),
        }
        sim = _Sim(ctx, cal, store, request)
        sim.add("accepted", accepted_at, request["accepted_by"])
        _live(sim, kind, dept_by_id[kind["department_id"]], mergeable, hold)
        sim.finish()
        requests.append(request)
        if sim.events[-1]["kind"] not in ("merged", "withdrawn"):
            mergeable.append(request)
        events.extend(sim.events)
    return requests, events
