"""签到 at a desk: one person found by the search and signed in, at city scale.

Goal (issue 17): with 100,000 persons and 10,000 activities, the desk's search for one person
(by phone, as a rider gives it) and the sign-in saved — the unit of work with its change log —
take ≤ 100 ms. The baseline, in the same run on the same file, is raw ``sqlite3`` doing the
least the same step needs: look the phone up by its index, insert the sign-in row, commit.
Part of ``xhdesk bench``.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from xhdesk.bench import BenchContext, Row, median_ms

if TYPE_CHECKING:
    from xhdesk.data.core.store import Store

GOAL_MS = 100.0
ACTIVITIES = 10_000
SIGNINS_EACH = 5


def _top_up(store: Store, target: int) -> str:
    """Activities up to ``target`` (each with a few sign-ins); returns the desk's open activity."""
    from xhdesk.data.models.activities import Activity, ActivitySignin

    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM activity").scalar_one()
        persons = [r[0] for r in conn.exec_driver_sql("SELECT id FROM person LIMIT 2000")]
        station = conn.exec_driver_sql("SELECT id FROM station LIMIT 1").scalar_one()
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    rows, signins = [], []
    for i in range(max(target - have, 1)):
        aid = str(uuid.uuid4())
        when = start - timedelta(days=i % 700, hours=i % 5)
        rows.append(
            {
                "id": aid,
                "number": f"HDBENCH-{i:06d}",
                "title": "主题党日",
                "kind": "theme_day",
                "organiser_kind": "station",
                "organiser_id": station,
                "station_id": station,
                "starts_at": when,
                "ends_at": when + timedelta(hours=2),
                "origin_node_id": store.node_id,
                "created_at": when,
            }
        )
        for k in range(SIGNINS_EACH if i else 0):
            pid = persons[(i * SIGNINS_EACH + k) % len(persons)]
            signins.append({"activity_id": aid, "person_id": pid, "at": when})
    with store.unit_of_work("基准测试") as uow:
        uow.insert_many(Activity, rows)
        uow.insert_many(ActivitySignin, signins)
    return rows[0]["id"]


def _phones(path: str, count: int) -> list[str]:
    con = sqlite3.connect(path)
    try:
        sql = (
            "SELECT phone FROM person WHERE deleted = 0 AND status = 'active' AND phone != '' "
            "GROUP BY phone HAVING count(*) = 1 ORDER BY rowid DESC LIMIT ?"
        )
        return [r[0] for r in con.execute(sql, (count,))]
    finally:
        con.close()


def _raw(path: str, activity_id: str, phones: list[str]) -> float:
    con = sqlite3.connect(path, isolation_level=None)
    queue = iter(phones)

    def step() -> None:
        phone = next(queue)
        pid = con.execute("SELECT id FROM person WHERE phone = ?", (phone,)).fetchone()[0]
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO activity_signin (id, activity_id, person_id, method, author, node_id, at)"
            " VALUES (?, ?, ?, 'search', '', '', ?)",
            (str(uuid.uuid4()), activity_id, pid, datetime.now().isoformat(" ")),
        )
        con.execute("COMMIT")

    try:
        return median_ms(step, repeat=7)
    finally:
        con.close()


def rows(ctx: BenchContext) -> list[Row]:
    from xhdesk.data.activities import sign_in
    from xhdesk.data.core.store import Store
    from xhdesk.data.registry.search import match_persons

    path = ctx.workdir / "activities.sqlite3"
    shutil.copyfile(ctx.db, path)
    store = Store.open(path)
    try:
        target = 200 if ctx.quick else ACTIVITIES
        aid = _top_up(store, target)
        phones = _phones(str(path), 16)
        queue = iter(phones[:8])

        def desk() -> None:
            found = match_persons(store, next(queue), limit=30, active_only=True)
            assert not sign_in(store, aid, found.persons[0].id, "search").already

        value = median_ms(desk, repeat=7)
        with store.engine.connect() as conn:
            persons = conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one()
            activities = conn.exec_driver_sql("SELECT count(*) FROM activity").scalar_one()
    finally:
        store.close()
    baseline = _raw(str(path), aid, phones[8:])
    return [
        Row(
            f"签到（查找一人并保存；{persons:,} 人、{activities:,} 项活动）",
            value,
            "ms",
            baseline,
            f"≤ {GOAL_MS:.0f} ms",
            goal_abs=GOAL_MS,
        )
    ]
