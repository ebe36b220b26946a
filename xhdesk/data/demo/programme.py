"""Demo rows of the programme's daily life: teams and 五员, 随手拍, learning, 四亮.

The figures are the source document's: the teams 水乡红骑手 and 货运“兴”锋队 with 400+ volunteer
person-times, 12 courseware items, 6 online training sessions and 1,500+ viewings since 2022.
Rows are written with ``insert_many`` from a generator seeded by ``ctx.seed`` (a stream of its
own, so the parts built before keep their ids).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.models.governance import GovernanceReport, ReportEvent
from xhdesk.data.models.learning import Courseware, Training, TrainingAttendance, Viewing
from xhdesk.data.models.showcase import ShowcaseMark
from xhdesk.data.models.volunteering import (
    DutyRole,
    ServiceParticipant,
    ServiceRecord,
    TeamMember,
    VolunteerTeam,
)
from xhdesk.data.volunteering.vocab import DUTY_ROLES

AUTHOR = "演示数据"
COURSEWARE = [  # title, kind, minutes, published
    ("学习贯彻党的二十大精神（云端党课第1讲）", "cloud_lesson", 45, date(2022, 6, 20)),
    ("新就业群体党员的初心与使命（云端党课第2讲）", "cloud_lesson", 40, date(2022, 9, 15)),
    ("“暖新双十条”政策解读", "policy", 25, date(2023, 3, 1)),
    ("骑手交通安全五分钟", "five_minutes", 5, date(2023, 4, 10)),
    ("货车司机安全驾驶与防疲劳", "safety", 30, date(2023, 6, 8)),
    ("班前五分钟：文明礼貌用语", "five_minutes", 5, date(2023, 9, 1)),
    ("党章学习（云端党课第3讲）", "cloud_lesson", 50, date(2024, 1, 15)),
    ("劳动权益保护与互助保障", "policy", 30, date(2024, 4, 20)),
    ("班后五分钟：随手拍怎么拍", "five_minutes", 6, date(2024, 7, 5)),
    ("电商直播合规经营讲座", "lecture", 60, date(2025, 3, 12)),
    ("学习贯彻党的二十届四中全会精神（云端党课第4讲）", "cloud_lesson", 45, date(2025, 11, 3)),
    ("防汛防台与应急避险五分钟", "five_minutes", 5, date(2026, 5, 18)),
]
TRAININGS = [  # title, held on, minutes, host
    ("新就业群体党员线上集中培训（2022年）", date(2022, 11, 12), 120, "市委组织部"),
    ("流动党支部书记线上轮训", date(2023, 5, 20), 90, "交通运输行业党委"),
    ("快递外卖行业党员线上培训", date(2024, 3, 16), 90, "快递外卖行业党委"),
    ("网络名人党员线上培训", date(2024, 10, 26), 60, "网络名人行业党委"),
    ("“五员”履职能力线上培训", date(2025, 6, 14), 90, "市委组织部"),
    ("学习贯彻四中全会精神线上专题培训", date(2026, 11, 8), 120, "市委组织部"),
]
VIEWINGS = 1620
TEAMS = [  # name, occupation(s), founded, description, members, records
    (
        "水乡红骑手",
        ("rider", "courier"),
        date(2021, 7, 1),
        "外卖骑手、快递员党员和骨干组成的志愿服务队，参与疫情防控、文明创建和隐患排查。",
        42,
        26,
    ),
    (
        "货运“兴”锋队",
        ("truck_driver", "rideshare_driver"),
        date(2022, 3, 5),
        "货车司机党员牵头组建，开展政策宣传、矛盾调解和道路隐患排查。",
        28,
        18,
    ),
]
SERVICES = {  # kind → (place, description) choices
    "epidemic": [
        ("昭阳街道各小区卡口", "协助社区开展疫情防控物资配送"),
        ("市人民医院", "核酸采样点秩序维护"),
    ],
    "civilisation": [("英武路", "文明交通劝导"), ("长安路农贸市场", "文明城市创建环境整治")],
    "publicity": [
        ("城东暖蜂驿站", "新就业群体权益保障政策宣传"),
        ("戴南镇物流园", "安全生产政策宣讲"),
    ],
    "mediation": [("临城街道", "调解外卖配送纠纷"), ("兴化港物流园", "调解运费结算纠纷")],
    "hazard_check": [("海池路", "排查路面坑洼和窨井盖"), ("沙沟镇", "排查老旧小区电动车充电隐患")],
}
REPORTS = [  # kind, place, description
    ("hazard", "英武路与长安路交叉口", "窨井盖松动，电动车经过有翻车危险"),
    ("traffic", "五里路口", "红绿灯故障，早高峰拥堵"),
    ("environment", "牌楼路菜场西侧", "垃圾堆放多日未清运"),
    ("facility", "城东暖蜂驿站门口", "路灯不亮，夜间取件不便"),
    ("hazard", "戴南镇物流园", "园区内消防通道被货车占用"),
    ("dispute", "临城街道某小区", "骑手与物业因进门配送发生争执"),
    ("public_order", "昭阳湖公园", "夜间有人聚集喧哗"),
    ("opinion", "沙沟镇", "建议增设新就业群体休息点"),
]


def build(store: Store, ctx: Any) -> None:
    rng = random.Random(ctx.seed * 1000 + 17)
    people = _people(store)
    _learning(store, ctx, rng, people)
    members = _teams(store, ctx, rng, people)
    roles = _duty_roles(store, ctx, rng, members)
    _reports(store, ctx, rng, roles)
    _showcase(store, ctx, rng, people)


def _new_id(ctx: Any, rng: random.Random) -> str:
    return str(ctx.new_id_from(rng))


def _people(store: Store) -> list[tuple[str, str, str | None, str, str, str]]:
    """(id, occupation, station id, political status, pioneer post, responsibility area)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, occupation, station_id, political_status, pioneer_post, "
                "responsibility_area FROM person WHERE deleted = 0 ORDER BY id"
            )
        ).all()
    return [tuple(r) for r in rows]


