"""An activity at a demo station, and members to sign in (shared by the data and window tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from xhdesk.data.activities import ActivityInput, create_activity
from xhdesk.data.core.store import Store
from xhdesk.data.models import Person


def members_of_one_branch(store: Store, count: int) -> tuple[str, list[str]]:
    """(branch id, ids of ``count`` party members of one branch): the demo's largest branch,
    topped up with members moved in from other branches (as a secretary would record it)."""
    with store.engine.connect() as conn:
        branch_id = conn.exec_driver_sql(
            "SELECT branch_id FROM person WHERE deleted = 0 AND branch_id IS NOT NULL "
            "AND political_status IN ('member', 'probationary') "
            "GROUP BY branch_id ORDER BY count(*) DESC, branch_id LIMIT 1"
        ).scalar_one()
        ids = (
            conn.execute(
                sa.text(
                    "SELECT id FROM person WHERE deleted = 0 AND branch_id IS NOT NULL AND status = 'active' "
                    "AND political_status IN ('member', 'probationary') "
                    "ORDER BY branch_id != :b, name_pinyin, id LIMIT :n"
                ),
                {"b": branch_id, "n": count},
            )
            .scalars()
            .all()
        )
    with store.unit_of_work("测试") as uow:
        for pid in ids:
            person = uow.session.get(Person, pid)
            if person.branch_id != branch_id:
                person.branch_id = branch_id
    return branch_id, list(ids)


def a_station(store: Store) -> str:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id FROM station WHERE deleted = 0 AND kind = 'warm_bee' ORDER BY code LIMIT 1"
        ).scalar_one()


def new_activity(store: Store, branch_id: str, kind: str = "theme_day", **extra: object) -> str:
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    values: dict = dict(
        title="主题党日：重温入党誓词",
        kind=kind,
        organiser_kind="branch",
        organiser_id=branch_id,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        station_id=a_station(store),
        capacity=60,
        description="重温入党誓词，学习党章。",
    )
    values.update(extra)
    return create_activity(store, ActivityInput(**values), author="测试")
