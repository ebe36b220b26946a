"""Property test: 2–5 nodes edit, delete, declare, confirm and exchange packages in any order.

The enrolled nodes are bound to places (committee KD, station S01, branch B01, station S02); the
persons are in branch B01, at S01 or S02 by turns, so each station holds half of them masked and
a step outside a node's place is refused there (which the machine accepts as the right answer).

Deliveries are reordered, duplicated, stale, misaddressed or corrupted; clocks are skewed; nodes
are restored from backups and cloned (a second PC set up from the same enrolment file); nodes
sign invalid changes and clashing inserts of append-only rows. After a final exchange through the
centre every node holds what the centre holds for its place (its digest equals the centre's
``digest --for`` it), lists the same conflicts on what it holds in full (none on an append-only
table; a personal field it holds masked is left out: two numbers can mask alike), and importing
everything again changes nothing.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from synckit import (
    add_person,
    corrupt,
    forge,
    now_utc,
    open_nodes,
    scratch_dir,
    second_pc,
    unit_ids,
)

from xhdesk.data.core.backup import create_backup
from xhdesk.data.core.errors import PermissionDenied, SyncError, ValidationError
from xhdesk.data.core.restore import restore_backup
from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Person, Station, Verification, synced_models
from xhdesk.data.models.points import Declaration, DeclarationEvent, PointRule
from xhdesk.data.sync import (
    content_digest,
    export_package,
    import_package,
    list_conflicts,
    resolve,
)
from xhdesk.data.sync.digest import digest_for
from xhdesk.data.sync.nodes import load_registry
from xhdesk.data.sync.slices import PERSONAL, persons_inside
from xhdesk.data.sync.vector import version_vector

pytestmark = pytest.mark.slow

FIELDS = ["phone", "town", "pioneer_post"]
VALUES = ["13800000001", "戴南镇", "张郭镇", ""]
SKEWS_MS = [-86_400_000, 0, 3_600_000, 2 * 365 * 86_400_000]
PLACES = os.environ.get("XHDESK_SYNC_PLACES", "1") != "0"  # 0: unbound nodes, for comparison


@contextmanager
def outside_refused() -> Iterator[None]:
    """A step outside the node's place is refused before anything is written: a right answer."""
    try:
        yield
    except PermissionDenied as exc:
        assert "不在其范围内" in str(exc)


