"""The registry: committees, branches, enterprises (一企一档), instructors, stations, persons."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from xhdesk.data.models.base import Event, MutableEntity


class Committee(MutableEntity, table=True):
    """行业党委."""

    code: str = Field(index=True, max_length=32)  # transport / express / influencer
    name: str = Field(max_length=60)
    # the human unit code (JT, KD, WL…) in numbers made on its nodes; unique across all units
    unit_code: str = Field(default="", max_length=8, index=True)
    secretary: str = Field(default="", max_length=30)
    phone: str = Field(default="", max_length=20)


class Instructor(MutableEntity, table=True):
    """党建指导员."""

    name: str = Field(max_length=30)
    phone: str = Field(default="", max_length=20)
    unit: str = Field(default="", max_length=60)  # the instructor's own employer
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)


class Enterprise(MutableEntity, table=True):
    """平台企业 — one file per enterprise (一企一档)."""

    name: str = Field(max_length=80)
    kind: str = Field(max_length=20, index=True)
    credit_code: str = Field(max_length=18, index=True)
    address: str = Field(default="", max_length=120)
    town: str = Field(default="", max_length=20)
    contact_name: str = Field(default="", max_length=30)
    contact_phone: str = Field(default="", max_length=20)
    workforce: int = 0
    liaison_leader: str = Field(default="", max_length=30)  # 分管领导
    section_staff: str = Field(default="", max_length=30)  # 职能科室工作人员
    party_worker: str = Field(default="", max_length=30)  # 企业专职党务工作者
    # since when each of the three roles has been held (migration 0010; None = not recorded)
    liaison_leader_since: date | None = None
    section_staff_since: date | None = None
    party_worker_since: date | None = None
    instructor_id: str | None = Field(default=None, foreign_key="instructor.id", index=True)
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)


class EnterpriseVisit(MutableEntity, table=True):
    """定期走访: one visit to an enterprise."""

    __tablename__ = "enterprise_visit"

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    visited_on: date
    visitor: str = Field(max_length=30)
    findings: str = Field(default="", max_length=500)
    follow_up: str = Field(default="", max_length=500)


class Branch(MutableEntity, table=True):
    """党支部."""

    name: str = Field(max_length=80)
    code: str = Field(default="", max_length=8, index=True)  # unit code B01…, unique across units
    kind: str = Field(max_length=20, index=True)
    committee_id: str = Field(foreign_key="committee.id", index=True)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True)
    secretary: str = Field(default="", max_length=30)
    secretary_phone: str = Field(default="", max_length=20)
    founded_on: date | None = None


class Station(MutableEntity, table=True):
    """阵地 / 驿站."""

    code: str = Field(max_length=8, index=True)  # short code, e.g. S07, used in request numbers
    name: str = Field(max_length=80)
    kind: str = Field(max_length=20, index=True)
    host_type: str = Field(default="", max_length=30, index=True)
    address: str = Field(default="", max_length=120)
    town: str = Field(default="", max_length=20, index=True)
    manager: str = Field(default="", max_length=30)
    phone: str = Field(default="", max_length=20)
    opening_hours: str = Field(default="", max_length=60)
    amenities: str = Field(default="", max_length=200)  # 、-separated
    status: str = Field(default="open", max_length=10, index=True)
    committee_id: str | None = Field(default=None, foreign_key="committee.id", index=True)


class Person(MutableEntity, table=True):
    """从业人员 — everyone in the registry; a member is a person whose political status is a party member."""

    name: str = Field(max_length=30)
    name_pinyin: str = Field(default="", max_length=120, index=True)
    name_initials: str = Field(default="", max_length=30, index=True)
    name_given: str = Field(default="", max_length=90, index=True)  # the given name's pinyin
    # the common reading where the surname reads differently (曾 ceng…): " cengguofan cgf"
    name_alt_keys: str = Field(default="", max_length=120)
    gender: str = Field(default="", max_length=2)
    id_number: str = Field(max_length=18, index=True)
    birth_date: date | None = None
    phone: str = Field(default="", max_length=20, index=True)
    occupation: str = Field(max_length=20, index=True)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True)
    political_status: str = Field(default="masses", max_length=20, index=True)
    development_stage: str | None = Field(default=None, max_length=20)
    branch_id: str | None = Field(default=None, foreign_key="branch.id", index=True)
    joined_party_on: date | None = None
    membership_relation: str | None = Field(default=None, max_length=20)
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    pioneer_post: str = Field(default="", max_length=60)  # 先锋示范岗
    responsibility_area: str = Field(default="", max_length=60)  # 党员责任区
    org_checked_by: str = Field(default="", max_length=30)
    org_checked_on: date | None = None
    industry_checked_by: str = Field(default="", max_length=30)
    industry_checked_on: date | None = None
    status: str = Field(default="active", max_length=10, index=True)
    town: str = Field(default="", max_length=20)
    address: str = Field(default="", max_length=120)


class Verification(Event, table=True):
    """One 双核 check (org_check or industry_check), append-only; the person's fields summarise it."""

    person_id: str = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=20)  # org_check / industry_check
    checked_by: str = Field(max_length=30)
    checked_on: date
    note: str = Field(default="", max_length=200)
