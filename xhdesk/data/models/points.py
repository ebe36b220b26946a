"""Points (积分): rules, declarations and their review events, ledger, benefits, redemptions.

Declarations and everything that happens to them are append-only: a declaration row is inserted
once; its review steps are ``DeclarationEvent`` rows ordered by their HLC stamp; the state is
derived from them (see ``xhdesk.data.points.state``). ``LedgerTotal`` is a local, trigger-kept sum
of the ledger so that yearly totals stay fast however long the ledger grows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import Column, DateTime, Index, LargeBinary
from sqlmodel import Field, SQLModel

from xhdesk.data.core import authority
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.models.base import Event, MutableEntity


class PointRule(MutableEntity, table=True):
    """积分细则: how many points one unit of a deed earns (negative for a deduction)."""

    __tablename__ = "point_rule"

    code: str = Field(max_length=16, index=True)  # e.g. DS-01
    category: str = Field(max_length=20, index=True)  # party_life / study / volunteer / …
    kind: str = Field(max_length=10)  # base / pioneer
    title: str = Field(max_length=80)
    points: float  # per unit
    unit: str = Field(max_length=10)  # time (次) / hour (小时) / month (月)
    monthly_cap: float | None = None
    yearly_cap: float | None = None
    valid_from: int = 2020  # first year in force
    valid_to: int | None = None  # last year in force, None = open
    note: str = Field(default="", max_length=200)


class Declaration(Event, table=True):
    """积分申报: one deed of one person, declared once; corrections travel as events."""

    __tablename__ = "declaration"
    __table_args__ = (Index("ix_declaration_person_deed", "person_id", "deed_date"),)

    number: str = Field(max_length=24, index=True)  # human-facing, e.g. JF2026-S07-00012
    person_id: str = Field(foreign_key="person.id", index=True)
    rule_id: str = Field(foreign_key="point_rule.id", index=True)
    quantity: float = 1.0
    deed_date: date = Field(index=True)
    place: str = Field(default="", max_length=80)
    description: str = Field(default="", max_length=500)
    declared_by: str = Field(default="", max_length=30)
    origin_node_id: str = Field(default="", max_length=36)
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    branch_id: str | None = Field(default=None, foreign_key="branch.id", index=True)
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)
    batch_id: str | None = Field(default=None, max_length=36, index=True)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class DeclarationAttachment(Event, table=True):
    """Evidence (a photo or a scan), stored in the database so that it travels with sync."""

    __tablename__ = "declaration_attachment"

    declaration_id: str = Field(foreign_key="declaration.id", index=True)
    filename: str = Field(max_length=120)
    mime: str = Field(default="application/octet-stream", max_length=60)
    size: int = 0
    sha256: str = Field(default="", max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class DeclarationEvent(Event, table=True):
    """One step of a declaration's review (submitted, branch_approved, …, effective)."""

    __tablename__ = "declaration_event"
    __table_args__ = (Index("ix_declaration_event_order", "declaration_id", "hlc"),)

    declaration_id: str = Field(foreign_key="declaration.id")
    kind: str = Field(max_length=24, index=True)
    author: str = Field(default="", max_length=30)
    node_id: str = Field(default="", max_length=36)
    node_role: str = Field(default="", max_length=20)
    reason: str = Field(default="", max_length=500)
    points: float | None = None  # committee_confirmed: the points confirmed
    quantity: float | None = None  # resubmitted: a corrected quantity
    period_start: date | None = None  # notice_started
    period_end: date | None = None  # notice_started
    at: datetime = Field(sa_type=DateTime)  # naive UTC
    hlc: int = 0


class DeclarationStatus(SQLModel, table=True):
    """The derived state of each declaration, kept by a trigger on ``declaration_event``; local.

    The trigger applies the fixed rule of ``xhdesk.data.points.state`` (an ``effective`` event
    wins, else the latest by (hlc, id)) as a max, so events arriving in any order — from a sync
    package weeks late — give the same row. ``points`` is the latest committee confirmation's.
    """

    __tablename__ = "declaration_status"
    SYNC: ClassVar[str] = "local"

    declaration_id: str = Field(primary_key=True, max_length=36)
    state: str = Field(max_length=20, index=True)
    kind: str = Field(max_length=24)
    hlc: int
    event_id: str = Field(max_length=36)
    points: float | None = None
    points_hlc: int = -1
    points_event: str = Field(default="", max_length=36)