node_index = st.integers(0, 4)
any_index = st.integers(0, 10_000)


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = scratch_dir("xhdesk-sync-prop-")
        self.nodes: list = []
        self.packages: list[Path] = []
        self.addressee: dict[Path, str | None] = {}
        self.template: list[int] = []  # which enrolled node each database is a PC of
        self.backups: list[tuple[int, Path]] = []
        self.persons: list[str] = []
        self.declarations: list[str] = []
        self.rule_id = ""
        self.units: dict[str, str] = {}
        self.n = 0

    # -- set-up ---------------------------------------------------------------------------------
    @initialize(count=st.integers(2, 5))
    def start(self, count: int) -> None:
        self.nodes = open_nodes(self.folder, count, PLACES)
        self.template = list(range(count))
        centre = self.nodes[0]
        self.units = unit_ids(centre)
        self.persons = [
            add_person(centre, name, i, **self._place_of(i))
            for i, name in enumerate(["张三", "曾小明"])
        ]
        with centre.unit_of_work("测试") as uow:
            rule_row = PointRule(
                code="DS-01",
                category="party_life",
                kind="base",
                title="参加三会一课",
                points=2.0,
                unit="time",
            )
            uow.add(rule_row)
        self.rule_id = rule_row.id
        seed = self._path()
        export_package(centre, seed)
        for node in self.nodes[1:]:
            import_package(node, seed, backup=False)

    def _place_of(self, n: int) -> dict[str, str]:
        """Person ``n``'s branch and station: B01, and S01 or S02 by turns."""
        if not self.units:
            return {}
        return {"branch_id": self.units["B01"], "station_id": self.units[f"S0{n % 2 + 1}"]}

    def _path(self) -> Path:
        self.n += 1
        return self.folder / f"p{self.n}.xhsync"

    def _node(self, i: int):
        return self.nodes[i % len(self.nodes)]

    def _has(self, store, event_id):
        with store.session() as s:
            return s.get(Verification, event_id) is not None

    def _live(self, store, model, row_id):
        with store.session() as s:
            row = s.get(model, row_id)
        return row if row is not None and not getattr(row, "deleted", False) else None

    # -- local work -----------------------------------------------------------------------------
    @rule(i=node_index, p=any_index, name=st.sampled_from(FIELDS), value=st.sampled_from(VALUES))
    def edit(self, i: int, p: int, name: str, value: str) -> None:
        store, pid = self._node(i), self.persons[p % len(self.persons)]
        if self._live(store, Person, pid) is None:
            return
        with outside_refused(), store.unit_of_work("测试") as uow:
            setattr(uow.session.get(Person, pid), name, value)

    @rule(
        i=node_index,
        j=node_index,
        p=any_index,
        name=st.sampled_from(FIELDS),
        values=st.tuples(st.sampled_from(VALUES), st.sampled_from(VALUES)),
    )
    def edit_on_two_nodes(self, i: int, j: int, p: int, name: str, values: tuple[str, str]) -> None:
        """Two offices change the same field before either has heard of the other's change."""
        self.edit(i, p, name, values[0])
        self.edit(j, p, name, values[1])

    @rule(i=node_index, j=node_index)
    def sync_now(self, i: int, j: int) -> None:
        """An export carried straight to its peer and imported."""
        if self._node(i).node_id == self._node(j).node_id:
            return
        path = self._export(i, self._node(j).node_id)
        if path is not None:
            import_package(self._node(j), path, backup=False)

    def _export(self, i: int, to: str | None) -> Path | None:
        path = self._path()
        if to is not None and to not in load_registry(self._node(i)).nodes:
            # a node this one has not heard of yet (its registry is older): an error naming the
            # known peers, never a silent export of everything
            with pytest.raises(ValidationError, match="已登记的节点"):
                export_package(self._node(i), path, to)
            return None
        export_package(self._node(i), path, to)
        self.packages.append(path)
        self.addressee[path] = to
        return path

    @rule(i=node_index, p=any_index, deleted=st.booleans())
    def delete_or_restore(self, i: int, p: int, deleted: bool) -> None:
        store, pid = self._node(i), self.persons[p % len(self.persons)]
        with store.session() as s:
            row = s.get(Person, pid)
        if row is None or row.deleted == deleted:
            return
        with outside_refused(), store.unit_of_work("测试") as uow:
            uow.session.get(Person, pid).deleted = deleted

    @rule(i=node_index)
    def add(self, i: int) -> None:
        n, store = len(self.persons) + 7, self._node(i)
        place = self._place_of(n)
        if place and (
            self._live(store, Station, place["station_id"]) is None
            or self._live(store, Branch, place["branch_id"]) is None
        ):
            return  # a PC set up a moment ago has no stations yet: its form offers none
        with outside_refused():
            self.persons.append(add_person(store, "王五", n, **place))

    @rule(i=node_index, p=any_index)
    def declare(self, i: int, p: int) -> None:
        store, pid = self._node(i), self.persons[p % len(self.persons)]
        person = self._live(store, Person, pid)
        if person is None:
            return
        with outside_refused(), store.unit_of_work("测试") as uow:
            decl = Declaration(
                number=f"JF-{self.n}",
                person_id=pid,
                rule_id=self.rule_id,
                deed_date=date(2026, 11, 1),
                created_at=now_utc(),
                branch_id=person.branch_id,
                station_id=person.station_id,
                committee_id=self.units.get("KD") if person.branch_id else None,
            )
            uow.add(decl)
            uow.add(DeclarationEvent(declaration_id=decl.id, kind="submitted", at=now_utc()))
            uow.flush()
            self.declarations.append(decl.id)

    @precondition(lambda self: self.declarations)
    @rule(i=node_index, d=any_index)
    def confirm(self, i: int, d: int) -> None:
        store = self._node(i)
        did = self.declarations[d % len(self.declarations)]
        if (
            store.node_role not in ("centre", "committee")
            or self._live(store, Declaration, did) is None
        ):
            return
        with outside_refused(), store.unit_of_work("测试") as uow:
            uow.add(
                DeclarationEvent(
                    declaration_id=did,
                    kind="committee_confirmed",
                    points=2.0,
                    at=now_utc(),
                    node_id=store.node_id,
                    node_role=store.node_role,
                )
            )

    @rule(i=node_index, p=any_index)
    def verify(self, i: int, p: int) -> None:
        store, pid = self._node(i), self.persons[p % len(self.persons)]
        if self._live(store, Person, pid) is None:
            return
        with outside_refused(), store.unit_of_work("测试") as uow:
            uow.add(
                Verification(
                    person_id=pid,
                    kind="org_check",
                    checked_by="组织部",
                    checked_on=date(2026, 11, 2),
                )
            )

    @rule(i=node_index, c=any_index, keep=st.sampled_from(["winner", "loser"]))
    def resolve_conflict(self, i: int, c: int, keep: str) -> None:
        store = self._node(i)
        conflicts = list_conflicts(store)
        if conflicts:
            with outside_refused():
                resolve(store, conflicts[c % len(conflicts)].id, keep, author="测试")

    @rule(i=node_index, skew=st.sampled_from(SKEWS_MS))
    def skew_clock(self, i: int, skew: int) -> None:
        self._node(i).clock._now_ms = lambda: time.time_ns() // 1_000_000 + skew

    # -- exchange -------------------------------------------------------------------------------
    @rule(i=node_index, to=st.none() | node_index)
    def export(self, i: int, to: int | None) -> None:
        target = None if to is None else self._node(to).node_id
        if target != self._node(i).node_id:
            self._export(i, target)

    @precondition(lambda self: self.packages)
    @rule(k=any_index, j=node_index)
    def deliver(self, k: int, j: int) -> None:
        """Any package to its addressee (or anyone, if it has none), any number of times:
        reordered, duplicated or stale."""
        store, path = self._node(j), self.packages[k % len(self.packages)]
        if self.addressee[path] in (None, store.node_id):
            import_package(store, path, backup=False)

    @precondition(lambda self: self.packages)
    @rule(k=any_index, j=node_index)
    def deliver_misaddressed(self, k: int, j: int) -> None:
        """A package carried to the wrong node is refused whole, naming its addressee."""
        store, path = self._node(j), self.packages[k % len(self.packages)]
        if self.addressee[path] in (None, store.node_id):
            return
        before = content_digest(store), version_vector_of(store)
        with pytest.raises(SyncError, match="此同步包是发给"):
            import_package(store, path, backup=False)
        assert (content_digest(store), version_vector_of(store)) == before

    # -- misuse ---------------------------------------------------------------------------------
    @rule(i=node_index)
    def take_backup(self, i: int) -> None:
        i %= len(self.nodes)
        target = self.folder / f"backup{self.n}.sqlite3.gz"
        self.n += 1
        create_backup(self.nodes[i].path, out=target)  # what 文件 → 备份 and `xhdesk backup` do
        self.backups.append((i, target))

    @precondition(lambda self: self.backups)
    @rule(b=any_index)
    def restore_from_backup(self, b: int) -> None:
        """`xhdesk restore` itself: the file goes back, the node continues as a new stream."""
        i, backup = self.backups[b % len(self.backups)]
        path = self.nodes[i].path
        self.nodes[i].close()
        restore_backup(path, backup)
        self.nodes[i] = Store.open(path, create=False)

    @precondition(lambda self: len(self.nodes) < 6)
    @rule(i=st.integers(1, 4))
    def clone(self, i: int) -> None:
        """A second PC set up from the same enrolment file as node ``i``."""
        k = self.template[i % len(self.nodes)]
        if k == 0:
            return  # the centre was never enrolled
        path = self.folder / f"clone{self.n}.sqlite3"
        self.n += 1
        self.nodes.append(second_pc(k, path, PLACES))
        self.template.append(k)

    @rule(i=node_index, kind=st.sampled_from(["no_name", "bad_date", "huge_stamp", "bad_update"]))
    def sign_invalid_change(self, i: int, kind: str) -> None:
        """A buggy or hostile build signs a change this version would never write."""
        store = self._node(i)
        row = f"bad-{self.n}"
        self.n += 1
        base = {"id": row, "name": "李四", "id_number": "1", "occupation": "rider"}
        if kind == "no_name":
            forge(store, "person", row, "insert", {k: v for k, v in base.items() if k != "name"})
        elif kind == "bad_date":
            forge(store, "person", row, "insert", {**base, "birth_date": "昨天"})
        elif kind == "huge_stamp":
            forge(store, "person", row, "insert", base, hlc=2**64 + 5)
        else:
            forge(store, "person", self.persons[0], "update", {"deleted": "yes"})

    @rule(i=node_index, j=node_index, p=any_index)
    def clashing_event(self, i: int, j: int, p: int) -> None:
        """Two nodes insert one append-only id (a derived id) with different content offline."""
        pid = self.persons[p % len(self.persons)]
        event_id = f"00000000-0000-4000-8000-{self.n:012d}"
        self.n += 1
        for k, who in ((i, "组织部"), (j, "行业党委")):
            store = self._node(k)
            if self._live(store, Person, pid) is None or self._has(store, event_id):
                continue
            with outside_refused(), store.unit_of_work("测试") as uow:
                uow.add(
                    Verification(
                        id=event_id,
                        person_id=pid,
                        kind="org_check",
                        checked_by=who,
                        checked_on=date(2026, 11, 3),
                    )
                )

    @precondition(lambda self: self.packages)
    @rule(
        k=any_index,
        j=node_index,
        mode=st.sampled_from(["truncate", "flip", "rezip"]),
        seed=st.integers(0, 2**32),
    )
    def deliver_corrupted(self, k: int, j: int, mode: str, seed: int) -> None:
        store = self._node(j)
        source = self.packages[k % len(self.packages)]
        bad = self.folder / "bad.xhsync"
        bad.write_bytes(corrupt(source.read_bytes(), mode, random.Random(seed)))
        before = content_digest(store), version_vector_of(store)
        with pytest.raises(SyncError):
            import_package(store, bad, backup=False)
        assert (content_digest(store), version_vector_of(store)) == before

    # -- the end --------------------------------------------------------------------------------
    def teardown(self) -> None:
        try:
            if self.nodes:
                self._final_exchange()
        finally:
            for node in self.nodes:
                node.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _state(self, node, seen_from=None) -> tuple[bool, list[tuple]]:  # noqa: ANN001
        """Whether ``node`` holds exactly what the centre holds for its place, and its conflicts;
        ``seen_from`` a node: only those on what that node holds in full.

        A node outside a person's place holds that person's ID number, phone, address and birth
        date masked, and lists no conflict on them (two different numbers can mask alike, and it
        could not resolve one: not its place); the centre's list, seen from that node, leaves them
        out.
        """
        shared = content_digest(node) == digest_for(self.nodes[0], node.node_id)
        if seen_from is None:  # the node's own list: none on a field it holds masked
            return shared, _conflict_keys(node)
        hidden = _masked_fields(seen_from)
        return shared, [c for c in _conflict_keys(node) if c[:3] not in hidden]

    def _final_exchange(self) -> None:
        hub = self.nodes[0]
        for node in self.nodes[1:]:
            path = self._path()
            export_package(node, path)
            import_package(hub, path, backup=False)
        final = self._path()
        export_package(hub, final)
        for node in self.nodes[1:]:
            import_package(node, final, backup=False)
        states = [self._state(node) for node in self.nodes]
        expected = [self._state(hub, seen_from=node)[1] for node in self.nodes]
        assert all(s[0] for s in states) and [s[1] for s in states] == expected, (
            "nodes disagree after a full exchange"
        )
        appended = {t for t, m in synced_models().items() if getattr(m, "SYNC", "") == "append"}
        assert not [c for c in states[0][1] if c[0] in appended], "a conflict on an event"
        again = self._path()
        export_package(hub, again)  # a new package with every change, all already known
        for node in self.nodes:
            import_package(node, again, backup=False)
            import_package(node, final, backup=False)
        assert [self._state(node) for node in self.nodes] == states
        for node in self.nodes:
            with node.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def _conflict_keys(store) -> list[tuple]:
    return sorted(c.key() for c in list_conflicts(store))


def _masked_fields(store) -> set[tuple[str, str, str]]:  # noqa: ANN001
    """(table, row, field) that ``store`` holds masked: personal fields of persons outside it."""
    with store.engine.connect() as conn:
        inside = persons_inside(conn, store.place)
        if inside is None:
            return set()
        persons = [r[0] for r in conn.exec_driver_sql("SELECT id FROM person")]
    return {("person", pid, f) for pid in persons if pid not in inside for f in PERSONAL}


def version_vector_of(store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return version_vector(conn)


SyncMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("XHDESK_SYNC_EXAMPLES", "200")),
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_nodes_converge = SyncMachine.TestCase
