"""What the window asks before it offers an edit: is this record inside the node's place?"""

from __future__ import annotations

from xhdesk.data.core.places import record_refusal
from xhdesk.data.core.store import Store
from xhdesk.data.models import synced_models


def edit_refusal(store: Store, table: str, row_id: str) -> str | None:
    """Why this node may not edit the row ``row_id`` of ``table`` (outside its place), or None.

    The services refuse the write anyway; asking first spares a person filling in a form that
    cannot be saved.
    """
    model = synced_models().get(table)
    if model is None or store.place.everything:
        return None
    with store.session() as session:
        record = session.get(model, row_id)
    return record_refusal(store, record) if record is not None else None
