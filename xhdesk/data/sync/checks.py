"""Checks of each incoming change before the import transaction: stamp, schema, rules, authority.

A change that fails is quarantined with its reason (never applied, still relayed as signed); the
rest of the package applies. Values are checked against the column types and nullability of this
version's models, so a bad signed change (a person without a name, a date "昨天", a stamp beyond
64 bits) can never reach SQLite and block the import.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from xhdesk.data.core import authority
from xhdesk.data.core.history import FIELD_LABELS
from xhdesk.data.models import synced_models

MAX_INT = 2**63 - 1


def node_of(origin: str) -> str:
    """The node id of a change origin (an origin is ``node`` or ``node~incarnation``)."""
    return origin.split("~", 1)[0]


class ChangeChecker:
    """Why an incoming change may not be applied here, or None."""

    def __init__(self, roles: dict[str, str]) -> None:
        self.roles = roles
        self.models = synced_models()
        self.required: dict[str, set[str]] = {}

    def refusal(
        self, values: tuple[Any, ...], data: dict[str, Any], prev: dict[str, Any]
    ) -> str | None:
        _origin, seq, hlc, tbl, row_id, op = values[:6]
        if not (0 < hlc <= MAX_INT and 0 < seq <= MAX_INT):
            return "变更的时间戳或序号超出范围"
        if not row_id or len(row_id) > 64:
            return "变更的记录编号无效"
        if not _valid_prev(prev):
            return "变更的版本信息无效"
        model = self.models.get(tbl)
        if model is None:
            return None  # a table from a newer version: kept in the log, applied after an upgrade
        if getattr(model, "SYNC", "") == "append" and op != "insert":
            return "追加记录不可修改"
        reason = self._schema(model, op, row_id, data)
        if reason:
            return reason
        return authority.refusal(self.roles[node_of(values[0])], tbl, op, data)

    def _schema(
        self, model: type[SQLModel], op: str, row_id: str, data: dict[str, Any]
    ) -> str | None:
        table = model.__table__  # type: ignore[attr-defined]
        if data.get("id", row_id) != row_id or (op == "update" and "id" in data):
            return "变更的记录编号与内容不符"
        if op == "insert":
            for name in self._required(model):
                if data.get(name) is None:
                    return f"缺少必填字段「{_label(name)}」"
        for name, value in data.items():
            column = table.columns.get(name)
            if column is None:
                continue  # a field from a newer version
            if value is None:
                if not column.nullable and not column.primary_key:
                    return f"字段「{_label(name)}」不能为空"
                continue
            if not _fits(column.type, value):
                return f"字段「{_label(name)}」的值无效：{str(value)[:30]}"
        return None

    def _required(self, model: type[SQLModel]) -> set[str]:
        name = model.__tablename__
        if name not in self.required:
            table = model.__table__  # type: ignore[attr-defined]
            fields = model.model_fields
            self.required[name] = {
                c.name
                for c in table.columns
                if not c.nullable and c.name in fields and fields[c.name].is_required()
            }
        return self.required[name]


def _label(name: str) -> str:
    return f"{FIELD_LABELS[name]}（{name}）" if name in FIELD_LABELS else name


def _fits(col_type: sa.types.TypeEngine, value: Any) -> bool:
    """Whether an encoded change value can be stored in a column of ``col_type``."""
    try:
        if isinstance(col_type, sa.DateTime):
            return isinstance(value, str) and bool(datetime.fromisoformat(value.rstrip("Z")))
        if isinstance(col_type, sa.Date):
            return isinstance(value, str) and bool(date.fromisoformat(value))
        if isinstance(col_type, sa.Boolean):
            return isinstance(value, bool)
        if isinstance(col_type, sa.Float):
            return (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and abs(value) <= MAX_INT
            )
        if isinstance(col_type, sa.Numeric):
            return isinstance(value, str) and Decimal(value).is_finite()
        if isinstance(col_type, sa.Integer):
            return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INT
        if isinstance(col_type, sa.LargeBinary):
            return isinstance(value, dict) and isinstance(value.get("b64"), str)
        return isinstance(value, str)
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
