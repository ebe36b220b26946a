"""Helpers for the sync tests: a set of enrolled node databases made once, copied per test."""

from __future__ import annotations

import atexit
import io
import os
import random
import shutil
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from xhdesk.data.core import pinyin
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.migrations import upgrade
from xhdesk.data.models import Branch, Committee, Person, Station
from xhdesk.data.sync import content_digest, enrol, init_centre
from xhdesk.data.sync.conflicts import list_conflicts

# node 0 is the centre; the others in the order they were enrolled
PASSPHRASE = "TEST-PASS-2026"
ROLES = ["centre", "committee", "station", "branch", "station"]
NAMES = ["兴化市服务中心", "快递外卖行业党委", "城东暖蜂驿站", "顺丰流动党支部", "戴南驿站"]

# with places: the nodes are bound to 快递外卖 committee KD, station S01, branch B01, station S02
PLACES = {1: "KD", 2: "S01", 3: "B01", 4: "S02"}

_templates: dict[bool, Path] = {}
# Scratch files of the property tests in memory where there is a tmpfs: their many small
# commits, checkpoints and package fsyncs then cost no disk wait (the SQLite work is the same).
_SHM = Path("/dev/shm")


def scratch_dir(prefix: str) -> Path:
    """A new temporary folder, in memory (``/dev/shm``) if this machine has one."""
    where = _SHM if _SHM.is_dir() and os.access(_SHM, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=where))


def _organise(centre: Store) -> None:
    """The units the nodes with places are bound to (both stations and the branch under KD)."""
    with centre.unit_of_work("测试") as uow:
        committee = uow.add(Committee(code="express", unit_code="KD", name="快递外卖行业党委"))
        uow.flush()
        uow.add(Branch(code="B01", name="顺丰流动党支部", kind="mobile", committee_id=committee.id))
        for code, name in (("S01", "城东暖蜂驿站"), ("S02", "戴南暖蜂驿站")):
            uow.add(Station(code=code, name=name, kind="warm_bee", committee_id=committee.id))


def templates(places: bool = False) -> Path:
    """Five node databases (a centre and four enrolled nodes), made once per test session;
    with ``places`` each enrolled node is bound to the unit in :data:`PLACES`.

    The enrolled ones as ``init_from`` makes them, from one migrated empty file (migrating is the
    slow part of ``init_from``; the identity is the enrolment file's).
    """
    if places not in _templates:
        folder = scratch_dir("xhdesk-sync-nodes-")
        atexit.register(shutil.rmtree, folder, True)
        init_centre(folder / "n0.sqlite3", NAMES[0])
        with Store.open(folder / "n0.sqlite3") as centre:
            if places:
                _organise(centre)
            for i in range(1, len(ROLES)):
                unit = PLACES[i] if places else None
                enrol(centre, NAMES[i], ROLES[i], folder / f"n{i}.xhnode", PASSPHRASE, unit=unit)
        _templates[places] = folder
        for i in range(1, len(ROLES)):
            _init_enrolled(folder, folder / f"n{i}.sqlite3", i)
    return _templates[places]


def unit_ids(store: Store) -> dict[str, str]:
    """Unit code → id of the units :func:`_organise` made."""
    from xhdesk.data.registry.units import list_units

    return {u.code: u.id for u in list_units(store)}


_enrolments: dict[Path, dict] = {}


def _init_enrolled(folder: Path, path: Path, k: int) -> None:
    """What ``init_from(path, folder/n{k}.xhnode)`` makes, from a migrated empty file."""
    from xhdesk.data.sync.nodes import _prepare_identity, read_enrolment

    empty = folder / "empty.sqlite3"
    if not empty.exists():
        upgrade_engine = sa.create_engine(f"sqlite:///{empty}")
        upgrade(upgrade_engine)
        upgrade_engine.dispose()
    node_file = folder / f"n{k}.xhnode"
    if node_file not in _enrolments:
        _enrolments[node_file] = read_enrolment(node_file, PASSPHRASE)
    content = _enrolments[node_file]
    shutil.copyfile(empty, path)
    _prepare_identity(
        path, content["node"], content["private_key"], content["centre"], content["registry"]
    )
    Store.open(path, create=False).close()


_seeded: dict[str, tuple[Path, object]] = {}


def seeded_nodes(folder: Path, count: int, name: str, seed) -> tuple[list[Store], object]:  # noqa: ANN001
    """The first ``count`` nodes after ``seed(nodes)`` ran on all five, which is done once per
    session and copied after (``seed`` must treat each node other than the centre on its own,
    so that its first ``count`` nodes are what it makes of ``count``). Returns what it returned."""
    if name not in _seeded:
        cache = templates() / f"seeded-{name}"
        cache.mkdir()
        stores = open_nodes(cache, len(ROLES))
        try:
            info = seed(stores)
        finally:
            for store in stores:
                store.close()
        _seeded[name] = (cache, info)
    cache, info = _seeded[name]
    out = []
    for i in range(count):
        shutil.copyfile(cache / f"n{i}.sqlite3", folder / f"n{i}.sqlite3")
        out.append(Store.open(folder / f"n{i}.sqlite3", create=False))
    return out, info


