"""The derived state of a declaration — one fixed rule, kept in SQL and mirrored in Python.

Rule: an ``effective`` event wins (points once in the ledger stay there); otherwise the latest
event by (HLC, id) decides, mapped through ``EVENT_STATE``. A trigger keeps the result in the local
``declaration_status`` table as events are inserted (by a service or a sync import, in any order);
``derive_state`` computes the same from a list of events. Services only append an event that is
valid in the current state; if two nodes take conflicting steps concurrently, every replica
reaches the same state because the order is total.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from xhdesk.data.models.points import DeclarationEvent, DeclarationStatus
from xhdesk.data.points.vocab import EVENT_STATE

status_table = DeclarationStatus.__table__  # type: ignore[attr-defined]


def _lookup(column: Any, declaration_id: Any) -> Any:
    import sqlalchemy as sa

    s = status_table.alias("st")
    return (
        sa.select(s.c[column.key])
        .where(s.c.declaration_id == declaration_id)
        .correlate_except(s)
        .scalar_subquery()
    )


def state_sql(declaration_id: Any) -> Any:
    """SQL expression: the derived state code of a declaration (a primary-key lookup)."""
    return _lookup(status_table.c.state, declaration_id)


def confirmed_points_sql(declaration_id: Any) -> Any:
    """SQL expression: the points of the latest committee confirmation (NULL if never)."""
    return _lookup(status_table.c.points, declaration_id)


def ordered(events: Iterable[DeclarationEvent]) -> list[DeclarationEvent]:
    return sorted(events, key=lambda ev: (ev.hlc, ev.id))


def derive_state(events: Iterable[DeclarationEvent]) -> str:
    events = ordered(events)
    if any(ev.kind == "effective" for ev in events):
        return "effective"
    if not events:
        return "submitted"
    return EVENT_STATE.get(events[-1].kind, "submitted")


def latest(events: Iterable[DeclarationEvent], kind: str) -> DeclarationEvent | None:
    found = [ev for ev in ordered(events) if ev.kind == kind]
    return found[-1] if found else None