def _party(people: list) -> list:
    return [p for p in people if p[3] in ("member", "probationary")]


def _utc(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour)) - timedelta(hours=8)


# -- learning ---------------------------------------------------------------------------------
def _learning(store: Store, ctx: Any, rng: random.Random, people: list) -> None:
    courseware: list[dict[str, Any]] = [
        dict(
            id=_new_id(ctx, rng),
            title=t,
            kind=k,
            minutes=m,
            link=f"https://dj.xh.example/kj/{i + 1}",
            published_on=d,
        )
        for i, (t, k, m, d) in enumerate(COURSEWARE)
    ]
    trainings: list[dict[str, Any]] = [
        dict(id=_new_id(ctx, rng), title=t, held_on=d, minutes=m, host=h)
        for t, d, m, h in TRAININGS
    ]
    party = _party(people)
    learners = party + rng.sample(people, min(len(people), 200))
    attendance = []
    for tr in trainings:
        for person in rng.sample(party, min(len(party), rng.randint(40, 90))):
            minutes = tr["minutes"] if rng.random() < 0.85 else tr["minutes"] // 2
            attendance.append(
                dict(
                    id=_new_id(ctx, rng), training_id=tr["id"], person_id=person[0], minutes=minutes
                )
            )
    viewings = []
    for _ in range(VIEWINGS):
        cw = rng.choice(courseware)
        start = cw["published_on"]
        span = max((ctx.today - start).days, 1)
        day = start + timedelta(days=rng.randrange(span))
        minutes = cw["minutes"] if rng.random() < 0.7 else rng.randint(1, cw["minutes"])
        viewings.append(
            dict(
                id=_new_id(ctx, rng),
                person_id=rng.choice(learners)[0],
                courseware_id=cw["id"],
                viewed_on=day,
                minutes=minutes,
                source="demo",
                source_key="",
            )
        )
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(Courseware, courseware)
        uow.insert_many(Training, trainings)
        uow.insert_many(TrainingAttendance, attendance)
        uow.insert_many(Viewing, viewings)


