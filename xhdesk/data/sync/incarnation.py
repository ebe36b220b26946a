"""Sync incarnations: a restored or copied database starts a new one."""

from __future__ import annotations

from uuid import uuid4

from xhdesk.data.core.store import Store


def start_new_incarnation(store: Store) -> str:
    """Record a new incarnation for this database (after a restore) and return it."""
    incarnation = uuid4().hex
    store.set_local_state(incarnation=incarnation)
    return incarnation
