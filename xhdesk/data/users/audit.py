"""操作日志: the change log read as an audit trail (who did what, when, at which node).

Every write is in the change log with its author, so the trail needs no table of its own; exports of
full personal data, which write no record, are logged as :class:`AuditEvent` rows. Filtering and
paging happen in SQL on the change log's indexes (author + HLC, table + row, HLC).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.clock import pack, wall_ms
from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.history import FIELD_LABELS, HIDDEN
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_id_number, mask_phone
from xhdesk.data.core.vocab import (
    BRANCH_KINDS,
    ENTERPRISE_KINDS,
    HOST_TYPES,
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
    ROLES,
    STATION_KINDS,
    STATION_STATUSES,
)
from xhdesk.data.models import AuditEvent
from xhdesk.data.users.roles import can_see_personal_data

TABLE_LABELS = {
    "person": "从业人员",
    "verification": "双核核实",
    "station": "阵地驿站",
    "enterprise": "平台企业",
    "enterprise_visit": "企业走访",
    "instructor": "党建指导员",
    "committee": "行业党委",
    "branch": "党支部",
    "node": "节点",
    "app_user": "用户账号",
    "audit_event": "敏感操作",
    "point_rule": "积分细则",
    "point_setting": "积分设置",
    "declaration": "积分申报",
    "declaration_event": "申报审核",
    "declaration_attachment": "申报附件",
    "ledger_entry": "积分流水",
    "benefit": "惠民服务",
    "redemption": "积分兑换",
    "department": "职能部门",
    "service_kind": "服务事项",
    "station_offering": "驿站服务项目",
    "calendar_day": "工作日历",
    "service_request": "诉求",
    "request_event": "诉求办理",
    "award": "评选项目",
    "nomination": "评选推荐",
    "award_decision": "评选结果",
    "certificate": "荣誉证书",
}
AUDIT_KINDS = {"export_personal": "导出完整个人信息"}
# Stored codes shown by their Chinese label: (table, field) → vocabulary.
VOCABULARIES: dict[tuple[str, str], dict[str, str]] = {
    ("station", "kind"): STATION_KINDS,
    ("station", "status"): STATION_STATUSES,
    ("station", "host_type"): HOST_TYPES,
    ("branch", "kind"): BRANCH_KINDS,
    ("enterprise", "kind"): ENTERPRISE_KINDS,
    ("person", "occupation"): OCCUPATIONS,
    ("person", "political_status"): POLITICAL_STATUSES,
    ("person", "membership_relation"): MEMBERSHIP_RELATIONS,
    ("person", "status"): PERSON_STATUSES,
    ("node", "role"): ROLES,
}
PERSONAL_FIELDS = {"id_number": mask_id_number, "phone": mask_phone, "contact_phone": mask_phone}


@dataclass
class AuditFilter:
    """What the person asked for; empty means "any"."""

    author: str = ""
    table: str = ""
    row_id: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive


@dataclass(frozen=True)
class AuditRow:
    when: datetime
    author: str
    node: str
    action: str  # 新增 / 修改 / 删除 / 恢复
    table: str  # the table's Chinese label
    row_id: str
    summary: str  # the fields written, labelled, personal data masked for roles without it
    tbl: str = field(default="", compare=False)


def _hlc_at(day: date) -> int:
    return pack(int(datetime.combine(day, time()).astimezone().timestamp() * 1000), 0)


# every table a change can name (a change is only ever logged for a table of the schema)
_TABLES = "SELECT name FROM sqlite_schema WHERE type = 'table'"


def _where(flt: AuditFilter) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if flt.author:
        clauses.append("c.author = :author")
        params["author"] = flt.author
    if flt.table:
        clauses.append("c.tbl = :tbl")
        params["tbl"] = flt.table
    if flt.row_id:
        clauses.append("c.row_id = :row_id")
        params["row_id"] = flt.row_id
        if not flt.table:  # the change log's row index leads with the table: name them all
            clauses.append(f"c.tbl IN ({_TABLES})")
    if flt.date_from:
        clauses.append("c.hlc >= :lo")
        params["lo"] = _hlc_at(flt.date_from)
    if flt.date_to:
        clauses.append("c.hlc < :hi")
        params["hi"] = _hlc_at(flt.date_to + timedelta(days=1))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_entries(store: Store, flt: AuditFilter) -> int:
    where, params = _where(flt)
    with store.engine.connect() as conn:
        return int(
            conn.execute(sa.text(f"SELECT count(*) FROM change c{where}"), params).scalar_one()
        )


def list_entries(
    store: Store, flt: AuditFilter, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """One page of the trail, newest first."""
    where, params = _where(flt)
    sql = (
        "SELECT c.hlc, c.author, coalesce(n.name, ''), c.op, c.tbl, c.row_id, c.data FROM change c "
        f"LEFT JOIN node n ON n.id = c.origin{where} ORDER BY c.hlc DESC LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    personal = can_see_personal_data(store.user.role if store.user else None)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text(sql), params).all()
    return [_row(r, personal) for r in rows]


def _row(r: Any, personal: bool) -> AuditRow:
    hlc, author, node, op, tbl, row_id, data_json = r
    data = json.loads(data_json)
    return AuditRow(
        datetime.fromtimestamp(wall_ms(hlc) / 1000),
        author or "（未记录）",
        node,
        _action(op, data),
        TABLE_LABELS.get(tbl, tbl),
        row_id,
        _summary(tbl, data, personal, op == "insert"),
        tbl,
    )


def _action(op: str, data: dict[str, Any]) -> str:
    if op == "insert":
        return "新增"
    if data.get("deleted") is True:
        return "删除"
    if data.get("deleted") is False and len(data) == 1:
        return "恢复"
    return "修改"


def _summary(tbl: str, data: dict[str, Any], personal: bool, insert: bool) -> str:
    if tbl == "audit_event":
        kind = AUDIT_KINDS.get(str(data.get("kind")), str(data.get("kind")))
        return f"{kind}：{data.get('what', '')}（{data.get('count', 0)} 条）"
    parts = []
    for key, value in sorted(data.items()):
        if key in HIDDEN or value in (None, "") or (insert and key == "deleted"):
            continue
        vocabulary = VOCABULARIES.get((tbl, key))
        if vocabulary is not None and isinstance(value, str):
            value = vocabulary.get(value, value)
        if not personal and key in PERSONAL_FIELDS and isinstance(value, str):
            value = PERSONAL_FIELDS[key](value)
        parts.append(f"{FIELD_LABELS.get(key, key)}：{_text(value)}")
    return "；".join(parts)[:300]


def _text(value: Any) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def authors(store: Store) -> list[str]:
    """Every author in the trail, for the filter drop-down (read from the author index)."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT DISTINCT author FROM change ORDER BY author").all()
    return [a for (a,) in rows if a]


