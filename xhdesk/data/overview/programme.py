"""The programme's figures for ``xhdesk stats``: teams, person-times, learning, 随手拍."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from xhdesk.data.learning.hours import learning_figures
from xhdesk.data.models.base import table_of
from xhdesk.data.models.governance import GovernanceReport
from xhdesk.data.models.volunteering import VolunteerTeam
from xhdesk.data.volunteering.teams import person_times


def programme_figures(session: Session) -> dict[str, Any]:
    teams = table_of(VolunteerTeam)
    reports = table_of(GovernanceReport)
    return {
        "teams": int(
            session.execute(
                sa.select(sa.func.count()).select_from(teams).where(teams.c.deleted == False)  # noqa: E712
            ).scalar()
            or 0
        ),
        "volunteer_person_times": person_times(session),
        **learning_figures(session),
        "governance_reports": int(
            session.execute(sa.select(sa.func.count()).select_from(reports)).scalar() or 0
        ),
    }
