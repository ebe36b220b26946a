"""Checks of each incoming change before the import transaction: stamp, schema, rules, authority.

A change that fails is quarantined with its reason (never applied, still relayed as signed); the
rest of the package applies. Values are checked against the column types and nullability of this
version's models, so a bad signed change (a person without a name, a date "昨天", a stamp beyond
64 bits) can never reach SQLite and block the import.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from xhdesk.data.core import authority
from xhdesk.data.core.history import FIELD_LABELS
from xhdesk.data.models import synced_models

if TYPE_CHECKING:
    from xhdesk.data.sync.nodes import NodeInfo

MAX_INT = 2**63 - 1


def node_of(origin: str) -> str:
    """The node id of a change origin (an origin is ``node`` or ``node~incarnation``)."""
    return origin.split("~", 1)[0]


class ChangeChecker:
    """Why an incoming change may not be applied here, or None."""

    def __init__(self, roles: dict[str, str], nodes: dict[str, NodeInfo] | None = None) -> None:
        self.roles = roles
        self.nodes = nodes or {}
        self.models = synced_models()
        self.tables: dict[str, _TableRules] = {}

    def refusal(
        self, values: tuple[Any, ...], data: dict[str, Any], prev: dict[str, Any]
    ) -> str | None:
        _origin, seq, hlc, tbl, row_id, op = values[:6]
        if not (0 < hlc <= MAX_INT and 0 < seq <= MAX_INT):
            return "变更的时间戳或序号超出范围"
        node = self.nodes.get(node_of(values[0]))
        if node is not None and not node.active and hlc > node.revoked_hlc:
            return f"节点“{node.name}”{'已吊销' if node.state == 'revoked' else '已停用'}之后的变更"
        if not row_id or len(row_id) > 64:
            return "变更的记录编号无效"
        if prev and not _valid_prev(prev):
            return "变更的版本信息无效"
        model = self.models.get(tbl)
        if model is None:
            return None  # a table from a newer version: kept in the log, applied after an upgrade
        rules = self.tables.get(tbl)
        if rules is None:
            rules = self.tables[tbl] = _TableRules(model)
        if rules.append and op != "insert":
            return "追加记录不可修改"
        reason = rules.refusal(op, row_id, data)
        if reason:
            return reason
        return authority.refusal(self.roles[node_of(values[0])], tbl, op, data)


class _TableRules:
    """One table's column checks, prepared once per import."""

    def __init__(self, model: type[SQLModel]) -> None:
        table = model.__table__  # type: ignore[attr-defined]
        fields = model.model_fields
        self.append = getattr(model, "SYNC", "") == "append"
        self.required = [
            c.name
            for c in table.columns
            if not c.nullable and c.name in fields and fields[c.name].is_required()
        ]
        self.columns = {
            c.name: (_checker(c.type), bool(c.nullable or c.primary_key)) for c in table.columns
        }

    def refusal(self, op: str, row_id: str, data: dict[str, Any]) -> str | None:
        if data.get("id", row_id) != row_id or (op == "update" and "id" in data):
            return "变更的记录编号与内容不符"
        if op == "insert":
            for name in self.required:
                if data.get(name) is None:
                    return f"缺少必填字段「{_label(name)}」"
        columns = self.columns
        for name, value in data.items():
            spec = columns.get(name)
            if spec is None:
                continue  # a field from a newer version
            if value is None:
                if not spec[1]:
                    return f"字段「{_label(name)}」不能为空"
            elif spec[0] is not None:
                if not spec[0](value):
                    return f"字段「{_label(name)}」的值无效：{str(value)[:30]}"
            elif value.__class__ is not str:  # text, the common case, checked inline
                return f"字段「{_label(name)}」的值无效：{str(value)[:30]}"
        return None


def _label(name: str) -> str:
    return f"{FIELD_LABELS[name]}（{name}）" if name in FIELD_LABELS else name


def _checker(col_type: sa.types.TypeEngine) -> Callable[[Any], bool] | None:
    """Whether an encoded change value can be stored in a column of ``col_type`` (None: text)."""
    if isinstance(col_type, sa.DateTime):
        return lambda v: _parses(v, lambda t: datetime.fromisoformat(t.rstrip("Z")))
    if isinstance(col_type, sa.Date):
        return lambda v: _parses(v, date.fromisoformat)
    if isinstance(col_type, sa.Boolean):
        return lambda v: v.__class__ is bool
    if isinstance(col_type, sa.Float):
        return lambda v: v.__class__ in (int, float) and math.isfinite(v) and abs(v) <= MAX_INT
    if isinstance(col_type, sa.Numeric):
        return lambda v: _parses(v, lambda t: Decimal(t).is_finite() or None)
    if isinstance(col_type, sa.Integer):
        return lambda v: v.__class__ is int and abs(v) <= MAX_INT
    if isinstance(col_type, sa.LargeBinary):
        return lambda v: isinstance(v, dict) and isinstance(v.get("b64"), str)
    return None


def _parses(value: Any, parse: Callable[[str], Any]) -> bool:
    if value.__class__ is not str:
        return False
    try:
        return parse(value) is not None
    except (ValueError, InvalidOperation):
        return False


def _valid_prev(prev: dict[str, Any]) -> bool:
    """``prev`` maps a field to what the writer had seen: a legacy stamp or [[origin, seq], …]."""
    for value in prev.values():
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value <= MAX_INT:
                return False
        elif isinstance(value, list):
            for ref in value:
                if not (
                    isinstance(ref, list)
                    and len(ref) == 2
                    and isinstance(ref[0], str)
                    and isinstance(ref[1], int)
                    and 0 < ref[1] <= MAX_INT
                ):
                    return False
        else:
            return False
    return True
