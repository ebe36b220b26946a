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


def notice_start(store: Store, year: int, today: date) -> date:
    """The first day of the year's 公示期: today, unless certificates were already dated; then the
    公示 ends the day before the earliest of them, so that it precedes what it leads to."""
    from sqlmodel import col, select

    from xhdesk.data.models.awards import Award, Certificate

    with store.session() as session:
        dates: list[date] = [
            d
            for d in session.exec(
                select(col(Certificate.issued_on)).join(Award).where(Award.year == year)
            )
            if d is not None
        ]
    dates += [d for a in list_awards(store, year) if (d := getattr(a, "issued_on", None))]
    if not dates:
        return today
    return min(min(dates) - timedelta(days=NOTICE_DAYS), today)


def award_notice(store: Store, year: int, today: date | None = None) -> dict[str, Any]:
    """Title, 公示期, contact, issuer and one row per winner (no ID numbers, no phones)."""
    rows: list[dict[str, Any]] = []
    issuer = ""
    selections = list_awards(store, year)
    start = notice_start(store, year, today or date.today())
    for award in selections:
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