# -- teams and 五员 ------------------------------------------------------------------------------
def _teams(
    store: Store, ctx: Any, rng: random.Random, people: list
) -> list[tuple[str, str | None]]:
    """Write the two teams with members and service records; (person id, station id) of members."""
    teams, members, records, participants = [], [], [], []
    everyone: list[tuple[str, str | None]] = []
    for name, occupations, founded, description, size, outings in TEAMS:
        pool = [p for p in people if p[1] in occupations]
        party = [p for p in pool if p[3] in ("member", "probationary")]
        others = [p for p in pool if p not in party]
        crew = party[: size // 2] + rng.sample(
            others, min(len(others), size - min(len(party), size // 2))
        )
        team_id = _new_id(ctx, rng)
        teams.append(
            dict(
                id=team_id,
                name=name,
                occupation=occupations[0],
                founded_on=founded,
                description=description,
                station_id=crew[0][2] if crew else None,
            )
        )
        for i, person in enumerate(crew):
            members.append(
                dict(
                    id=_new_id(ctx, rng),
                    team_id=team_id,
                    person_id=person[0],
                    role="leader" if i < 2 else "member",
                    joined_on=founded + timedelta(days=rng.randrange(60)),
                )
            )
            everyone.append((person[0], person[2]))
        for _ in range(outings):
            kind = rng.choice(list(SERVICES))
            place, what = rng.choice(SERVICES[kind])
            day = founded + timedelta(days=rng.randrange(max((ctx.today - founded).days, 1)))
            hours = rng.choice([1.5, 2.0, 2.0, 3.0, 4.0])
            record_id = _new_id(ctx, rng)
            records.append(
                dict(
                    id=record_id,
                    team_id=team_id,
                    served_on=day,
                    kind=kind,
                    place=place,
                    description=what,
                    hours=hours,
                    recorded_by=AUTHOR,
                    created_at=_utc(day, 20),
                )
            )
            for person in rng.sample(crew, min(len(crew), rng.randint(8, 16))):
                participants.append(
                    dict(
                        id=_new_id(ctx, rng), record_id=record_id, person_id=person[0], hours=hours
                    )
                )
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(VolunteerTeam, teams)
        uow.insert_many(TeamMember, members)
        uow.insert_many(ServiceRecord, records)
        uow.insert_many(ServiceParticipant, participants)
    return everyone


def _duty_roles(
    store: Store, ctx: Any, rng: random.Random, members: list[tuple[str, str | None]]
) -> list[tuple[str, str | None]]:
    """Most team members hold one of the 五员 roles; a few have handed one over."""
    rows, holders = [], []
    for person_id, station_id in members:
        if rng.random() > 0.7:
            continue
        role = rng.choice(list(DUTY_ROLES))
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
        ended = rng.random() < 0.1
        rows.append(
            dict(
                id=_new_id(ctx, rng),
                person_id=person_id,
                role=role,
                station_id=station_id,
                from_on=start,
                to_on=start + timedelta(days=300) if ended else None,
            )
        )
        if not ended:
            holders.append((person_id, station_id))
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(DutyRole, rows)
    return holders


# -- 随手拍 -------------------------------------------------------------------------------------
def _station_codes(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT id, code FROM station")).all())


def _departments(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [
            r[0] for r in conn.execute(sa.text("SELECT id FROM department ORDER BY sort_order"))
        ]


def _reports(store: Store, ctx: Any, rng: random.Random, holders: list) -> None:
    """Reports of the last months in every state (accepted ones without demo points)."""
    departments = _departments(store)
    if not holders or not departments:
        return
    codes = _station_codes(store)
    reports, events = [], []
    counters: dict[str, int] = {}
    for i in range(36):
        person_id, station_id = rng.choice(holders)
        kind, place, text = rng.choice(REPORTS)
        when = datetime.combine(
            ctx.today - timedelta(days=rng.randrange(2, 150)), time(8 + i % 10, 15)
        )
        head = f"SP-{when:%Y%m%d}-{codes.get(station_id or '', 'XH')}-"
        counters[head] = counters.get(head, 0) + 1
        report_id = _new_id(ctx, rng)
        reports.append(
            dict(
                id=report_id,
                number=f"{head}{counters[head]:03d}",
                person_id=person_id,
                station_id=station_id,
                kind=kind,
                place=place,
                description=text,
                reported_at=when,
                taken_by=AUTHOR,
                node_id="",
            )
        )
        steps = rng.choice(
            [
                [],
                ["forwarded"],
                ["forwarded", "accepted"],
                ["forwarded", "accepted", "resolved"],
                ["forwarded", "accepted", "resolved"],
                ["forwarded", "declined"],
            ]
        )
        at = when
        for step in steps:
            at = at + timedelta(hours=rng.randint(2, 40))
            events.append(
                dict(
                    id=_new_id(ctx, rng),
                    report_id=report_id,
                    kind=step,
                    at=at,
                    author=AUTHOR,
                    node_id="",
                    department_id=rng.choice(departments) if step == "forwarded" else None,
                    due_on=(at + timedelta(days=5)).date() if step == "forwarded" else None,
                    text={"declined": "经核实不属实", "resolved": "已处理完毕"}.get(step, ""),
                )
            )
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(GovernanceReport, reports)
        uow.insert_many(ReportEvent, events)


# -- 四亮 ---------------------------------------------------------------------------------------
PLEDGES = [
    "文明配送不闯红灯",
    "雨雪天气优先配送老人订单",
    "遇到困难群众主动帮一把",
    "守法诚信经营",
    "随手拍发现隐患及时报",
]


def _showcase(store: Store, ctx: Any, rng: random.Random, people: list) -> None:
    marks: list[dict[str, Any]] = []

    def mark(
        subject: str, subject_id: str, station_id: str | None, kind: str, text: str, day: date
    ) -> None:
        marks.append(
            dict(
                id=_new_id(ctx, rng),
                subject=subject,
                subject_id=subject_id,
                station_id=station_id,
                kind=kind,
                text=text,
                set_on=day,
                author=AUTHOR,
                seq=len(marks),
            )
        )

    for station_id in ctx.stations:
        if rng.random() < 0.9:
            mark(
                "station",
                station_id,
                station_id,
                "flag",
                "驿站悬挂党旗、设置党员先锋标识牌",
                date(2023, 7, 1) + timedelta(days=rng.randrange(500)),
            )
    for pid, _occ, station_id, _status, post, area in _party(people):
        start = date(2023, 3, 1) + timedelta(days=rng.randrange(900))
        if rng.random() < 0.8:
            mark("person", pid, station_id, "identity", "佩戴党徽、亮明党员身份上岗", start)
        if rng.random() < 0.5:
            mark("person", pid, station_id, "vehicle", "车辆张贴党员先锋车标", start)
        if rng.random() < 0.5:
            mark("person", pid, station_id, "pledge", rng.choice(PLEDGES), start)
        if post:
            mark("person", pid, station_id, "post", post, start + timedelta(days=30))
        if area:
            mark("person", pid, station_id, "area", area, start + timedelta(days=30))
    with store.unit_of_work(AUTHOR) as uow:
        uow.insert_many(ShowcaseMark, marks)
