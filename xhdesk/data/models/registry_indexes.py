"""Indexes that keep the registry tabs quick at 100,000 persons (issue 3, migration 0006).

``ix_person_live_order`` walks the live persons in pinyin order (the members tab's default sort)
and covers the columns the search box matches, so opening the tab reads the first page straight
from the index and a search keystroke scans the narrow index instead of the wide table.
``ix_person_membership_relation`` serves the 流动党员 filter. The two ``…_live`` indexes count the
live persons of each station and enterprise (the 常驻人员 and 登记人员 columns) from the index alone.
"""

from __future__ import annotations

from sqlalchemy import Index

from xhdesk.data.models.base import table_of
from xhdesk.data.models.registry import Person

PERSON_LIVE_ORDER_COLUMNS = (
    "deleted",
    "name_pinyin",
    "name_initials",
    "name",
    "phone",
    "id_number",
)

_person = table_of(Person)

person_live_order = Index(
    "ix_person_live_order", *(_person.c[name] for name in PERSON_LIVE_ORDER_COLUMNS)
)

person_membership_relation = Index("ix_person_membership_relation", _person.c.membership_relation)

person_station_live = Index("ix_person_station_live", _person.c.station_id, _person.c.deleted)
person_enterprise_live = Index(
    "ix_person_enterprise_live", _person.c.enterprise_id, _person.c.deleted
)

# The few persons whose surname has a second reading (曾 zeng/ceng, 尉迟 yuchi/weichi): a search
# scans only them for the common reading (issue 14).
person_alt_keys = Index(
    "ix_person_alt_keys",
    _person.c.name_alt_keys,
    sqlite_where=_person.c.name_alt_keys != "",
)
