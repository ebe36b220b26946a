"""A record's change history, read from the change log (who changed what, when, where)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from xhdesk.data.core.clock import wall_ms
from xhdesk.data.core.store import Store

FIELD_LABELS = {
    "name": "姓名/名称",
    "gender": "性别",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "phone": "电话",
    "occupation": "职业群体",
    "enterprise_id": "所属企业",
    "political_status": "政治面貌",
    "development_stage": "发展阶段",
    "branch_id": "党支部",
    "joined_party_on": "入党日期",
    "membership_relation": "组织关系",
    "station_id": "驿站",
    "pioneer_post": "先锋示范岗",
    "responsibility_area": "党员责任区",
    "org_checked_by": "组织部门核实人",
    "org_checked_on": "组织部门核实日期",
    "industry_checked_by": "行业部门核实人",
    "industry_checked_on": "行业部门核实日期",
    "status": "状态",
    "town": "镇街",
    "address": "地址",
    "deleted": "删除标记",
    "kind": "类型",
    "host_type": "依托场所",
    "manager": "负责人",
    "opening_hours": "开放时间",
    "amenities": "服务设施",
    "credit_code": "统一社会信用代码",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "workforce": "从业人数",
    "liaison_leader": "分管领导",
    "section_staff": "职能科室人员",
    "party_worker": "专职党务工作者",
    "liaison_leader_since": "分管领导任职日期",
    "section_staff_since": "职能科室人员任职日期",
    "party_worker_since": "专职党务工作者任职日期",
    "instructor_id": "党建指导员",
    "committee_id": "行业党委",
    "code": "编号",
}
HIDDEN = {"id", "name_pinyin", "name_initials", "name_given", "name_alt_keys"}


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    author: str
    node: str
    op: str
    fields: dict[str, object]

    def summary(self) -> str:
        if self.op == "insert":
            return "新建记录"
        if set(self.fields) == {"deleted"}:
            return "移入回收站" if self.fields["deleted"] else "从回收站恢复"
        parts = [
            f"{FIELD_LABELS.get(k, k)}→{'' if v is None else v}"
            for k, v in self.fields.items()
            if k not in HIDDEN
        ]
        return "；".join(parts) or "修改"


def row_history(store: Store, table: str, row_id: str, limit: int = 50) -> list[HistoryEntry]:
    stmt = sa.text(
        "SELECT c.hlc, c.author, coalesce(n.name, ''), c.op, c.data FROM change c "
        "LEFT JOIN node n ON n.id = c.origin WHERE c.tbl = :t AND c.row_id = :r ORDER BY c.hlc DESC LIMIT :n"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt, {"t": table, "r": row_id, "n": limit}).all()
    return [
        HistoryEntry(
            datetime.fromtimestamp(wall_ms(hlc) / 1000), author, node, op, json.loads(data)
        )
        for hlc, author, node, op, data in rows
    ]
