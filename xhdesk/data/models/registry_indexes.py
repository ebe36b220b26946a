"""Indexes that keep the registry tabs quick at 100,000 persons (issue 3, migration 0006).

``ix_person_live_order`` walks the live persons in pinyin order (the members tab's default sort)
and covers the columns the search box matches, so opening the tab reads the first page straight
from the index and a search keystroke scans the narrow index instead of the wide table.
``ix_person_membership_relation`` serves the 流动党员 filter. The two ``…_live`` indexes count the
live persons of each station and enterprise (the 常驻人员 and 登记人员 columns) from the index alone.
"""

from __future__ import annotations

from sqlalchemy import Index

from xhdesk.data.models.registry import Person

PERSON_LIVE_ORDER_COLUMNS = (
    "deleted",
    "name_pinyin",
    "name_initials",
    "name",
    "phone",
    "id_number",
)

person_live_order = Index(
    "ix_person_live_order", *(Person.__table__.c[name] for name in PERSON_LIVE_ORDER_COLUMNS)
)

person_membership_relation = Index(
    "ix_person_membership_relation", Person.__table__.c.membership_relation
)

person_station_live = Index(
    "ix_person_station_live", Person.__table__.c.station_id, Person.__table__.c.deleted
)
person_enterprise_live = Index(
    "ix_person_enterprise_live", Person.__table__.c.enterprise_id, Person.__table__.c.deleted
)

# The few persons whose surname has a second reading (曾 zeng/ceng, 尉迟 yuchi/weichi): a search
# scans only them for the common reading (issue 14).
person_alt_keys = Index(
    "ix_person_alt_keys",
    Person.__table__.c.name_alt_keys,
    sqlite_where=Person.__table__.c.name_alt_keys != "",
)