def tables(store: Store) -> list[tuple[str, str]]:
    """(code, label) of the tables that appear in the trail."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT DISTINCT tbl FROM change").all()
    return sorted(((t, TABLE_LABELS.get(t, t)) for (t,) in rows), key=lambda x: x[1])


def record_personal_export(store: Store, what: str, count: int) -> None:
    """Log that full ID numbers and phones left the program (an Excel export, say)."""
    with store.unit_of_work() as uow:
        uow.add(
            AuditEvent(kind="export_personal", what=what[:200], count=count, node_id=store.node_id)
        )


def export_entries(store: Store, flt: AuditFilter, path: str | Path) -> int:
    """The filtered trail to an .xlsx workbook; returns the number of rows written."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("操作日志")
    ws.append(["时间", "操作人", "节点", "操作", "数据类别", "记录编号", "内容"])
    written, offset = 0, 0
    while True:
        page = list_entries(store, flt, offset, 2000)
        for r in page:
            ws.append(
                [
                    f"{r.when:%Y-%m-%d %H:%M:%S}",
                    r.author,
                    r.node,
                    r.action,
                    r.table,
                    r.row_id,
                    r.summary,
                ]
            )
        written += len(page)
        if len(page) < 2000:
            break
        offset += 2000
    try:
        wb.save(str(path))
    except OSError as exc:
        raise StorageError(f"无法写入文件：{path}（{exc.strerror or exc}）") from exc
    return written
