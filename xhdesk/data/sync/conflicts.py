"""Conflicts: concurrent edits a person should look at, and resolving them by a new change.

Two writes are concurrent when neither node had seen the other's. A write records in ``prev``, per
field, the writes of that field its node held as current ([[origin, seq], …] — two after a
conflict), so what a writer had seen is the closure of those links; the winner of a field *saw* a
losing write iff the loser is in it (older databases recorded a stamp: everything up to it). A delete (``deleted`` set true) records the row version it
replaced; an edit newer than that is concurrent with it. The conflict set is thus a function of the
set of changes, the same on every node that has the same changes, except that a node does not
judge a personal field it holds masked (data by place). Resolving writes a new change
that has seen both values, which makes the conflict disappear everywhere it travels.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.causality import history
from xhdesk.data.core.clock import wall_ms
from xhdesk.data.core.encoding import decode_value
from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import ROW_VERSION, Changes
from xhdesk.data.models import MutableEntity, synced_models
from xhdesk.data.sync.keys import canonical
from xhdesk.data.sync.slices import PERSONAL
from xhdesk.data.sync.writes import TOUCHED, Write, fill_touched, logged_writes


@dataclass(frozen=True)
class Conflict:
    id: str
    tbl: str
    row_id: str
    field: str
    kind: str  # field / delete
    winner: Write
    loser: Write
    winner_value: str  # canonical JSON of the encoded value (a delete: its fields)
    loser_value: str

    def key(self) -> tuple[str, str, str, str, int, str, int]:
        w, lo = self.winner, self.loser
        return (self.tbl, self.row_id, self.field, w.origin, w.seq, lo.origin, lo.seq)


def _conflict_id(tbl: str, row_id: str, field: str, loser: Write) -> str:
    text = f"{tbl}|{row_id}|{field}|{loser.origin}|{loser.seq}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def _seen(prev: dict[str, Any], key: str) -> int:
    value = prev.get(key)
    return int(value) if isinstance(value, int) else 0


def find_conflicts(tbl: str, row_id: str, writes: list[Write]) -> list[Conflict]:
    """The open conflicts of one row, from all its writes sorted by :meth:`Write.order`."""
    by_field: dict[str, list[Write]] = {}
    for w in writes:
        for name in w.data:
            by_field.setdefault(name, []).append(w)
    out: list[Conflict] = []
    for name, ws in by_field.items():
        if name == "id" or len(ws) < 2:
            continue
        win = ws[-1]
        seen, legacy = history(win, name, {(w.origin, w.seq): w for w in ws})
        for w in ws[:-1]:
            if (
                _judged_here(name, w, win)
                and w.origin != win.origin
                and (w.origin, w.seq) not in seen
                and w.hlc > legacy
                and w.data[name] != win.data[name]
            ):
                value = (canonical(win.data[name]), canonical(w.data[name]))
                out.append(
                    Conflict(
                        _conflict_id(tbl, row_id, name, w),
                        tbl,
                        row_id,
                        name,
                        "field",
                        win,
                        w,
                        *value,
                    )
                )
    deletes = by_field.get("deleted")
    if deletes and deletes[-1].data["deleted"] is True and deletes[-1].op == "update":
        out.extend(_delete_conflicts(tbl, row_id, deletes[-1], writes))
    return out


def _judged_here(name: str, *writes: Write) -> bool:
    """Whether this node holds what the writes wrote to ``name``: not a personal field it holds
    masked (a person outside its place), where two different numbers can mask alike or not, and
    which it could not resolve anyway. The nodes that hold the person in full list the conflict."""
    return name not in PERSONAL or not any(w.masked for w in writes)


def _delete_conflicts(tbl: str, row_id: str, d: Write, writes: list[Write]) -> list[Conflict]:
    numbers = [int(v) for v in d.prev.values() if isinstance(v, int)]
    seen = _seen(d.prev, ROW_VERSION) or max(numbers, default=0)
    return [
        Conflict(
            _conflict_id(tbl, row_id, "deleted", w),
            tbl,
            row_id,
            "deleted",
            "delete",
            d,
            w,
            canonical(d.data),
            canonical(w.data),
        )
        for w in writes
        if w is not d
        and w.op == "update"
        and w.origin != d.origin
        and "deleted" not in w.data
        and w.hlc > seen
    ]


def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


def store_conflicts(conn: sa.Connection, tbl: str, rows: Any, found: list[Conflict]) -> int:
    """Make the stored conflicts of the rows in the touched table equal ``found``.

    Returns how many conflicts became open. ``rows`` is only documentation of the touched set.
    """
    del rows
    stored = {
        r[0]: r[1]
        for r in conn.exec_driver_sql(
            f"SELECT id, status FROM sync_conflict WHERE tbl = ? AND row_id IN (SELECT row_id FROM {TOUCHED})",
            (tbl,),
        )
    }
    now = _now()
    ids = {c.id for c in found}
    gone = [(now, cid) for cid, status in stored.items() if status == "open" and cid not in ids]
    if gone:
        conn.exec_driver_sql(
            "UPDATE sync_conflict SET status = 'resolved', resolved_at = ? WHERE id = ?", gone
        )
    params = [_params(c, now) for c in found]
    if params:
        conn.exec_driver_sql(
            "INSERT INTO sync_conflict (id, tbl, row_id, field, kind, winner_origin, winner_seq, "
            "winner_hlc, winner_value, winner_author, loser_origin, loser_seq, loser_hlc, "
            "loser_value, loser_author, status, detected_at, resolved_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL) "
            "ON CONFLICT(id) DO UPDATE SET winner_origin = excluded.winner_origin, "
            "winner_seq = excluded.winner_seq, winner_hlc = excluded.winner_hlc, "
            "winner_value = excluded.winner_value, winner_author = excluded.winner_author, "
            "status = 'open', resolved_at = NULL",
            params,
        )
    return sum(1 for c in found if stored.get(c.id) != "open")


def _params(c: Conflict, now: str) -> tuple[Any, ...]:
    w, lo = c.winner, c.loser
    return (
        c.id, c.tbl, c.row_id, c.field, c.kind,
        w.origin, w.seq, w.hlc, c.winner_value, w.author[:30],
        lo.origin, lo.seq, lo.hlc, c.loser_value, lo.author[:30],
        now,
    )  # fmt: skip


def _open_rows(conn: sa.Connection) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for tbl, row_id in conn.exec_driver_sql(
        "SELECT DISTINCT tbl, row_id FROM sync_conflict WHERE status = 'open'"
    ):
        out.setdefault(tbl, set()).add(row_id)
    return out


def _derive(conn: sa.Connection, tbl: str, row_ids: set[str]) -> list[Conflict]:
    fill_touched(conn, row_ids)
    found: list[Conflict] = []
    for row_id, writes in logged_writes(conn, tbl).items():
        found.extend(find_conflicts(tbl, row_id, sorted(writes, key=Write.order)))
    return found


def rederive(conn: sa.Connection, tbl: str, row_ids: set[str]) -> None:
    """Make the stored conflicts of these rows what their writes give now."""
    store_conflicts(conn, tbl, row_ids, _derive(conn, tbl, row_ids))


def refresh_open(conn: sa.Connection, skip: dict[str, set[str]] | None = None) -> None:
    """Re-derive the rows that have open conflicts (a local edit may have settled them)."""
    for tbl, row_ids in _open_rows(conn).items():
        rows = row_ids - (skip or {}).get(tbl, set())
        if rows:
            rederive(conn, tbl, rows)


def open_conflicts(conn: sa.Connection) -> list[Conflict]:
    """The conflicts open now, derived afresh (read-only apart from a temp table)."""
    found: list[Conflict] = []
    for tbl, rows in sorted(_open_rows(conn).items()):
        found.extend(_derive(conn, tbl, rows))
    found.sort(key=lambda c: (c.loser.hlc, c.id))
    return found


def list_conflicts(store: Store) -> list[Conflict]:
    with store.engine.connect() as conn:
        return open_conflicts(conn)


def sync_figures(session: Any) -> dict[str, int]:
    """Stats section: open conflicts and quarantined changes."""
    conn = session.connection()
    quarantined = conn.exec_driver_sql("SELECT COUNT(*) FROM sync_quarantine").scalar()
    return {"conflicts": len(open_conflicts(conn)), "quarantined": int(quarantined or 0)}


def stamp_time(hlc: int) -> datetime:
    return datetime.fromtimestamp(wall_ms(hlc) / 1000).replace(microsecond=0)


def decoded(tbl: str, field: str, value_json: str) -> Any:
    """A conflict's value as the column holds it (a delete conflict: the edited fields)."""
    value = json.loads(value_json)
    model = synced_models().get(tbl)
    if model is None or field not in model.__table__.columns or isinstance(value, dict):  # type: ignore[attr-defined]
        return value
    return decode_value(model.__table__.columns[field].type, value)  # type: ignore[attr-defined]


