"""What the sync screens show: conflicts and peers in words (no Qt here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.history import FIELD_LABELS
from xhdesk.data.core.store import Store
from xhdesk.data.sync.conflicts import Conflict, open_conflicts, stamp_time
from xhdesk.data.sync.nodes import load_registry

TABLE_LABELS = {
    "person": "从业人员",
    "station": "阵地驿站",
    "enterprise": "平台企业",
    "branch": "党支部",
    "committee": "行业党委",
    "instructor": "党建指导员",
    "enterprise_visit": "企业走访",
    "node": "节点",
    "app_user": "用户",
    "point_rule": "积分细则",
    "benefit": "惠民服务",
}


@dataclass(frozen=True)
class ConflictRow:
    id: str
    record: str  # 从业人员 · 张三
    field: str  # 电话 / 删除与修改
    kind: str
    shown: str  # the value in force now (the deterministic winner)
    other: str  # the value that lost
    shown_by: str  # 王主任 @ 城东驿站
    shown_at: datetime
    other_by: str
    other_at: datetime


def _display(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def _fields_display(data_json: str) -> str:
    data = json.loads(data_json)
    if data.get("deleted") is True and len(data) == 1:
        return "删除此记录"
    return "；".join(f"{FIELD_LABELS.get(k, k)}：{_display(v)}" for k, v in sorted(data.items()))


def _record_name(conn: sa.Connection, tbl: str, row_id: str) -> str:
    try:
        row = conn.exec_driver_sql(f'SELECT name FROM "{tbl}" WHERE id = ?', (row_id,)).first()
    except sa.exc.DatabaseError:
        row = None
    name = row[0] if row and row[0] else row_id[:8]
    return f"{TABLE_LABELS.get(tbl, tbl)} · {name}"


def conflict_rows(store: Store) -> list[ConflictRow]:
    nodes = load_registry(store).nodes
    with store.engine.connect() as conn:
        found = open_conflicts(conn)
        names = {(c.tbl, c.row_id): _record_name(conn, c.tbl, c.row_id) for c in found}
    return [_row(c, names[(c.tbl, c.row_id)], nodes) for c in found]


def _row(c: Conflict, record: str, nodes: dict) -> ConflictRow:
    def who(origin: str, author: str) -> str:
        node = nodes.get(origin.split("~", 1)[0])  # a stream is node[~incarnation]
        where = node.name if node else origin[:8]
        return f"{author or '未知'} @ {where}"

    if c.kind == "delete":
        field, shown, other = "删除与修改", "已删除", _fields_display(c.loser_value)
    else:
        field = FIELD_LABELS.get(c.field, c.field)
        shown = _display(json.loads(c.winner_value))
        other = _display(json.loads(c.loser_value))
    return ConflictRow(
        c.id,
        record,
        field,
        c.kind,
        shown,
        other,
        who(c.winner.origin, c.winner.author),
        stamp_time(c.winner.hlc),
        who(c.loser.origin, c.loser.author),
        stamp_time(c.loser.hlc),
    )
