"""Canonical encoding of field values for the change log, so that a round trip is exact."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

_PLAIN = (str, int, float, bool, type(None))


def encode_value(value: Any) -> Any:
    if type(value) in _PLAIN:  # the common case, checked first: bulk inserts encode millions
        return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        import base64

        return {"b64": base64.b64encode(value).decode("ascii")}
    return value


def decode_value(column_type: sa.types.TypeEngine, value: Any) -> Any:
    """Inverse of :func:`encode_value` for a column of ``column_type``."""
    if value is None:
        return None
    if isinstance(column_type, sa.DateTime):
        return datetime.fromisoformat(value.rstrip("Z"))
    if isinstance(column_type, sa.Date):
        return date.fromisoformat(value)
    if isinstance(column_type, sa.Numeric) and not isinstance(column_type, sa.Float):
        return Decimal(value)
    if isinstance(column_type, sa.LargeBinary) and isinstance(value, dict):
        import base64

        return base64.b64decode(value["b64"])
    return value


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(
        {k: encode_value(v) for k, v in data.items()},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
