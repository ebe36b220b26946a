"""The live persons' search keys and column orders, held in memory for the members tab.

At 100,000 persons a search by a phone fragment, the end of an ID number, a character of the name
or a given name's pinyin has no index to use: SQLite walks all 100,000 entries of the order index
(30–90 ms a keystroke), and sorting by a column such as 所属企业 sorts them all (150–400 ms). A desk
types and sorts far more often than anybody writes, so the keys are held in memory once per change
of the file, in display order, as fixed-width text: person *i*'s key starts at ``i * width``. A
keystroke is a few ``str.find`` calls that stop after the first page's worth of matches; keys
matched from their start (initials, given name, the end of an ID number) are sorted instead, and a
prefix is a range found by bisection. A column's order is the SQL order read once.

A snapshot answers only while SQLite's ``data_version`` of the file is the one it was read at (any
commit, from any connection or process, changes it); otherwise the listing uses its SQL and the
window refreshes the snapshot in the background (:func:`refresh`). The matching rules are those of
:func:`xhdesk.data.registry.listings.person_search`; a property test compares the two.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from xhdesk.data.core.listing import Criteria, Listing
from xhdesk.data.core.pinyin import normalise_query
from xhdesk.data.core.store import Store
from xhdesk.data.models.registry_indexes import PERSON_LIVE_ORDER_COLUMNS

PAD = "\x00"  # fills a key to its width; never in a query
SORTED_MATCHES_CAP = 20_000  # a search sorted by another column is served up to this many matches


@dataclass
class _Keys:
    """One kind of key of the live persons, at fixed width, in display order.

    A sparse set of keys (most persons have none) holds only the non-empty ones, each with its
    person's display position in ``at``.
    """

    text: str
    width: int
    at: array | None = None

    @classmethod
    def of(cls, values: list[str], sparse: bool = False) -> _Keys:
        at = None
        if sparse:
            at = array("q", (i for i, v in enumerate(values) if v))
            values = [v for v in values if v]
        width = max((len(v) for v in values), default=0) + 1
        return cls("".join(v.ljust(width, PAD) for v in values), width, at)

    def positions(self, needle: str, limit: int | None) -> Iterator[int]:
        """Display positions whose key contains ``needle``, ascending, at most ``limit``."""
        found, at = 0, self.text.find(needle)
        while at >= 0 and (limit is None or found < limit):
            index = at // self.width
            yield index if self.at is None else self.at[index]
            found += 1
            at = self.text.find(needle, (index + 1) * self.width)


@dataclass
class _Sorted:
    """Keys that are in display order themselves (the full pinyin): a prefix is a range."""

    values: list[str]

    def positions(self, prefix: str, limit: int | None) -> Iterator[int]:
        start = bisect_left(self.values, prefix)
        end = bisect_left(self.values, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo=start)
        return iter(range(start, end if limit is None else min(end, start + limit)))


@dataclass
class _Prefixes:
    """Keys matched from their start (initials, given name, the ID number reversed): sorted, with
    each key's display position, so that a prefix is a range found by bisection rather than a
    pass over every key."""

    keys: list[str]
    at: array  # the display position of each sorted key

    @classmethod
    def of(cls, values: list[str]) -> _Prefixes:
        pairs = sorted((v, i) for i, v in enumerate(values) if v)
        return cls([v for v, _ in pairs], array("q", (i for _, i in pairs)))

    def positions(self, prefix: str, limit: int | None) -> Iterator[int]:
        start = bisect_left(self.keys, prefix)
        end = bisect_left(self.keys, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo=start)
        found = sorted(self.at[start:end])
        return iter(found if limit is None else found[:limit])


@dataclass
class Snapshot:
    """The live persons as read at one ``data_version`` of the file."""

    version: int
    rowids: array  # rowid of the person at each display position
    name: _Keys
    pinyin: _Sorted
    initials: _Prefixes
    given: _Prefixes
    alt: _Keys
    phone: _Keys
    id_tail: _Prefixes  # the ID number reversed: its end is the key's start
    orders: dict[str, array] = field(default_factory=dict)  # column key → rowids, ascending
    ranks: dict[str, array] = field(default_factory=dict)  # column key → position by rowid

    def streams(self, text: str) -> list[tuple[_Keys | _Sorted | _Prefixes, str]] | None:
        """(keys, needle) whose matches together are the search's, or None if SQL answers it."""
        if not text or PAD in text:
            return None
        if re.fullmatch(r"1\d{10}|\d{17}[\dX]", text):
            return None  # a whole phone or ID number: SQL reads its own index
        if re.fullmatch(r"\d+X?", text):
            return [(self.phone, text), (self.id_tail, text[::-1])]
        if re.fullmatch(r"[a-z]+", text):
            return [
                (self.pinyin, text),
                (self.initials, text),
                (self.given, text),
                (self.alt, " " + text),
            ]
        return [(self.name, text)]

    def matches(self, text: str, limit: int | None) -> list[int] | None:
        """Display positions of the first ``limit`` matches (all with None), ascending."""
        streams = self.streams(text)
        if streams is None:
            return None
        found: set[int] = set()
        for keys, needle in streams:
            found.update(keys.positions(needle, limit))
        return sorted(found)[:limit]

    def rank(self, key: str) -> array:
        if key not in self.ranks:
            rank = array("q", [0]) * (max(self.rowids, default=0) + 1)
            for position, rowid in enumerate(self.orders[key]):
                rank[rowid] = position
            self.ranks[key] = rank
        return self.ranks[key]


