"""四亮, 党员责任区 and 先锋示范岗, each with the date it was set.

Every setting is an append-only :class:`ShowcaseMark`: for a station (亮旗帜) or for a person
(亮身份, 亮车标, 亮承诺, 责任区, 示范岗). The latest mark of a subject and kind is the one in force;
an empty ``text`` withdraws it. The person's ``pioneer_post`` and ``responsibility_area`` strings
follow the latest mark.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from xhdesk.data.models.base import Event


class ShowcaseMark(Event, table=True):
    """One 四亮 / 责任区 / 示范岗 setting of a station or a person, on a date."""

    __tablename__ = "showcase_mark"
    __table_args__ = (Index("ix_showcase_mark_subject", "subject_id", "kind", "set_on"),)

    subject_id: str = Field(max_length=36)  # a station id or a person id
    subject: str = Field(max_length=10)  # station / person
    station_id: str | None = Field(default=None, foreign_key="station.id", index=True)
    kind: str = Field(max_length=20)  # flag / identity / vehicle / pledge / area / post
    text: str = Field(default="", max_length=200)
    set_on: date
    author: str = Field(default="", max_length=30)
    seq: int = 0  # order of marks set the same day (the HLC at writing)