def node_files(folder: Path, count: int, places: bool = False) -> list[Path]:
    """Copy the first ``count`` node databases into ``folder``."""
    src = templates(places)
    out = []
    for i in range(count):
        target = folder / f"n{i}.sqlite3"
        shutil.copyfile(src / f"n{i}.sqlite3", target)
        out.append(target)
    return out


def open_nodes(folder: Path, count: int, places: bool = False) -> list[Store]:
    return [Store.open(p, create=False) for p in node_files(folder, count, places)]


def id_number(n: int) -> str:
    first17 = f"3212811990{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def add_person(store: Store, name: str, n: int, **extra: object) -> str:
    with store.unit_of_work("测试") as uow:
        person = Person(
            name=name,
            name_pinyin=pinyin.full_pinyin(name),
            name_initials=pinyin.initials(name),
            id_number=id_number(n),
            occupation="rider",
            birth_date=date(1990, 1, 1),
            **extra,
        )
        uow.add(person)
    return person.id


def add_station(store: Store, name: str) -> str:
    with store.unit_of_work("测试") as uow:
        station = Station(code="S01", name=name, kind="warm_bee", town="昭阳街道")
        uow.add(station)
    return station.id


def edit(store: Store, model: type, row_id: str, **values: object) -> None:
    with store.unit_of_work("测试") as uow:
        row = uow.session.get(model, row_id)
        for key, value in values.items():
            setattr(row, key, value)


def state(store: Store) -> tuple[str, list[tuple]]:
    """What must agree between nodes: the content digest and the open conflicts."""
    return content_digest(store), sorted(c.key() for c in list_conflicts(store))


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def corrupt(data: bytes, mode: str, rng: random.Random) -> bytes:
    """A damaged copy: cut short, bits flipped, or a member edited and rezipped with good CRCs."""
    if mode == "truncate":
        return data[: rng.randrange(0, len(data))]
    if mode == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(out))
            out[pos] ^= 1 << rng.randrange(8)
        return bytes(out)
    return rezip_tampered(data, rng)


def rezip_tampered(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    name = rng.choice(sorted(members))
    body = bytearray(members[name])
    if body:
        pos = rng.randrange(len(body))
        body[pos] = (body[pos] + rng.randint(1, 255)) % 256
    else:
        body = bytearray(b"x")
    members[name] = bytes(body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, content in members.items():
            zf.writestr(n, content)
    return buf.getvalue()


def forge(store: Store, tbl: str, row_id: str, op: str, data: dict, **extra: object) -> int:
    """A change the node signs although this version would never write it (a buggy or hostile
    build): held in its own quarantine, so it travels in its packages but is applied nowhere."""
    import json

    from xhdesk.data.sync.vector import change_line

    with store.import_connection() as conn:
        # The sequence number is taken inside the write transaction, from the file, as every
        # writer takes it (another window may have written since), and saved with the change.
        store.seq += 1
        hlc = extra.get("hlc", store.clock.tick())
        prev = extra.get("prev")
        values = [
            store.origin,
            store.seq,
            hlc,
            tbl,
            row_id,
            op,
            json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            json.dumps(prev, sort_keys=True) if prev else None,
            "伪造",
        ]
        conn.exec_driver_sql(
            "INSERT INTO sync_quarantine (origin, seq, tbl, row_id, line, reason, package_id) "
            "VALUES (?, ?, ?, ?, ?, '本机伪造（测试）', '')",
            (store.origin, store.seq, tbl, row_id, change_line(values).decode("utf-8")),
        )
        store.save_counters(conn)
    return store.seq


def quarantined(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT tbl, reason FROM sync_quarantine ORDER BY seq")
        return [tuple(r) for r in rows]


_pcs: dict[tuple[int, bool], Path] = {}


def second_pc(k: int, path: Path, places: bool = False) -> Store:
    """Another PC set up from node ``k``'s enrolment file (as ``init_from`` makes it: its own
    incarnation), made from a cached first set-up so that a property test can afford many."""
    from xhdesk.data.sync.incarnation import start_new_incarnation

    if (k, places) not in _pcs:
        _pcs[k, places] = templates(places) / f"pc{k}.sqlite3"
        _init_enrolled(templates(places), _pcs[k, places], k)
    shutil.copyfile(_pcs[k, places], path)
    store = Store.open(path, create=False)
    start_new_incarnation(store)
    return store
