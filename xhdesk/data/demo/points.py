"""Demo points: the default rule catalogue, a year of declarations in every state, benefits.

Declarations follow the real timeline (declared a few days after the deed, reviewed, confirmed,
published in a monthly notice, effective the day after it ends); the ones of the last weeks are
still on their way, so every queue has work. Rows are written with ``insert_many`` and ids and
stamps come from ``ctx``, so a seed always gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.clock import pack
from xhdesk.data.core.store import Store
from xhdesk.data.models.points import (
    Benefit,
    Declaration,
    DeclarationEvent,
    LedgerEntry,
    PointRule,
    Redemption,
)
from xhdesk.data.points.notice import derived_id

# code, category, kind, title, points, unit, monthly cap, yearly cap, weight (per member-year)
RULES = [
    ("DS-01", "party_life", "base", "按时参加“三会一课”", 2, "time", 4, 24, 10),
    ("DS-02", "party_life", "base", "参加主题党日活动", 2, "time", 2, 24, 6),
    ("DS-03", "party_life", "base", "按时足额交纳党费", 1, "month", 1, 12, 0),
    ("DS-04", "party_life", "pioneer", "亮身份（四亮）并佩戴党员徽章上岗", 1, "month", 1, 12, 3),
    ("XX-01", "study", "base", "参加集中学习或云端党课", 1.5, "time", 6, 30, 6),
    ("XX-02", "study", "base", "班前班后“5分钟”学习打卡", 0.5, "time", 4, 20, 5),
    ("XX-03", "study", "pioneer", "取得职业技能等级证书", 10, "time", None, 20, 0.1),
    ("ZY-01", "volunteer", "base", "参加志愿服务（按小时）", 1, "hour", 10, 60, 3),
    ("ZY-02", "volunteer", "pioneer", "水乡红骑手/货运“兴”锋队专项行动", 3, "time", None, 30, 1.2),
    ("ZY-03", "volunteer", "pioneer", "见义勇为、抢险救援", 15, "time", None, None, 0.05),
    ("JC-01", "governance", "base", "报送安全隐患、社情民意线索并被采纳", 2, "time", 6, 30, 1.5),
    ("JC-02", "governance", "pioneer", "参与矛盾纠纷调解", 3, "time", None, 30, 0.6),
    ("JC-03", "governance", "pioneer", "参与文明城市创建、政策宣传", 2, "time", None, 20, 1.2),
    ("HP-01", "praise", "base", "获得顾客或平台好评（月度好评率≥99%）", 1, "month", 1, 12, 2),
    ("HP-02", "praise", "pioneer", "获得群众书面表扬或锦旗", 5, "time", None, 20, 0.4),
    ("HP-03", "praise", "pioneer", "获县级以上表彰", 10, "time", None, 30, 0.05),
    ("HP-09", "praise", "base", "有效投诉或违规经营（扣分）", -3, "time", None, None, 0.15),
]
DESCRIPTIONS = {
    "party_life": ["支部组织生活会", "流动党支部月度例会", "主题党日：重温入党誓词"],
    "study": ["学习贯彻党的二十届四中全会精神", "云端党课第{n}讲", "安全生产与交通法规学习"],
    "volunteer": ["文明城市创建交通劝导", "敬老院义务送餐", "防汛值守", "政策宣传进驿站"],
    "governance": ["报送路面积水隐患", "调解外卖配送纠纷", "协助社区开展平安巡防"],
    "praise": ["顾客来电表扬", "平台月度五星骑手", "群众赠送锦旗"],
}
BENEFITS = [
    ("YD-01", "reading", "兴化市图书馆借阅年卡", "兴化市图书馆", 10, 300, 1),
    ("YD-02", "reading", "“红色书屋”图书兑换（每次2册）", "新华书店兴化店", 5, None, 6),
    ("ZL-01", "medical", "免费健康体检（基础套餐）", "兴化市人民医院", 30, 150, 1),
    ("ZL-02", "medical", "中医理疗（5次）", "兴化市中医院", 15, 200, 2),
    ("WL-01", "tourism", "千垛景区门票（2张）", "兴化市文体广电和旅游局", 12, 400, 2),
    ("WL-02", "tourism", "李中水上森林公园门票（2张）", "兴化市文体广电和旅游局", 12, 400, 2),
    ("TY-01", "childcare", "暑期爱心托管班（一期）", "兴化市妇联", 40, 60, 1),
    ("XL-01", "education", "学历提升学费补贴（500元）", "江苏开放大学兴化学院", 80, 30, 1),
]
CHINA_OFFSET = timedelta(hours=8)
# Where the declarations of the last weeks stand (state, weight).
RECENT_STATES = [
    ("submitted", 30),
    ("returned", 6),
    ("approved", 22),
    ("confirmed", 10),
    ("in_notice", 20),
    ("objected", 3),
    ("rejected", 4),
]
RETURN_REASONS = ["请补充活动签到表照片", "时长与签到记录不符，请核对", "事项说明过于简略，请补充"]
REJECT_REASONS = ["与已认定事项重复", "证明材料无法核实", "不属于积分细则认定范围"]


@dataclass
class _Rows:
    declarations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    tick: int = 0
    last_at: datetime = datetime.min


def build(store: Store, ctx: Any) -> None:
    rules = _write_rules(store, ctx)
    if not ctx.members:
        return
    stations = _member_stations(store, ctx)
    rows = _Rows()
    start = date(ctx.today.year - 1, 12, 1)
    for person_id in ctx.members:
        for rule, deed, qty in _deeds(ctx, rules, start):
            _declaration(ctx, rows, person_id, (rule, qty), deed, stations.get(person_id))
    with store.unit_of_work("演示数据") as uow:
        uow.insert_many(Declaration, rows.declarations)
        uow.insert_many(DeclarationEvent, rows.events)
        uow.insert_many(LedgerEntry, rows.ledger)
    benefits = _write_benefits(store, ctx)
    _write_redemptions(store, ctx, rows, benefits)


def _write_rules(store: Store, ctx: Any) -> list[tuple[dict[str, Any], float]]:
    out = []
    for code, cat, kind, title, pts, unit, mcap, ycap, weight in RULES:
        rule = dict(
            id=ctx.new_id(),
            code=code,
            category=cat,
            kind=kind,
            title=title,
            points=float(pts),
            unit=unit,
            monthly_cap=mcap,
            yearly_cap=ycap,
            valid_from=2024,
            note="",
        )
        out.append((rule, weight))
    with store.unit_of_work("演示数据") as uow:
        uow.insert_many(PointRule, [rule for rule, _ in out])
    return out


def _member_stations(store: Store, ctx: Any) -> dict[str, str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, station_id FROM person WHERE station_id IS NOT NULL")
        )
        return {pid: sid for pid, sid in rows if sid in ctx.station_codes}


def _deeds(ctx: Any, rules: list[tuple[dict[str, Any], float]], start: date):
    """(rule, deed date) pairs of one member's year, respecting each rule's monthly cap."""
    rng, days = ctx.rng, (ctx.today - start).days
    activity = rng.uniform(0.4, 1.3)
    for rule, weight in rules:
        count = int(weight * activity + rng.random())
        dates = sorted(start + timedelta(days=rng.randrange(days)) for _ in range(count))
        used: dict[Any, float] = {}
        for deed in dates:
            qty = float(rng.choice((2, 3, 4, 6))) if rule["unit"] == "hour" else 1.0
            pts = rule["points"] * qty
            spans = ((deed.year, deed.month), rule["monthly_cap"]), (deed.year, rule["yearly_cap"])
            if any(cap is not None and used.get(k, 0) + pts > cap for k, cap in spans):
                continue
            for k, _cap in spans:
                used[k] = used.get(k, 0) + pts
            yield rule, deed, qty


def _at(day: date, rng: Any) -> datetime:
    """Office hours in Xinghua (UTC+8), stored as naive UTC like every event time."""
    local = datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)))
    return local - CHINA_OFFSET


def _declaration(
    ctx: Any,
    rows: _Rows,
    person_id: str,
    what: tuple[dict[str, Any], float],
    deed: date,
    station_id: str | None,
) -> None:
    rng = ctx.rng
    rule, quantity = what
    prefix = ctx.station_codes.get(station_id, "ZX") if station_id else "ZX"
    key = f"JF{deed.year}-{prefix}-"
    rows.numbers[key] = rows.numbers.get(key, 0) + 1
    declared = min(deed + timedelta(days=rng.randrange(0, 4)), ctx.today)
    branch = ctx.person_branch.get(person_id)
    decl = dict(
        id=ctx.new_id(),
        number=f"{key}{rows.numbers[key]:05d}",
        person_id=person_id,
        rule_id=rule["id"],
        quantity=quantity,
        deed_date=deed,
        description=rng.choice(DESCRIPTIONS[rule["category"]]).format(n=rng.randrange(1, 13)),
        declared_by=rng.choice(("驿站值班员", "支部书记", "本人代办")),
        origin_node_id="",
        station_id=station_id,
        branch_id=branch,
        committee_id=ctx.branch_committee.get(branch),
        batch_id=None,
        place="",
        created_at=_at(declared, rng),
    )
    rows.declarations.append(decl)
    _timeline(ctx, rows, decl, rule, declared)


def _event(
    ctx: Any, rows: _Rows, decl: dict[str, Any], kind: str, day: date, role: str, **extra: Any
) -> None:
    at = max(_at(day, ctx.rng), rows.last_at + timedelta(minutes=1))
    rows.last_at = at
    rows.tick += 1
    event_id = derived_id(decl["id"], "effective") if kind == "effective" else ctx.new_id()
    rows.events.append(
        dict(
            id=event_id,
            declaration_id=decl["id"],
            kind=kind,
            author=_AUTHORS[role],
            node_id="",
            node_role=role,
            reason=extra.pop("reason", ""),
            at=at,
            hlc=pack(int(at.replace(tzinfo=UTC).timestamp() * 1000), rows.tick & 0xFFFF),
            **extra,
        )
    )


_AUTHORS = {
    "station": "驿站值班员",
    "branch": "支部书记",
    "committee": "党委组织委员",
    "centre": "服务中心",
}


def _notice_start(deed_confirmed: date) -> date:
    """Notices go out on the 1st and the 16th of each month."""
    if deed_confirmed.day < 16:
        return deed_confirmed.replace(day=16)
    return date(deed_confirmed.year + deed_confirmed.month // 12, deed_confirmed.month % 12 + 1, 1)


def _final_state(ctx: Any, declared: date) -> str:
    rng, age = ctx.rng, (ctx.today - declared).days
    if age > 45:
        return rng.choices(("effective", "rejected"), (97, 3))[0]
    if age > 25:
        return rng.choices(("effective", "in_notice", "approved"), (80, 15, 5))[0]
    states, weights = zip(*RECENT_STATES, strict=True)
    return rng.choices(states, weights)[0]


def _timeline(
    ctx: Any, rows: _Rows, decl: dict[str, Any], rule: dict[str, Any], declared: date
) -> None:
    rng, today = ctx.rng, ctx.today
    goal = _final_state(ctx, declared)
    day = declared
    rows.last_at = datetime.min
    _event(ctx, rows, decl, "submitted", day, "station")
    if goal == "returned" or rng.random() < 0.05:
        day = min(day + timedelta(days=rng.randrange(1, 4)), today)
        _event(ctx, rows, decl, "branch_returned", day, "branch", reason=rng.choice(RETURN_REASONS))
        if goal == "returned":
            return
        day = min(day + timedelta(days=rng.randrange(1, 3)), today)
        _event(ctx, rows, decl, "resubmitted", day, "station", reason="已补充材料")
    if goal == "submitted":
        return
    day = min(day + timedelta(days=rng.randrange(1, 5)), today)
    _event(ctx, rows, decl, "branch_approved", day, "branch")
    if goal == "approved":
        return
    day = min(day + timedelta(days=rng.randrange(1, 6)), today)
    if goal == "rejected":
        _event(
            ctx,
            rows,
            decl,
            "committee_rejected",
            day,
            "committee",
            reason=rng.choice(REJECT_REASONS),
        )
        return
    points = round(rule["points"] * decl["quantity"], 2)
    _event(ctx, rows, decl, "committee_confirmed", day, "committee", points=points)
    if goal == "confirmed":
        return
    start = _notice_start(day)
    if goal in ("in_notice", "objected") or start > today:
        start = max(day, today - timedelta(days=rng.randrange(0, 4)))
    end = start + timedelta(days=4)
    _event(
        ctx, rows, decl, "notice_started", start, "committee", period_start=start, period_end=end
    )
    if goal == "objected":
        _event(
            ctx,
            rows,
            decl,
            "objection_raised",
            today,
            "station",
            reason="群众反映该事项与实际不符，请核实",
        )
        return
    if goal == "in_notice" or end >= today:
        return
    effective_on = end + timedelta(days=1)
    _event(ctx, rows, decl, "effective", effective_on, "committee")
    rows.ledger.append(
        dict(
            id=derived_id(decl["id"], "ledger"),
            person_id=decl["person_id"],
            declaration_id=decl["id"],
            rule_id=rule["id"],
            category=rule["category"],
            kind=rule["kind"],
            points=points,
            year=decl["deed_date"].year,
            deed_date=decl["deed_date"],
            effective_on=effective_on,
            note=rule["title"],
        )
    )


def _write_benefits(store: Store, ctx: Any) -> list[dict[str, Any]]:
    benefits = [
        dict(
            id=ctx.new_id(),
            code=code,
            category=cat,
            name=name,
            provider=provider,
            cost=float(cost),
            yearly_quota=quota,
            per_person_yearly=per,
            description="",
            active=True,
        )
        for code, cat, name, provider, cost, quota, per in BENEFITS
    ]
    with store.unit_of_work("演示数据") as uow:
        uow.insert_many(Benefit, benefits)
    return benefits


def _write_redemptions(store: Store, ctx: Any, rows: _Rows, benefits: list[dict[str, Any]]) -> None:
    """Some members spent points (never beyond their balance or a benefit's limits)."""
    rng = ctx.rng
    balance: dict[str, float] = {}
    for entry in rows.ledger:
        balance[entry["person_id"]] = balance.get(entry["person_id"], 0.0) + entry["points"]
    used: dict[tuple[str, str], int] = {}
    out, n = [], 0
    for person_id in sorted(balance, key=lambda p: ctx.members.index(p)):
        if rng.random() > 0.3:
            continue
        benefit = rng.choice(benefits)
        key = (person_id, benefit["id"])
        if balance[person_id] < benefit["cost"] or used.get(key, 0) >= benefit["per_person_yearly"]:
            continue
        balance[person_id] -= benefit["cost"]
        used[key] = used.get(key, 0) + 1
        n += 1
        day = ctx.today - timedelta(days=rng.randrange(0, 60))
        out.append(
            dict(
                id=ctx.new_id(),
                number=f"DH{day.year}-ZX-{n:05d}",
                person_id=person_id,
                benefit_id=benefit["id"],
                points=benefit["cost"],
                year=day.year,
                redeemed_on=day,
                station_id=None,
                operator="驿站值班员",
                note="",
                created_at=_at(day, rng),
            )
        )
    with store.unit_of_work("演示数据") as uow:
        uow.insert_many(Redemption, out)
