"""The activities section of ``xhdesk stats``: activities held and attendances (person-times)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session


def activities_figures(session: Session) -> dict[str, Any]:
    activities = session.execute(
        sa.text("SELECT COUNT(*) FROM activity WHERE deleted = 0")
    ).scalar_one()
    attendances = session.execute(
        sa.text(
            "SELECT COUNT(*) FROM (SELECT DISTINCT s.activity_id, s.person_id FROM activity_signin s"
            " JOIN activity a ON a.id = s.activity_id WHERE a.deleted = 0)"
        )
    ).scalar_one()
    return {"activities": int(activities), "attendances": int(attendances)}
