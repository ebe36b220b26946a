"""Data by place: what a package to a node bound to a place may carry, and what the node keeps.

The rule (docs/NETWORK.md): everyone receives the organisation, catalogues, rules, calendar and
station list, and every workflow record; a person's personal fields (ID number, phone, address,
birth date) travel in full only to nodes whose place holds the person (a station: its own
people; a branch: its members; a committee: everyone under its branches and stations). To every
other place a person goes as a desk needs them to serve a walk-in: name, pinyin, occupation,
unit, and the phone masked (138****5678).

- The centre masks those fields in the changes it sends (:class:`Slicer`); the receiver takes the
  masked lines on the centre's signature (the manifest), keeps them in ``sync_redacted`` and never
  relays them. Any other sender leaves out a range that would need masking.
- The centre remembers which persons it sent masked to each peer (``sync_peer_redacted``). When one
  of them enters the peer's place (a rider moves to its station), the next package brings the
  person's changes in full, with their origins' signatures; the receiver replaces the masked ones.
- A person who leaves a node's place is masked there by :func:`purge_outside` after each import
  (a local purge that does not travel back as an edit).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.encoding import dumps
from xhdesk.data.core.places import Place
from xhdesk.data.sync.package import SignedRange
from xhdesk.data.sync.vector import change_line

PERSONAL = ("id_number", "phone", "address", "birth_date")


def mask_phone(phone: Any) -> str:
    text = str(phone or "")
    return f"{text[:3]}****{text[-4:]}" if len(text) >= 8 else ""


def masked(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the personal fields it holds masked (the fields it lacks stay absent)."""
    return {k: _masked_value(k, v) if k in PERSONAL else v for k, v in data.items()}


def _masked_value(name: str, value: Any) -> Any:
    """The masked value; one that was invalid stays invalid, so masking never makes a change
    that this version refuses (a forged one) acceptable."""
    if value is None:
        return None
    if name == "birth_date":
        return None if isinstance(value, date) or _iso_date(value) else "?"
    if not isinstance(value, str):
        return 0
    return mask_phone(value) if name == "phone" else ""


def _iso_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def persons_inside(conn: sa.Connection, place: Place) -> set[str] | None:
    """Ids of the persons inside ``place``; None when the place covers everyone."""
    if place.everything:
        return None
    args: tuple[str, ...]
    if place.kind == "station":
        sql, args = "SELECT id FROM person WHERE station_id = ?", (place.id,)
    elif place.kind == "branch":
        sql, args = "SELECT id FROM person WHERE branch_id = ?", (place.id,)
    else:
        sql = (
            "SELECT p.id FROM person p LEFT JOIN branch b ON b.id = p.branch_id "
            "LEFT JOIN station s ON s.id = p.station_id "
            "WHERE b.committee_id = ? OR s.committee_id = ?"
        )
        args = (place.id, place.id)
    return {r[0] for r in conn.exec_driver_sql(sql, args)}


def masked_line(line: bytes, inside: set[str]) -> tuple[bytes, str] | None:
    """(the line with personal fields masked, the person's id) if it writes them for a person
    outside ``inside``; else None."""
    if b'"person"' not in line:
        return None
    values = json.loads(line)
    if values[3] != "person" or values[4] in inside:
        return None
    data = json.loads(values[6])
    if not any(name in data for name in PERSONAL):
        return None
    values[6] = dumps(masked(data))
    return change_line(values), str(values[4])


class Slicer:
    """Masks, in the ranges of a package to a node bound to a place, the personal fields of the
    persons outside its place. Only the centre masks (receivers trust its signature for that);
    another sender leaves out every range that would need it."""

    def __init__(self, conn: sa.Connection, place: Place, by_centre: bool) -> None:
        self.inside = persons_inside(conn, place) or set()
        self.by_centre = by_centre
        self.masked_rows: set[str] = set()
        self.refreshed: set[str] = set()  # persons whose full changes this package brings

    def cut(self, ranges: list[SignedRange]) -> list[SignedRange]:
        out = []
        for r in ranges:
            lines, redacted = [], []
            for seq, line in zip(range(r.first, r.last + 1), r.lines, strict=True):
                found = masked_line(line, self.inside)
                if found is None:
                    lines.append(line)
                    continue
                lines.append(found[0])
                redacted.append(seq)
                self.masked_rows.add(found[1])
            if not redacted:
                out.append(r)
            elif self.by_centre:
                out.append(
                    SignedRange(r.origin, r.first, r.last, r.sha256, r.signature, lines, redacted)
                )
        return out


def purge_outside(conn: sa.Connection, place: Place, own_node: str) -> set[str]:
    """Mask, on this node, the persons outside its place that still show personal fields, and
    the changes that carried them (other origins' only: this node's own stream must stay whole to
    be sent). Returns the ids of the persons masked."""
    inside = persons_inside(conn, place)
    if inside is None:
        return set()
    rows = conn.exec_driver_sql(
        "SELECT id, phone FROM person WHERE id_number != '' OR address != '' "
        "OR birth_date IS NOT NULL OR (phone != '' AND phone NOT LIKE '%****%')"
    ).all()
    outside = [(pid, phone) for pid, phone in rows if pid not in inside]
    if not outside:
        return set()
    conn.exec_driver_sql("PRAGMA secure_delete=ON")  # freed pages keep no old values
    conn.exec_driver_sql(
        "UPDATE person SET id_number = '', address = '', birth_date = NULL, phone = ? WHERE id = ?",
        [(mask_phone(phone), pid) for pid, phone in outside],
    )
    ids = {pid for pid, _ in outside}
    for pid in ids:
        changes = conn.exec_driver_sql(
            "SELECT origin, seq, data FROM change WHERE tbl = 'person' AND row_id = ?", (pid,)
        ).all()
        for origin, seq, data in changes:
            if origin.split("~", 1)[0] == own_node:
                continue
            fields = json.loads(data)
            if not any(name in fields for name in PERSONAL):
                continue
            conn.exec_driver_sql(
                "UPDATE change SET data = ? WHERE origin = ? AND seq = ?",
                (dumps(masked(fields)), origin, seq),
            )
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_redacted (origin, seq, row_id) VALUES (?, ?, ?)",
                (origin, seq, pid),
            )
    return ids
