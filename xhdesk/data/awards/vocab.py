"""The annual selections and recommendations, their certificate codes and wording."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AwardKind:
    code: str  # stored in award.kind
    name: str  # 最美红骑手
    short: str  # letters in certificate numbers (HQS)
    recommendation: bool  # a recommendation to a higher body rather than the city's own selection
    occupations: tuple[str, ...] = ()  # who may be nominated (empty: anyone)
    party_only: bool = False
    women_only: bool = False

    def wording(self, year: int) -> str:
        """The sentence printed on the certificate under the recipient's name."""
        if self.recommendation:
            return (
                f"在{year}年度新就业群体工作中表现突出，经组织推荐、综合评议，"
                f"被确定为“{self.name}”推荐人选。\n特发此证，以资鼓励。"
            )
        return (
            f"在{year}年度“{self.name}”评选活动中表现突出，"
            f"被评为“{year}年度{self.name}”。\n特发此证，以资鼓励。"
        )


AWARD_KINDS: dict[str, AwardKind] = {
    k.code: k
    for k in (
        AwardKind("red_rider", "最美红骑手", "HQS", False, ("courier", "rider")),
        AwardKind(
            "truck_driver", "最美货车司机", "HCS", False, ("truck_driver", "rideshare_driver")
        ),
        AwardKind("ecommerce", "最美电商达人", "DSD", False, ("streamer", "writer", "seller")),
        AwardKind("party_member", "优秀共产党员", "YXDY", True, party_only=True),
        AwardKind("may_day", "五一劳动奖章", "WYJZ", True),
        AwardKind("march_8", "三八红旗手", "SBHQ", True, women_only=True),
    )
}
AWARD_NAMES = {code: kind.name for code, kind in AWARD_KINDS.items()}
OUTCOMES = {"winner": "当选", "withdrawn": "取消当选"}


def award_kind(code: str) -> AwardKind:
    from xhdesk.data.core.errors import ValidationError

    try:
        return AWARD_KINDS[code]
    except KeyError:
        raise ValidationError(f"未知的评选项目：{code}") from None