class _Held:
    """The snapshot of one store, and a lock so that one refresh runs at a time."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.lock = threading.Lock()


_held: WeakKeyDictionary[Store, _Held] = WeakKeyDictionary()
_held_lock = threading.Lock()


def _holder(store: Store) -> _Held:
    with _held_lock:
        return _held.setdefault(store, _Held())


def current(store: Store) -> Snapshot | None:
    """The snapshot, if nothing was committed to the file since it was read."""
    snapshot = _holder(store).snapshot
    if snapshot is None or snapshot.version != store.data_version():
        return None
    return snapshot


def _read(store: Store, version: int) -> Snapshot:
    order = ", ".join(f'"{c}"' for c in PERSON_LIVE_ORDER_COLUMNS[1:])
    with store.engine.connect() as conn:  # the driver's own cursor: 100,000 rows, no row objects
        rows = conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
            "SELECT rowid, name, name_pinyin, name_initials, name_given, name_alt_keys, "
            f"coalesce(phone, ''), coalesce(id_number, '') FROM person WHERE deleted = 0 "
            f"ORDER BY {order}, rowid"
        ).fetchall()
    column = list(zip(*rows, strict=True)) if rows else [()] * 8
    return Snapshot(
        version=version,
        rowids=array("q", column[0]),
        name=_Keys.of(list(column[1])),
        pinyin=_Sorted(list(column[2])),
        initials=_Prefixes.of(list(column[3])),
        given=_Prefixes.of(list(column[4])),
        alt=_Keys.of(list(column[5]), sparse=True),
        phone=_Keys.of(list(column[6])),
        id_tail=_Prefixes.of([v[::-1] for v in column[7]]),
    )


class PersonKeys:
    """The members tab's :class:`~xhdesk.data.core.listing.KeyIndex`."""

    def row_keys(
        self, store: Store, criteria: Criteria, limit: int | None, listing: Listing
    ) -> list[int] | None:
        return row_keys(store, criteria, limit, listing)

    def is_current(self, store: Store) -> bool:
        return current(store) is not None

    def refresh(self, store: Store, listing: Listing, columns: list[str]) -> None:
        refresh(store, listing, columns)


def refresh(store: Store, listing: Listing, columns: list[str] | None = None) -> None:
    """Read the snapshot again if the file changed, then the orders of ``columns`` not yet held.

    Runs in the background (it reads every live person, then sorts them once per column); a
    snapshot is published as soon as its search keys are read, each order as soon as it is sorted.
    """
    held = _holder(store)
    with held.lock:
        version = store.data_version()
        if version < 0:
            return  # the store was closed (another database opened in the window)
        snapshot = held.snapshot
        if snapshot is None or snapshot.version != version:
            snapshot = _read(store, version)
            if listing.default_sort:  # the display order is the default column's
                snapshot.orders[listing.default_sort] = snapshot.rowids
            held.snapshot = snapshot
        for key in columns or []:
            if key not in snapshot.orders:
                criteria = Criteria(sort_key=key)
                snapshot.orders[key] = array("q", listing.sql_row_keys(store, criteria))
            if store.data_version() != version:
                return  # changed meanwhile: the next refresh starts over


def row_keys(
    store: Store, criteria: Criteria, limit: int | None, listing: Listing
) -> list[int] | None:
    """The rowids the members tab shows for ``criteria``, from memory; None where SQL must answer.

    Served: the live persons (no filter), searched or not, in the default order or by a column
    whose order is held (a search sorted by a column up to ``SORTED_MATCHES_CAP`` matches).
    """
    if criteria.deleted or any(v not in (None, "", "all") for v in criteria.filters.values()):
        return None
    snapshot = current(store)
    if snapshot is None:
        return None
    key = criteria.sort_key or listing.default_sort or ""
    default = key == listing.default_sort and not criteria.descending
    text = normalise_query(criteria.search)
    if not text:
        return _ordered(snapshot, key, criteria.descending, limit) if key else None
    if default:
        found = snapshot.matches(text, limit)
        return None if found is None else [snapshot.rowids[i] for i in found]
    return _sorted_matches(snapshot, text, key, criteria.descending, limit)


def _ordered(snapshot: Snapshot, key: str, descending: bool, limit: int | None) -> list[int] | None:
    if key not in snapshot.orders:
        return None
    order = snapshot.orders[key]
    if descending:
        end = len(order) if limit is None else min(limit, len(order))
        return [order[len(order) - 1 - i] for i in range(end)]
    return order[:limit].tolist() if limit is not None else order.tolist()


def _sorted_matches(
    snapshot: Snapshot, text: str, key: str, descending: bool, limit: int | None
) -> list[int] | None:
    if key not in snapshot.orders:
        return None
    found = snapshot.matches(text, SORTED_MATCHES_CAP + 1)
    if found is None or len(found) > SORTED_MATCHES_CAP:
        return None
    rank = snapshot.rank(key)
    rowids = sorted((snapshot.rowids[i] for i in found), key=rank.__getitem__, reverse=descending)
    return rowids[:limit]
