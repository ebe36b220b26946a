"""One hash of all synced content: equal on two nodes that hold the same changes.

Rows are read table by table in id order and hashed in their canonical encoding, so the digest
does not depend on the order in which changes arrived. Local bookkeeping tables are left out.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from xhdesk.data.core.encoding import dumps
from xhdesk.data.core.store import Store
from xhdesk.data.models import synced_models


def digest_conn(conn: sa.Connection) -> str:
    h = hashlib.sha256()
    for name, model in sorted(synced_models().items()):
        table = model.__table__  # type: ignore[attr-defined]
        h.update(f"\x00table {name}\n".encode())
        for row in conn.execute(sa.select(table).order_by(table.c.id)).mappings():
            h.update(dumps(dict(row)).encode("utf-8"))
            h.update(b"\n")
    return h.hexdigest()


def content_digest(store: Store) -> str:
    """The hex SHA-256 of every synced row on this node."""
    with store.engine.connect() as conn:
        return digest_conn(conn)
