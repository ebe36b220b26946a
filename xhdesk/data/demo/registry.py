"""Demo registry: committees, stations, enterprises, instructors, branches and persons."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from xhdesk.data.core import pinyin
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import uscc_check_char
from xhdesk.data.demo import DemoContext
from xhdesk.data.demo import names as nm
from xhdesk.data.demo.places import (
    AMENITIES,
    HOURS,
    ROADS,
    STATION_COUNTS,
    TOWNS,
    URBAN,
    WARM_BEE_HOSTS,
)
from xhdesk.data.models import (
    Branch,
    Committee,
    Enterprise,
    EnterpriseVisit,
    Instructor,
    Person,
    Station,
    User,
    Verification,
)

PARTY_MEMBERS = 239
PERSON_BATCH = 5000  # persons generated and inserted at a time
INSTRUCTORS = 23

COMMITTEES = [
    ("transport", "交通运输行业党委"),
    ("express", "快递外卖行业党委"),
    ("influencer", "网络名人行业党委"),
]
ENTERPRISE_PLAN = {  # kind → (committee, count, name parts)
    "courier": ("express", 8, ("顺兴", "通达", "韵捷", "申诚", "极速", "邮联", "中驰", "百运")),
    "delivery": ("express", 3, ("饱了么", "美味到家", "闪送达")),
    "rideshare": ("transport", 7, ("昭阳", "楚水", "板桥", "水乡", "垛田", "昌荣", "兴达")),
    "freight": (
        "transport",
        10,
        ("安顺", "通衢", "恒运", "双龙", "大丰", "苏中", "兴盛", "联运", "丰源", "长发"),
    ),
    "mcn": ("influencer", 5, ("星播", "水乡红", "菜花香", "郑板桥", "千垛")),
    "ecommerce": ("influencer", 6, ("香葱", "大闸蟹", "不锈钢", "醉蟹", "沙沟鱼圆", "戴南")),
}
ENTERPRISE_SUFFIX = {
    "courier": "快递服务有限公司",
    "delivery": "外卖配送服务有限公司",
    "rideshare": "汽车租赁有限公司",
    "freight": "物流有限公司",
    "mcn": "文化传媒有限公司",
    "ecommerce": "电子商务有限公司",
}
OCCUPATION_WEIGHTS = {
    "rider": 34,
    "courier": 25,
    "rideshare_driver": 14,
    "truck_driver": 16,
    "streamer": 5,
    "writer": 1,
    "seller": 5,
}
OCCUPATION_ENTERPRISE = {
    "courier": "courier",
    "rider": "delivery",
    "rideshare_driver": "rideshare",
    "truck_driver": "freight",
    "streamer": "mcn",
    "writer": "mcn",
    "seller": "ecommerce",
}
OCCUPATION_COMMITTEE = {
    "courier": "express",
    "rider": "express",
    "rideshare_driver": "transport",
    "truck_driver": "transport",
    "streamer": "influencer",
    "writer": "influencer",
    "seller": "influencer",
}
OCCUPATION_STATION = {
    "courier": "warm_bee",
    "rider": "warm_bee",
    "rideshare_driver": "rideshare_demo",
    "truck_driver": "driver",
    "streamer": "venue",
    "writer": "venue",
    "seller": "venue",
}


def _address(ctx: DemoContext, town: str) -> str:
    rng = ctx.rng
    if town in URBAN:
        return f"兴化市{town}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
    return (
        f"兴化市{town}{rng.choice(('集镇', '中心', '工业园区', '新街'))}{rng.randrange(1, 120)}号"
    )


def _credit_code(ctx: DemoContext, used: set[str]) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    while True:
        body = "91321281" + "".join(ctx.rng.choice(alphabet) for _ in range(9))
        code = body + uscc_check_char(body)
        if code not in used:
            used.add(code)
            return code


def build(store: Store, ctx: DemoContext) -> None:
    rows: dict[type, list[dict[str, Any]]] = {}
    _committees(ctx, rows)
    _stations(ctx, rows)
    _instructors(ctx, rows)
    enterprises_by_kind = _enterprises(ctx, rows)
    branches_by_committee = _branches(ctx, rows, enterprises_by_kind)
    _roles_and_incubation(ctx, rows)  # before the enterprises are written: it dates their roles
    with store.unit_of_work(author="演示数据") as uow:
        for model in (Committee, Station, Instructor, Enterprise, Branch):
            uow.insert_many(model, rows.get(model, []))
        # Persons go in batches, so a large demo needs no more memory than a small one.
        _persons(
            ctx,
            rows,
            enterprises_by_kind,
            branches_by_committee,
            lambda batch: uow.insert_many(Person, batch),
        )
        _visits(ctx, rows)
        rows[User] = [
            {"id": ctx.new_id(), "name": name, "node_id": store.node_id, "title": title}
            for name, title in (
                ("周红梅", "组织部新兴领域党建科科长"),
                ("陆建国", "服务中心管理员"),
                ("吴婷", "服务中心工作人员"),
            )
        ]
        for later in (Verification, EnterpriseVisit, User):
            uow.insert_many(later, rows.get(later, []))


INDUSTRY_UNIT_CODES = {"transport": "JT", "express": "KD", "influencer": "WL"}


def _committees(ctx: DemoContext, rows: dict) -> None:
    secretaries = ("顾德明", "钱立新", "孔思远")
    for (code, name), secretary in zip(COMMITTEES, secretaries, strict=True):
        cid = ctx.new_id()
        ctx.committees[code] = cid
        rows.setdefault(Committee, []).append(
            {
                "id": cid,
                "code": code,
                "unit_code": INDUSTRY_UNIT_CODES[code],
                "name": name,
                "secretary": secretary,
                "phone": "0523-8323" + f"{ctx.rng.randrange(10000):04d}",
            }
        )


def _stations(ctx: DemoContext, rows: dict) -> None:
    rng, n = ctx.rng, 0
    phones: set[str] = set()
    committee_of = {
        "warm_bee": "express",
        "rideshare_demo": "transport",
        "driver": "transport",
        "venue": "influencer",
    }
    warm_towns = list(TOWNS) + list(URBAN) * 8  # 56 stations: towns plus several per urban street
    for kind, count in STATION_COUNTS.items():
        for i in range(count):
            n += 1
            if kind == "service_centre":
                town, host, name = "昭阳街道", "party_centre", "兴化市新就业群体党群服务中心"
            elif kind == "warm_bee":
                town = warm_towns[i % len(warm_towns)]
                host = WARM_BEE_HOSTS[i % len(WARM_BEE_HOSTS)]
                place = {
                    "party_centre": "党群服务中心",
                    "guidance_station": "快递外卖指导站",
                    "petrol_station": f"{rng.choice(('中石化', '中石油'))}加油站",
                    "convenience_store": "便民超市",
                }[host]
                name = f"{town.removesuffix('街道').removesuffix('镇').removesuffix('乡')}{place}暖蜂驿站"
                if i >= len(TOWNS):
                    name = name.replace("暖蜂驿站", f"暖蜂驿站（{rng.choice(ROADS)}）")
            elif kind == "rideshare_demo":
                town, host = rng.choice(URBAN), "rental_company"
                name = f"网约车党建示范站点（{i + 1}号）"
            elif kind == "driver":
                town = TOWNS[(i * 5) % len(TOWNS)]
                host = "depot" if i % 2 == 0 else "market"
                name = f"{town.removesuffix('街道').removesuffix('镇').removesuffix('乡')}{'物流园' if host == 'depot' else '农贸市场'}驾驶员驿站"
            else:
                town, host = "昭阳街道", "venue"
                name = ("网络主播集中活动阵地", "网络作家之家", "电商直播基地")[i]
            sid = ctx.new_id()
            ctx.stations.append(sid)
            ctx.station_codes[sid] = f"S{n:02d}"
            gender = rng.choice(("男", "女"))
            rows.setdefault(Station, []).append(
                {
                    "id": sid,
                    "code": f"S{n:02d}",
                    "name": name,
                    "kind": kind,
                    "host_type": host,
                    "address": _address(ctx, town),
                    "town": town,
                    "manager": nm.person_name(rng, gender),
                    "phone": nm.phone(rng, phones),
                    "opening_hours": HOURS[kind],
                    "amenities": AMENITIES[kind],
                    "status": "paused" if kind == "warm_bee" and i in (17, 41) else "open",
                    "committee_id": ctx.committees[committee_of.get(kind, "express")],
                }
            )


def _instructors(ctx: DemoContext, rows: dict) -> None:
    units = (
        "市委组织部",
        "市交通运输局",
        "市邮政管理局",
        "市商务局",
        "市委网信办",
        "市市场监管局",
        "市人社局",
    )
    codes = ["transport", "express", "influencer"]
    phones: set[str] = set()
    for i in range(INSTRUCTORS):
        iid = ctx.new_id()
        ctx.instructors.append(iid)
        rows.setdefault(Instructor, []).append(
            {
                "id": iid,
                "name": nm.person_name(ctx.rng, ctx.rng.choice(("男", "女"))),
                "phone": nm.phone(ctx.rng, phones),
                "unit": units[i % len(units)],
                "committee_id": ctx.committees[codes[i % 3]],
            }
        )


def _enterprises(ctx: DemoContext, rows: dict) -> dict[str, list[str]]:
    rng = ctx.rng
    used: set[str] = set()
    phones: set[str] = set()
    by_kind: dict[str, list[str]] = {}
    i = 0
    for kind, (committee, count, words) in ENTERPRISE_PLAN.items():
        for word in words[:count]:
            eid = ctx.new_id()
            town = rng.choice(URBAN) if rng.random() < 0.7 else rng.choice(TOWNS)
            ctx.enterprises.append(eid)
            by_kind.setdefault(kind, []).append(eid)
            rows.setdefault(Enterprise, []).append(
                {
                    "id": eid,
                    "name": f"兴化市{word}{ENTERPRISE_SUFFIX[kind]}",
                    "kind": kind,
                    "credit_code": _credit_code(ctx, used),
                    "address": _address(ctx, town),
                    "town": town,
                    "contact_name": nm.person_name(rng, "男"),
                    "contact_phone": nm.phone(rng, phones),
                    "workforce": rng.randrange(20, 600),
                    "liaison_leader": nm.person_name(rng, "男"),
                    "section_staff": nm.person_name(rng, "女"),
                    "party_worker": nm.person_name(rng, rng.choice(("男", "女"))),
                    "instructor_id": ctx.instructors[i % len(ctx.instructors)],
                    "committee_id": ctx.committees[committee],
                }
            )
            i += 1
    return by_kind


def _branches(
    ctx: DemoContext, rows: dict, enterprises: dict[str, list[str]]
) -> dict[str, list[str]]:
    rng = ctx.rng
    plan: list[tuple[str, str, str, str | None]] = []
    cn = "一二三四五六七八九十"
    for i in range(5):
        plan.append((f"快递外卖第{cn[i]}流动党支部", "mobile", "express", None))
        plan.append((f"交通运输第{cn[i]}流动党支部", "mobile", "transport", None))
    for i in range(6):
        plan.append((f"网络主播第{cn[i]}功能型党支部", "functional", "influencer", None))
    for i, eid in enumerate(enterprises["mcn"][:2] + enterprises["ecommerce"][:2]):
        plan.append(
            (
                ("星播传媒", "水乡红传媒", "香葱电商", "大闸蟹电商")[i] + "实体型党支部",
                "entity",
                "influencer",
                eid,
            )
        )
    for i, eid in enumerate(enterprises["courier"][:3] + enterprises["freight"][:2]):
        plan.append(
            (
                f"{('城区快递', '城东快递', '戴南快递', '安丰物流', '兴盛物流')[i]}联合党支部",
                "joint",
                "express" if i < 3 else "transport",
                eid,
            )
        )
    by_committee: dict[str, list[str]] = {}
    phones: set[str] = set()
    for name, kind, committee, host_id in plan:
        bid = ctx.new_id()
        cid = ctx.committees[committee]
        ctx.branches.append(bid)
        ctx.branch_committee[bid] = cid
        by_committee.setdefault(committee, []).append(bid)
        rows.setdefault(Branch, []).append(
            {
                "id": bid,
                "code": f"B{len(ctx.branches):02d}",
                "name": name,
                "kind": kind,
                "committee_id": cid,
                "enterprise_id": host_id,
                "secretary": nm.person_name(rng, rng.choice(("男", "女"))),
                "secretary_phone": nm.phone(rng, phones),
                "founded_on": date(
                    2021 + rng.randrange(0, 4), rng.randrange(1, 13), rng.randrange(1, 28)
                ),
            }
        )
    return by_committee


def _persons(
    ctx: DemoContext,
    rows: dict,
    enterprises: dict[str, list[str]],
    branches: dict[str, list[str]],
    sink: Callable[[list[dict[str, Any]]], None],
) -> None:
    rng, today = ctx.rng, ctx.today
    total = ctx.persons_total
    members = set(rng.sample(range(total), PARTY_MEMBERS))
    stations_by_kind: dict[str, list[str]] = {}
    for st in rows[Station]:
        stations_by_kind.setdefault(st["kind"], []).append(st["id"])
    occupations = list(OCCUPATION_WEIGHTS)
    weights = list(OCCUPATION_WEIGHTS.values())
    ids: set[str] = set()
    phones: set[str] = set()
    checkers = ("周红梅", "吴婷", "陆建国")
    industry_checkers = ("顾德明", "钱立新", "孔思远")
    for index in range(total):
        gender = "男" if rng.random() < 0.82 else "女"
        occupation = rng.choices(occupations, weights)[0]
        if occupation in ("streamer", "seller", "writer") and rng.random() < 0.5:
            gender = "女"
        birth = nm.birth_date(rng, today)
        name = nm.person_name(rng, gender)
        town = rng.choice(URBAN) if rng.random() < 0.55 else rng.choice(TOWNS)
        pid = ctx.new_id()
        person: dict[str, Any] = {
            "id": pid,
            "name": name,
            **pinyin.name_fields(name),
            "gender": gender,
            "id_number": nm.id_number(rng, birth, gender, ids),
            "birth_date": birth,
            "phone": nm.phone(rng, phones),
            "occupation": occupation,
            "enterprise_id": rng.choice(enterprises[OCCUPATION_ENTERPRISE[occupation]])
            if rng.random() < 0.9
            else None,
            "station_id": rng.choice(stations_by_kind[OCCUPATION_STATION[occupation]])
            if rng.random() < 0.75
            else None,
            "status": "left" if rng.random() < 0.04 else "active",
            "town": town,
            "address": _address(ctx, town),
            "political_status": "masses",
        }
        ctx.persons.append(pid)
        ctx.person_occupation[pid] = occupation
        if index in members:
            _make_member(
                ctx,
                rows,
                person,
                branches[OCCUPATION_COMMITTEE[occupation]],
                checkers,
                industry_checkers,
            )
        else:
            roll = rng.random()
            if today.year - birth.year <= 28 and roll < 0.25:
                person["political_status"] = "league"
            elif roll < 0.004:
                person["political_status"] = "democratic"
            if rng.random() < 0.02:
                person["development_stage"] = rng.choice(("applicant", "activist", "candidate"))
        batch = rows.setdefault(Person, [])
        batch.append(person)
        if len(batch) >= PERSON_BATCH:
            sink(rows.pop(Person))
    sink(rows.pop(Person, []))


def _make_member(
    ctx: DemoContext,
    rows: dict,
    person: dict,
    branches: list[str],
    checkers: tuple,
    industry: tuple,
) -> None:
    rng, today = ctx.rng, ctx.today
    birth: date = person["birth_date"]
    earliest = date(birth.year + 19, birth.month, min(birth.day, 28))
    probationary = rng.random() < 0.06
    if probationary:
        joined = today - timedelta(days=rng.randrange(30, 330))
    else:
        span = max((today - earliest).days - 400, 1)
        joined = earliest + timedelta(days=rng.randrange(span))
    branch = rng.choice(branches)
    person.update(
        political_status="probationary" if probationary else "member",
        joined_party_on=joined,
        branch_id=branch,
        membership_relation=rng.choices(("in_branch", "mobile", "not_transferred"), (70, 20, 10))[
            0
        ],
    )
    if rng.random() < 0.12:  # members with no enterprise or station on file (双找 work list)
        person.update(enterprise_id=None, station_id=None)
    if rng.random() < 0.3:
        person["pioneer_post"] = rng.choice(
            ("党员先锋示范岗", "红骑手先锋岗", "文明交通先锋岗", "诚信经营示范岗")
        )
        person["responsibility_area"] = (
            f"{person['town']}{rng.choice(('东片区', '西片区', '中心片区', '集镇片区'))}"
        )
    ctx.members.append(person["id"])
    ctx.person_branch[person["id"]] = branch
    state = rng.choices(("both", "one", "none"), (66, 16, 18))[0]
    checks = [("org_check", "org", checkers)] if state != "none" else []
    if state == "both":
        checks.append(("industry_check", "industry", industry))
    for kind, prefix, names in checks:
        when = today - timedelta(days=rng.randrange(10, 500))
        who = rng.choice(names)
        person[f"{prefix}_checked_by"], person[f"{prefix}_checked_on"] = who, when
        rows.setdefault(Verification, []).append(
            {
                "id": ctx.new_id(),
                "person_id": person["id"],
                "kind": kind,
                "checked_by": who,
                "checked_on": when,
            }
        )


def _visits(ctx: DemoContext, rows: dict) -> None:
    rng = ctx.rng
    findings = (
        "党建工作台账规范",
        "新入职骑手未完成党员身份排查",
        "驿站设施完好",
        "企业党务工作者已调整",
        "快递员反映午休场所不足",
        "党员亮身份标识已张贴",
    )
    follow_ups = (
        "无",
        "一周内完成排查并报送",
        "协调附近驿站延长开放时间",
        "下次走访复核",
        "纳入季度督查",
    )
    for eid in ctx.enterprises:
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            rows.setdefault(EnterpriseVisit, []).append(
                {
                    "id": ctx.new_id(),
                    "enterprise_id": eid,
                    "visited_on": ctx.today - timedelta(days=rng.randrange(3, 300)),
                    "visitor": ctx.rng.choice(("周红梅", "陆建国", "吴婷")),
                    "findings": rng.choice(findings),
                    "follow_up": rng.choice(follow_ups),
                }
            )


def _roles_and_incubation(ctx: DemoContext, rows: dict) -> None:
    """The source's three 100% promises hold in the demo: every enterprise has its three roles
    with the date each was taken up, and its instructor at the door every month of the year.

    Drawn from a separate RNG, so the rest of the demo stays what it was for a given seed.
    """
    rng = random.Random(f"overview-{ctx.seed}")
    instructor_name = {row["id"]: row["name"] for row in rows.get(Instructor, [])}
    year_start = date(ctx.today.year, 1, 1)
    for row in rows.get(Enterprise, []):
        for role in ("liaison_leader", "section_staff", "party_worker"):
            row[f"{role}_since"] = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        for month in range(1, ctx.today.month + 1):
            first = year_start.replace(month=month)
            last_day = ctx.today.day if month == ctx.today.month else 28
            rows.setdefault(EnterpriseVisit, []).append(
                {
                    "id": ctx.new_id_from(rng),
                    "enterprise_id": row["id"],
                    "visited_on": first + timedelta(days=rng.randrange(0, last_day)),
                    "visitor": instructor_name.get(row["instructor_id"], "党建指导员"),
                    "findings": rng.choice(INCUBATION_FINDINGS),
                    "follow_up": "无",
                }
            )


INCUBATION_FINDINGS = (
    "指导员上门孵化：指导企业党建工作台账",
    "指导员上门孵化：排查新入职人员政治面貌",
    "指导员上门孵化：督促党员亮身份",
    "指导员上门孵化：宣讲暖新双十条",
)
