"""Version vectors and signed ranges: what each node has seen, and the changes in wire form.

A change travels as one canonical JSON line ``[origin, seq, hlc, tbl, row_id, op, data, prev,
author]``. An origin signs runs of its own changes (a range ``first..last`` with the SHA-256 of its
lines); the receiver keeps the signature so it can relay the run, still verifiable, to others.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from xhdesk.data.sync.writes import driver

CHANGE_COLUMNS = ("origin", "seq", "hlc", "tbl", "row_id", "op", "data", "prev", "author")

_SEEN = "SELECT origin, seq FROM change UNION ALL SELECT origin, seq FROM sync_quarantine"


# One encoder for every line: json.dumps with options builds a new encoder per call.
_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_string = json.encoder.encode_basestring  # how _LINE writes a string (ensure_ascii=False)


def change_line(row: Sequence[Any]) -> bytes:
    """The wire form of one change row (columns in :data:`CHANGE_COLUMNS` order).

    Exactly ``_LINE.encode(list(row))``, written out for the column types a change has (text,
    integers, null) with the encoder's own string escaping; anything else goes to the encoder.
    """
    parts = []
    for value in row:
        cls = value.__class__
        if cls is str:
            parts.append(_string(value))
        elif cls is int:
            parts.append(int.__repr__(value))
        elif value is None:
            parts.append("null")
        else:
            return _LINE.encode(list(row)).encode("utf-8")
    return ("[" + ",".join(parts) + "]").encode("utf-8")


def lines_digest(lines: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line)
        h.update(b"\n")
    return h.hexdigest()


def range_payload(origin: str, first: int, last: int, sha256: str) -> bytes:
    """What an origin signs for a range of its changes."""
    return f"xhdesk-range\n{origin}\n{first}\n{last}\n{sha256}".encode()


def version_vector(conn: sa.Connection) -> dict[str, int]:
    """Origin → highest seq such that every change 1..seq from it is here (applied or refused)."""
    vector: dict[str, int] = {}
    rows = conn.exec_driver_sql(
        f"SELECT origin, MAX(seq), COUNT(*) FROM ({_SEEN}) GROUP BY origin"
    ).all()
    for origin, top, count in rows:
        vector[origin] = top if top == count else _contiguous(conn, origin)
    return vector


def _contiguous(conn: sa.Connection, origin: str) -> int:
    seqs = conn.exec_driver_sql(
        f"SELECT seq FROM ({_SEEN}) WHERE origin = ? ORDER BY seq", (origin,)
    ).scalars()
    expected = 1
    for seq in seqs:
        if seq != expected:
            break
        expected += 1
    return expected - 1


def range_lines(conn: sa.Connection, origin: str, first: int, last: int) -> list[bytes] | None:
    """The lines of one range, from the change log and the quarantine; None if any is missing."""
    cols = ", ".join(CHANGE_COLUMNS)
    rows = driver(conn).execute(
        f"SELECT seq, {cols} FROM change WHERE origin = ? AND seq BETWEEN ? AND ?",
        (origin, first, last),
    )
    by_seq = {r[0]: change_line(r[1:]) for r in rows}
    if len(by_seq) < last - first + 1:
        held = conn.exec_driver_sql(
            "SELECT seq, line FROM sync_quarantine WHERE origin = ? AND seq BETWEEN ? AND ?",
            (origin, first, last),
        ).all()
        by_seq.update({seq: line.encode("utf-8") for seq, line in held})
    if len(by_seq) != last - first + 1:
        return None
    masked = conn.exec_driver_sql(
        "SELECT 1 FROM sync_redacted WHERE origin = ? AND seq BETWEEN ? AND ? LIMIT 1",
        (origin, first, last),
    ).first()
    if (
        masked is not None
    ):  # held with personal fields masked: the origin's signature no longer fits
        return None
    return [by_seq[s] for s in range(first, last + 1)]