def resolve(store: Store, conflict_id: str, keep: str, author: str | None = None) -> Changes:
    """Settle a conflict: ``keep`` "winner" (the value shown) or "loser" (the other value).

    The choice is written as a new change that has seen both writes, so it wins everywhere and
    the conflict closes on every node that receives it.
    """
    conflict = next((c for c in list_conflicts(store) if c.id == conflict_id), None)
    if conflict is None:
        raise NotFoundError("该冲突已处理或不存在。")
    if keep not in ("winner", "loser"):
        raise NotFoundError("请选择要保留的值。")
    model = synced_models()[conflict.tbl]
    with store.unit_of_work(author) as uow:
        obj = uow.session.get(model, conflict.row_id)
        if obj is None:
            raise NotFoundError("冲突所在的记录不存在。")
        assert isinstance(obj, MutableEntity)  # only master data has field conflicts
        if conflict.kind == "delete":
            if keep == "winner":
                uow.record_rewrite(obj, ["deleted"])
            else:
                obj.deleted = False
        else:
            chosen = conflict.winner_value if keep == "winner" else conflict.loser_value
            value = decoded(conflict.tbl, conflict.field, chosen)
            if getattr(obj, conflict.field) == value:
                uow.record_rewrite(obj, [conflict.field])
            else:
                setattr(obj, conflict.field, value)
    with store.import_connection() as conn:
        rows = {conflict.row_id}
        rederive(conn, conflict.tbl, rows)
    return uow.changes