class LedgerEntry(Event, table=True):
    """积分流水: effective points of one declaration (never changed once written)."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        # a person's year; whole years read ledger_year_total (0020 dropped ix_ledger_year_person)
        Index("ix_ledger_person_year", "person_id", "year", "category", "kind", "points"),
        # the overview's points of a month, quarter or year by category (migration 0010)
        Index("ix_ledger_effective", "effective_on", "category", "points"),
    )

    person_id: str = Field(foreign_key="person.id")
    declaration_id: str | None = Field(default=None, foreign_key="declaration.id", index=True)
    rule_id: str | None = Field(default=None, foreign_key="point_rule.id")
    category: str = Field(max_length=20)
    kind: str = Field(max_length=10)
    points: float
    year: int
    deed_date: date
    effective_on: date
    note: str = Field(default="", max_length=200)


class LedgerTotal(SQLModel, table=True):
    """Sum of the ledger per person, year, category and kind — kept by a trigger, never synced."""

    __tablename__ = "ledger_total"
    __table_args__ = (
        Index("ix_ledger_total_year", "year", "person_id", "points"),
        {"sqlite_with_rowid": False},  # the key is the table (0020): one lookup per key
    )
    SYNC: ClassVar[str] = "local"

    person_id: str = Field(primary_key=True, max_length=36)
    year: int = Field(primary_key=True)
    category: str = Field(primary_key=True, max_length=20)
    kind: str = Field(primary_key=True, max_length=10)
    points: float = 0.0
    entries: int = 0


class LedgerYearTotal(SQLModel, table=True):
    """Sum of the ledger per person and year — kept by the same trigger, never synced.

    ``yearly_totals`` reads one row per person from it, so a year's totals cost the number of
    persons, not the number of entries or of categories.
    """

    __tablename__ = "ledger_year_total"
    __table_args__ = (
        Index("ix_ledger_year_total_year", "year", "person_id", "points"),
        {"sqlite_with_rowid": False},  # the key is the table (0020): one lookup per key
    )
    SYNC: ClassVar[str] = "local"

    person_id: str = Field(primary_key=True, max_length=36)
    year: int = Field(primary_key=True)
    points: float = 0.0
    entries: int = 0


class Benefit(MutableEntity, table=True):
    """惠民服务: what points buy."""

    __tablename__ = "benefit"

    code: str = Field(max_length=16, index=True)
    category: str = Field(max_length=20, index=True)  # reading / medical / tourism / …
    name: str = Field(max_length=80)
    provider: str = Field(default="", max_length=80)
    cost: float  # points per redemption
    yearly_quota: int | None = None  # places per year across everyone
    per_person_yearly: int | None = None  # redemptions per person per year
    description: str = Field(default="", max_length=300)
    active: bool = True


class Redemption(Event, table=True):
    """积分兑换: one benefit redeemed by one person (points taken at that moment's cost)."""

    __tablename__ = "redemption"
    __table_args__ = (
        Index("ix_redemption_person", "person_id", "points"),
        Index("ix_redemption_benefit_year", "benefit_id", "year"),
    )

    number: str = Field(max_length=24, index=True)
    person_id: str = Field(foreign_key="person.id")
    benefit_id: str = Field(foreign_key="benefit.id")
    points: float
    year: int
    redeemed_on: date
    station_id: str | None = Field(default=None, foreign_key="station.id")
    operator: str = Field(default="", max_length=30)
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(sa_type=DateTime)  # naive UTC


class PointSetting(MutableEntity, table=True):
    """A centre-set points setting (notice days, star bands, notice contact) that syncs."""

    __tablename__ = "point_setting"

    key: str = Field(max_length=40, index=True)
    value: str = Field(default="", max_length=400)


# -- authority: which node roles may write these rows (checked locally and on sync import) --------
ALL_ROLES = ("centre", "committee", "branch", "station")
REVIEW_ROLES = ("branch", "centre")
CONFIRM_ROLES = ("committee", "centre")
CATALOGUE_ROLES = ("centre",)
# Which roles may append each declaration event kind.
STEP_ROLES: dict[str, tuple[str, ...]] = {
    "submitted": ALL_ROLES,
    "resubmitted": ALL_ROLES,
    "objection_raised": ALL_ROLES,
    "branch_approved": REVIEW_ROLES,
    "branch_returned": REVIEW_ROLES,
    "committee_confirmed": CONFIRM_ROLES,
    "committee_rejected": CONFIRM_ROLES,
    "notice_started": CONFIRM_ROLES,
    "objection_upheld": CONFIRM_ROLES,
    "objection_dismissed": CONFIRM_ROLES,
    "effective": CONFIRM_ROLES,
}


def _event_rule(role: str, op: str, data: dict[str, Any]) -> str | None:
    kind = data.get("kind")
    if op != "insert" or kind is None:
        return None
    allowed = STEP_ROLES.get(kind)
    if allowed is None:
        return f"未知的积分审核步骤：{kind}"
    if role not in allowed:
        return f"{label(ROLES, role)}节点无权执行积分审核步骤「{kind}」"
    return None


def _roles_rule(allowed: tuple[str, ...], what: str) -> authority.Rule:
    def rule(role: str, op: str, data: dict[str, Any]) -> str | None:
        if role in allowed:
            return None
        return f"{label(ROLES, role)}节点无权{what}"

    return rule


authority.register("declaration_event", _event_rule)
authority.register("ledger_entry", _roles_rule(CONFIRM_ROLES, "写入积分流水"))
authority.register("point_rule", _roles_rule(CATALOGUE_ROLES, "修改积分细则"))
authority.register("benefit", _roles_rule(CATALOGUE_ROLES, "修改惠民服务目录"))
authority.register("point_setting", _roles_rule(CATALOGUE_ROLES, "修改积分设置"))
