"""How values look in tables: dates 2026-11-28, masked IDs and phones, labels, thousands."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from xhdesk.data.listing import Column
from xhdesk.data.validation import mask_id_number, mask_phone
from xhdesk.data.vocab import label


def display(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "id_number":
        return mask_id_number(value)
    if column.kind == "phone":
        return mask_phone(value)
    if column.kind == "label" and column.vocabulary is not None:
        return label(column.vocabulary, value)
    if column.kind == "int":
        return f"{int(value):,}"
    if column.kind == "number":
        return f"{float(value):,.1f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind == "date" and isinstance(value, str):
        return value[:10]
    return str(value)


def is_numeric(column: Column) -> bool:
    return column.kind in ("int", "number")
