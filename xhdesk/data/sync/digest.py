"""One hash of all synced content: equal on two nodes that hold the same changes.

Rows are read table by table in id order and hashed in their canonical encoding, so the digest
does not depend on the order in which changes arrived. Local bookkeeping tables are left out.
"""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.encoding import dumps
from xhdesk.data.core.places import Place, place_of_node
from xhdesk.data.core.store import Store
from xhdesk.data.models import synced_models
from xhdesk.data.sync.slices import masked, persons_inside
from xhdesk.data.sync.writes import driver

_Reader = tuple[str, list[str], list[Any]]  # SQL, column names, result processors
_readers: dict[tuple[str, str], _Reader] = {}


def _reader(name: str, table: sa.Table, dialect: sa.Dialect) -> _Reader:
    """SQL text, column names and result processors of one table, prepared once per process
    (compiling a select per table on every new engine cost more than the hashing)."""
    key = (dialect.name, name)
    if key not in _readers:
        cols = list(table.columns)
        quote = dialect.identifier_preparer.quote
        sql = (
            f"SELECT {', '.join(quote(c.name) for c in cols)} FROM {quote(table.name)} "
            f"ORDER BY {quote('id')}"
        )
        procs = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in cols]
        _readers[key] = (sql, [c.name for c in cols], procs)
    return _readers[key]


def digest_conn(conn: sa.Connection, inside: set[str] | None = None) -> str:
    """``inside``: hash the persons not in it as a node outside their place holds them."""
    h = hashlib.sha256()
    dialect = conn.dialect
    for name, model in sorted(synced_models().items()):
        sql, names, procs = _reader(name, model.__table__, dialect)  # type: ignore[attr-defined]
        h.update(f"\x00table {name}\n".encode())
        for raw in driver(conn).execute(sql):
            values = [
                v if p is None or v is None else p(v) for v, p in zip(raw, procs, strict=True)
            ]
            row = dict(zip(names, values, strict=True))
            if inside is not None and name == "person" and row["id"] not in inside:
                row = masked(row)
            h.update(dumps(row).encode("utf-8"))
            h.update(b"\n")
    return h.hexdigest()


def content_digest(store: Store, place: Place | None = None) -> str:
    """The hex SHA-256 of every synced row on this node, as a node of ``place`` should hold it
    (default: this node's own place; the centre's covers everything)."""
    with store.engine.connect() as conn:
        return digest_conn(conn, persons_inside(conn, place or store.place))


def digest_for(store: Store, node: str) -> str:
    """The digest of what the registered node ``node`` (name or id) should hold."""
    from xhdesk.data.sync.nodes import find_node

    peer = find_node(store, node)
    return content_digest(
        store, place_of_node(peer.role, peer.unit_kind, peer.unit_id, peer.unit_code)
    )
