"""Demo awards: the 2025 and 2026 selections with nominations, winners and certificates.

2025 is complete (every selection decided, certificates issued on 2025-12-26). In 2026 the three
selections are decided and their certificates issued on the demo's today; the recommendations
(优秀共产党员, 五一劳动奖章, 三八红旗手) have nominations still waiting for a decision.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import select

from xhdesk.data.awards.certificates import issue_certificates
from xhdesk.data.awards.nominations import nomination_id
from xhdesk.data.awards.selections import award_id, open_selections
from xhdesk.data.awards.vocab import AWARD_KINDS, AwardKind
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import PARTY_STATUSES
from xhdesk.data.demo import DemoContext
from xhdesk.data.models import Person
from xhdesk.data.models.awards import AwardDecision, Nomination
from xhdesk.data.points import yearly_totals

ISSUER = "中共兴化市委组织部"
DEEDS = {
    "red_rider": [
        "暴雨夜坚持配送，途中发现一名老人摔倒，及时救助并护送就医",
        "参加“水乡红骑手”志愿服务队，全年协助社区排查安全隐患30余处",
        "配送途中发现居民楼起火，第一时间报警并协助疏散群众",
        "主动担任楼栋“移动网格员”，及时上报群众诉求20余件",
    ],
    "truck_driver": [
        "加入货运“兴”锋队，疫情期间义务运送生活物资40余车次",
        "安全行驶超过50万公里无事故，带动车队开展安全宣讲",
        "高速公路上救助遇险司机，事迹被多家媒体报道",
    ],
    "ecommerce": [
        "直播带货助销本地大闸蟹、香葱等农产品，带动农户增收",
        "免费为乡镇电商从业者开展直播培训12场",
        "创作网络文学作品宣传兴化水乡文化，阅读量过百万",
    ],
    "party_member": [
        "担任流动党支部委员，组织“五分钟课堂”学习40余次",
        "带头亮身份、亮承诺，党员先锋岗服务群众满意率100%",
    ],
    "may_day": [
        "扎根一线八年，服务评价连续三年位列全市第一",
        "牵头成立互助小组，调解劳动纠纷15起",
    ],
    "march_8": [
        "巾帼骑手带头人，组织女骑手开展关爱留守儿童活动",
        "电商创业带动30余名家庭妇女灵活就业",
    ],
}


def _eligible(kind: AwardKind, people: list[Any]) -> list[str]:
    return [
        p.id
        for p in people
        if (not kind.occupations or p.occupation in kind.occupations)
        and (not kind.party_only or p.political_status in PARTY_STATUSES)
        and (not kind.women_only or p.gender == "女")
    ]


def _year(store: Store, ctx: DemoContext, year: int, people: list[Any], day: date) -> None:
    open_selections(store, year, issuer=ISSUER, issued_on=day, author="演示数据")
    decided = {
        code
        for code, kind in AWARD_KINDS.items()
        if year < ctx.today.year or not kind.recommendation
    }
    at = datetime.combine(day - timedelta(days=30), time(10))
    points = yearly_totals(store, year)
    decisions: list[AwardDecision] = []
    with store.unit_of_work(author="演示数据") as uow:
        for code, kind in AWARD_KINDS.items():
            pool = _eligible(kind, people)
            aid = award_id(year, code)
            chosen = ctx.rng.sample(pool, min(len(pool), ctx.rng.randint(5, 8)))
            chosen.sort(key=lambda pid: -points.get(pid, 0.0))  # the best-scored three win
            for i, person in enumerate(chosen):
                nid = nomination_id(aid, person)
                uow.add(
                    Nomination(
                        id=nid,
                        award_id=aid,
                        person_id=person,
                        reason=ctx.rng.choice(DEEDS[code]),
                        nominated_by="演示数据",
                        node_id=store.node_id,
                        created_at=at,
                    )
                )
                if code in decided and i < 3:
                    decisions.append(
                        AwardDecision(
                            id=ctx.new_id(),
                            award_id=aid,
                            nomination_id=nid,
                            outcome="winner",
                            decided_by="演示数据",
                            node_id=store.node_id,
                            at=at + timedelta(days=20),
                            hlc=store.clock.tick(),
                        )
                    )
        uow.flush()  # nominations before the decisions that refer to them
        uow.add_all(decisions)
    for code in (c for c in AWARD_KINDS if c in decided):
        issue_certificates(store, award_id(year, code), today=day, author="演示数据")


def build(store: Store, ctx: DemoContext) -> None:
    with store.session() as session:
        people = list(
            session.exec(
                select(Person).where(Person.status == "active", Person.deleted == False)  # noqa: E712
            ).all()
        )
    people.sort(key=lambda p: p.id)
    _year(store, ctx, ctx.today.year - 1, people, date(ctx.today.year - 1, 12, 26))
    _year(store, ctx, ctx.today.year, people, ctx.today)
