"""The ``awards`` section of the headline figures."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from xhdesk.data.awards.nominations import outcomes
from xhdesk.data.models.awards import Award, Certificate, Nomination


def awards_figures(session: Session) -> dict[str, Any]:
    """{"awards": {"nominations": n, "winners": n, "certificates": n}} over every year."""
    nominations = session.exec(select(sa.func.count()).select_from(Nomination)).one()
    certificates = session.exec(select(sa.func.count()).select_from(Certificate)).one()
    award_ids = session.exec(select(Award.id).where(Award.deleted == False)).all()  # noqa: E712
    chosen = sum(
        1 for a in award_ids for outcome in outcomes(session, a).values() if outcome == "winner"
    )
    return {
        "awards": {
            "nominations": int(nominations),
            "winners": chosen,
            "certificates": int(certificates),
        }
    }
