"""Awards (评选): the year's selections, nominations, decisions and certificates.

An ``Award`` (one selection or recommendation of one year) is master data: editable, soft-deleted,
with an id derived from (year, kind) so that two nodes creating the same selection make one row.
Everything that happens in a selection is append-only: a ``Nomination`` (one person put forward,
once per award and person — its id is derived too), ``AwardDecision`` events (winner / withdrawn;
the latest by HLC stamp decides), and ``Certificate`` rows issued once, signed by the issuing
node's key.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import DateTime, Index
from sqlmodel import Field

from xhdesk.data.core import authority
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.models.base import Event, MutableEntity

SELECT_ROLES = ("centre", "committee")  # create selections, choose winners, issue certificates
NOMINATE_ROLES = ("centre", "committee", "branch")


class Award(MutableEntity, table=True):
    """评选: one selection (最美红骑手 …) or recommendation (优秀共产党员 …) of one year."""

    __tablename__ = "award"
    __table_args__ = (Index("ix_award_year_kind", "year", "kind"),)

    year: int
    kind: str = Field(max_length=20)  # red_rider / truck_driver / ecommerce / party_member / …
    title: str = Field(max_length=60)  # 2026年度最美红骑手
    issuer: str = Field(default="", max_length=60)  # 颁发单位, printed on certificates
    issued_on: date | None = None  # the date printed on certificates
    quota: int | None = None  # places, if limited
    note: str = Field(default="", max_length=200)


class Nomination(Event, table=True):
    """推荐: one person put forward for one award, with the reason."""

    __tablename__ = "nomination"

    award_id: str = Field(foreign_key="award.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    reason: str = Field(default="", max_length=500)
    nominated_by: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class AwardDecision(Event, table=True):
    """A decision on a nomination: ``winner`` or ``withdrawn``; the latest (by ``hlc``) holds."""

    __tablename__ = "award_decision"
    __table_args__ = (Index("ix_award_decision_order", "award_id", "nomination_id", "hlc"),)

    award_id: str = Field(foreign_key="award.id")
    nomination_id: str = Field(foreign_key="nomination.id")
    outcome: str = Field(max_length=12)  # winner / withdrawn
    decided_by: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    at: datetime = Field(sa_type=DateTime)  # naive UTC
    hlc: int = 0


class Certificate(Event, table=True):
    """荣誉证书: issued once per winner; what was printed, and the issuing node's signature."""

    __tablename__ = "certificate"

    number: str = Field(max_length=32, unique=True)  # 2026-HQS-3FA2C1-0001
    award_id: str = Field(foreign_key="award.id", index=True)
    nomination_id: str = Field(foreign_key="nomination.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    recipient: str = Field(max_length=30)
    award_title: str = Field(max_length=60)
    wording: str = Field(default="", max_length=300)
    issuer: str = Field(default="", max_length=60)
    issued_on: date
    node_id: str = Field(max_length=36, index=True)  # the issuing node (whose key signed)
    signature: str = Field(max_length=120)  # Ed25519 signature, base32 without padding
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


# -- authority: which node roles may write these rows (checked locally and on sync import) --------
def _only(roles: tuple[str, ...], what: str) -> authority.Rule:
    def rule(role: str, op: str, data: dict[str, Any]) -> str | None:
        if role in roles:
            return None
        return f"{label(ROLES, role)}节点无权{what}。"

    return rule


authority.register("award", _only(SELECT_ROLES, "设立或修改评选项目"))
authority.register("nomination", _only(NOMINATE_ROLES, "推荐评选人选"))
authority.register("award_decision", _only(SELECT_ROLES, "确定评选结果"))
authority.register("certificate", _only(SELECT_ROLES, "颁发荣誉证书"))
