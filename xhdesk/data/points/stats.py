"""The points section of ``xhdesk stats``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.points.vocab import STATES


def points_figures(session: Session) -> dict[str, Any]:
    rows = session.execute(
        sa.text("SELECT state, COUNT(*) FROM declaration_status GROUP BY state")
    ).all()
    by_state = dict.fromkeys(STATES, 0)
    by_state.update({state: int(n) for state, n in rows})
    ledger = session.execute(sa.text("SELECT COALESCE(SUM(points), 0) FROM ledger_total")).scalar()
    redemptions = session.execute(sa.text("SELECT COUNT(*) FROM redemption")).scalar()
    return {
        "declarations": by_state,
        "ledger_points": round(float(ledger or 0), 2),
        "redemptions": int(redemptions or 0),
    }
