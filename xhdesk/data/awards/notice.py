"""The content of the 评选结果公示 (award result notice) of one year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from xhdesk.data.awards.nominations import winners
from xhdesk.data.awards.selections import list_awards
from xhdesk.data.awards.vocab import award_kind
from xhdesk.data.core.store import Store
from xhdesk.data.points.settings import get_setting

NOTICE_DAYS = 7


def award_notice(store: Store, year: int, today: date | None = None) -> dict[str, Any]:
    """Title, 公示期, contact, issuer and one row per winner (no ID numbers, no phones)."""
    start = today or date.today()
    rows: list[dict[str, Any]] = []
    issuer = ""
    for award in list_awards(store, year):
        issuer = issuer or award.issuer
        for w in winners(store, award.id):
            rows.append(
                {
                    "award": award_kind(award.kind).name,
                    "name": w.name,
                    "unit": w.unit,
                    "occupation": w.occupation,
                    "reason": w.reason,
                }
            )
    return {
        "title": f"{year}年度新就业群体先进典型评选结果公示",
        "year": year,
        "period_start": start,
        "period_end": start + timedelta(days=NOTICE_DAYS - 1),
        "contact": get_setting(store, "notice_contact"),
        "issuer": issuer or get_setting(store, "notice_issuer"),
        "issued_on": start,
        "rows": rows,
    }
