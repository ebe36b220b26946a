"""Import: check a whole package first, back up, then apply it in one transaction.

Checks (nothing is written if one fails): zip CRCs, member sizes and hashes, the manifest's
signature by a registered sender, each range's signature by its origin, the format version, the
addressee, and every change's shape. Then each change is checked on its own (:mod:`.checks`:
stamp, schema, field rules, the origin's authority; :mod:`.appends`: one insert per append-only
id): a failing change is quarantined with its reason and the rest applies. The others are logged
with their own origin and seq (ones already here are ignored) and merged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from xhdesk.data.core.clock import COUNTER_MASK, pack, wall_ms
from xhdesk.data.core.errors import SyncError
from xhdesk.data.core.places import PlaceChecker, place_of_node
from xhdesk.data.core.store import Store
from xhdesk.data.models import synced_models
from xhdesk.data.sync.appends import APPEND_CLASH, refold_events, settle_appends, unapply
from xhdesk.data.sync.checks import ChangeChecker, node_of
from xhdesk.data.sync.conflicts import rederive, refresh_open
from xhdesk.data.sync.incarnation import collision_message, collisions, continue_if_copied
from xhdesk.data.sync.merge import merge
from xhdesk.data.sync.nodes import NodeInfo, centre_key, load_registry, registry_state
from xhdesk.data.sync.package import Package, read_package
from xhdesk.data.sync.peers import record_report
from xhdesk.data.sync.slices import purge_outside
from xhdesk.data.sync.vector import CHANGE_COLUMNS
from xhdesk.data.sync.writes import Write, parsed_texts

ProgressFn = Callable[[int, int, str], None]
CLOCK_AHEAD_MS = 24 * 3600 * 1000  # a stamp more than a day ahead of our wall clock is flagged


@dataclass
class ImportReport:
    package_id: str
    sender: str
    received: int = 0
    new_changes: int = 0
    inserted: int = 0
    updated: int = 0
    conflicts: int = 0
    refused: int = 0
    pending: int = 0
    already: bool = False
    reissued: int = 0  # our own changes moved to a new incarnation (file restored or copied)
    refusals: list[str] = field(default_factory=list)
    clock_warnings: list[str] = field(default_factory=list)
    backup: Path | None = None
    tables: set[str] = field(default_factory=set)  # tables whose rows this import touched
    rows: dict[str, set[str]] = field(default_factory=dict)  # the touched rows, by table
    repaired: int = 0  # findings of the check after import, repaired in the same transaction

    def summary(self) -> str:
        if self.already:
            return f"此同步包（来自{self.sender}）已导入过，无新变更。"
        text = (
            f"导入完成（来自{self.sender}）：新增 {self.inserted} 条，更新 {self.updated} 条，"
            f"冲突 {self.conflicts} 条待处理，拒绝 {self.refused} 条"
        )
        if self.clock_warnings:
            text += "；站点时钟异常：" + "、".join(self.clock_warnings)
        if self.reissued:
            text += (
                f"；本节点的数据文件曾被复制或从备份恢复，已将本节点 {self.reissued} 条未被确认的"
                "变更改用新编号重新发出"
            )
        if self.repaired:
            text += f"；导入后检查发现并修复 {self.repaired} 处数据不一致（详见日志）"
        return text + "。"


@dataclass
class _Change:
    values: tuple[Any, ...]  # CHANGE_COLUMNS order
    line: str
    data: dict[str, Any]
    prev: dict[str, Any]

    @property
    def key(self) -> tuple[str, int]:
        return self.values[0], self.values[1]


def _parse(package: Package) -> list[_Change]:
    out: list[_Change] = []
    for r in package.ranges:
        for seq, raw in zip(range(r.first, r.last + 1), r.lines, strict=True):
            change = _parse_line(raw, r.origin, seq)
            if change is None:
                raise SyncError("同步包中有无法识别的变更记录，已拒绝。")
            out.append(change)
    return out


def _parse_line(raw: bytes, origin: str, seq: int) -> _Change | None:
    try:
        line = raw.decode("utf-8")
        values = json.loads(line)
        if not (
            isinstance(values, list)
            and len(values) == len(CHANGE_COLUMNS)
            and values[0] == origin
            and values[1] == seq
            and isinstance(values[2], int)
            and all(isinstance(v, str) for v in values[3:7])
            and values[5] in ("insert", "update")
            and (values[7] is None or isinstance(values[7], str))
            and isinstance(values[8], str)
        ):
            return None
        data = json.loads(values[6])
        prev = json.loads(values[7]) if values[7] else {}
    except (UnicodeDecodeError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(prev, dict):
        return None
    return _Change(tuple(values), line, data, prev)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def backup_database(store: Store) -> Path:
    """The backup taken before an import (see :mod:`xhdesk.data.core.backup`)."""
    from xhdesk.data.core.backup import REASON_IMPORT, create_backup

    return create_backup(store.path, REASON_IMPORT).path


def import_package(
    store: Store,
    path: str | Path,
    progress: ProgressFn | None = None,
    *,
    backup: bool = True,
) -> ImportReport:
    """Verify and apply one package. Raises SyncError (database unchanged) if it fails a check."""
    report_progress = progress or (lambda *_: None)
    report_progress(0, 0, "正在校验同步包…")
    local = load_registry(store)
    package = read_package(Path(path), local, centre_key(store))
    nodes = package.registry.nodes
    sender = nodes[package.sender]
    ended = sender.refusal() if sender.id != store.node_id else None
    if ended:
        raise SyncError(ended)
    _check_addressee(store, package, nodes)
    report = ImportReport(package.id, sender.name)
    changes = _parse(package)
    report.received = len(changes)
    with store.engine.connect() as conn:
        seen = conn.exec_driver_sql(
            "SELECT 1 FROM sync_package WHERE id = ?", (package.id,)
        ).first()
    if seen is not None:
        report.already = True
        return report
    checker = ChangeChecker({n.id: n.role for n in nodes.values()}, nodes)
    refusals = {c.key: checker.refusal(c.values, c.data, c.prev) for c in changes}
    _check_places(store, nodes, changes, refusals)
    if backup:
        report.backup = backup_database(store)
    report_progress(0, len(changes), "正在写入…")
    masked = _masked_keys(package)  # not the origin's content: no evidence of a copied file
    with store.import_connection() as conn, parsed_texts(_texts(changes)):
        tips = package.manifest.get("tips")
        report.reissued = continue_if_copied(
            store,
            conn,
            _vector(package),
            {c.key: c for c in changes if c.key not in masked},
            {str(k): str(v) for k, v in tips.items()} if isinstance(tips, dict) else None,
        )
        _apply(store, conn, package, changes, refusals, report, report_progress)
        if not store.place.everything:
            purged = purge_outside(conn, store.place, store.node_id)
            if purged:  # their personal fields are masked here now: no longer judged here
                rederive(conn, "person", purged)
        from xhdesk.data.check import after_import

        report.repaired = len(after_import(conn, report.rows))
        if package.registry is not local:
            store._upsert_state(conn, registry_state(package.registry))
        if sender.id != store.node_id:  # our own package carried back changes nothing here
            created = int(package.manifest.get("created_hlc", 0))
            record_report(conn, sender, _vector(package), created)
        _record_package(conn, package, report)
        store.save_counters(conn)
    return report


def _check_places(
    store: Store,
    nodes: dict[str, NodeInfo],
    changes: list[_Change],
    refusals: dict[tuple[str, int], str | None],
) -> None:
    """Quarantine what an origin did outside its place (see xhdesk/data/core/places.py)."""
    places = {
        n.id: place_of_node(n.role, n.unit_kind, n.unit_id, n.unit_code)
        for n in nodes.values()
        if n.unit_id and n.role != "centre"
    }
    if not places:
        return
    inserts = {(c.values[3], c.values[4]): c.data for c in changes if c.values[5] == "insert"}
    with store.engine.connect() as conn:
        checker = PlaceChecker(conn, places, inserts)
        for c in changes:
            if refusals[c.key] is None:
                origin, _seq, _hlc, tbl, row_id, op = c.values[:6]
                refusals[c.key] = checker.refusal(node_of(origin), tbl, row_id, op, c.data)


def _texts(changes: list[_Change]) -> dict[str, Any]:
    """The JSON texts of the package's changes, parsed already (read back by the merge and the
    check after import)."""
    out: dict[str, Any] = {}
    for c in changes:
        out[c.values[6]] = c.data
        if c.values[7]:
            out[c.values[7]] = c.prev
    return out


def _check_addressee(store: Store, package: Package, nodes: dict[str, NodeInfo]) -> None:
    """A package made for one peer is refused anywhere else, naming the addressee."""
    to = package.manifest.get("to")
    if to and to != store.node_id:
        who = nodes[to].name if to in nodes else str(to)[:8]
        raise SyncError(f"此同步包是发给“{who}”的，不能导入到本节点（{store.node_name}），已拒绝。")


def _vector(package: Package) -> dict[str, int]:
    raw = package.manifest.get("vector")
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if isinstance(v, int)}


def _existing(conn: sa.Connection, package: Package) -> set[tuple[str, int]]:
    have: set[tuple[str, int]] = set()
    for r in package.ranges:
        for table in ("change", "sync_quarantine"):
            rows = conn.exec_driver_sql(
                f"SELECT seq FROM {table} WHERE origin = ? AND seq BETWEEN ? AND ?",
                (r.origin, r.first, r.last),
            )
            have.update((r.origin, seq) for (seq,) in rows)
    return have


def _apply(
    store: Store,
    conn: sa.Connection,
    package: Package,
    changes: list[_Change],
    refusals: dict[tuple[str, int], str | None],
    report: ImportReport,
    progress: ProgressFn,
) -> None:
    have = _existing(conn, package)
    masked_in = _masked_keys(package)
    masked_here = _held_masked(conn, package)
    clashing = collisions(
        conn,
        {
            c.key: c
            for c in changes
            if c.key in have and c.key not in masked_in and c.key not in masked_here
        },
    )
    if clashing:
        origin, seq = min(clashing)
        node = package.registry.nodes.get(node_of(origin))
        raise SyncError(collision_message(node.name if node else origin[:8], seq))
    fresh: dict[tuple[str, int], _Change] = {}
    for c in changes:
        if c.key not in have:
            fresh.setdefault(c.key, c)
    rebuilt = _settle_appends(conn, fresh, refusals)
    accepted = [c for k, c in fresh.items() if not refusals[k]]
    refused = [c for k, c in fresh.items() if refusals[k]]
    report.new_changes, report.refused = len(accepted), len(refused)
    progress(len(changes) // 3, len(changes), "正在合并…")
    new: dict[str, dict[str, list[Write]]] = {}
    for c in accepted:
        origin, seq, hlc, tbl, row_id, op, _data, _prev, author = c.values
        w = Write(origin, seq, hlc, op, c.data, c.prev, author, c.key in masked_in)
        new.setdefault(tbl, {}).setdefault(row_id, []).append(w)
    for tbl, row_ids in rebuilt.items():
        unapply(conn, tbl, row_ids)
        for row_id in row_ids:
            new.setdefault(tbl, {}).setdefault(row_id, [])
    for c in changes:  # a person entered our place: the full change replaces the masked one
        if c.key in masked_here and c.key not in masked_in and not refusals.get(c.key):
            _unmask(conn, c)
            new.setdefault(c.values[3], {}).setdefault(c.values[4], [])
    result = merge(conn, new)
    for tbl, row_ids in rebuilt.items():
        refold_events(conn, tbl, row_ids)
    report.inserted, report.updated, report.pending = (
        result.inserted,
        result.updated,
        result.pending,
    )
    report.conflicts = result.new_conflicts
    report.tables = set(result.touched)
    report.rows = result.touched
    progress(2 * len(changes) // 3, len(changes), "正在记录变更…")
    cols = ", ".join(CHANGE_COLUMNS)
    marks = ", ".join("?" for _ in CHANGE_COLUMNS)
    if accepted:
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO change ({cols}) VALUES ({marks})", [c.values for c in accepted]
        )
    masked_new = [(*c.key, c.values[4]) for c in accepted + refused if c.key in masked_in]
    if masked_new:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO sync_redacted (origin, seq, row_id) VALUES (?, ?, ?)",
            masked_new,
        )
    _quarantine(conn, package, refused, refusals, report)
    relayable = [
        (r.origin, r.first, r.last, r.sha256, r.signature)
        for r in package.ranges
        if node_of(r.origin) != store.node_id and not r.redacted
    ]
    if relayable:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO sync_range (origin, first, last, sha256, signature) "
            "VALUES (?, ?, ?, ?, ?)",
            relayable,
        )
    refresh_open(conn, skip=result.touched)
    _advance(store, accepted, package.registry.nodes, report)
    progress(len(changes), len(changes), "导入完成")


def _masked_keys(package: Package) -> set[tuple[str, int]]:
    """The package's changes the centre sent with personal fields masked (see :mod:`.slices`)."""
    return {(r.origin, seq) for r in package.ranges for seq in r.redacted}


def _held_masked(conn: sa.Connection, package: Package) -> set[tuple[str, int]]:
    """Keys of the package held here only masked (see :mod:`.slices`)."""
    held: set[tuple[str, int]] = set()
    for r in package.ranges:
        rows = conn.exec_driver_sql(
            "SELECT seq FROM sync_redacted WHERE origin = ? AND seq BETWEEN ? AND ?",
            (r.origin, r.first, r.last),
        )
        held.update((r.origin, seq) for (seq,) in rows)
    return held


def _unmask(conn: sa.Connection, c: _Change) -> None:
    conn.exec_driver_sql(
        "UPDATE change SET data = ? WHERE origin = ? AND seq = ?", (c.values[6], *c.key)
    )
    conn.exec_driver_sql("DELETE FROM sync_redacted WHERE origin = ? AND seq = ?", c.key)


def _settle_appends(
    conn: sa.Connection,
    fresh: dict[tuple[str, int], _Change],
    refusals: dict[tuple[str, int], str | None],
) -> dict[str, set[str]]:
    """Quarantine clashing inserts of append-only ids; returns the applied rows that lost."""
    appended = {t for t, m in synced_models().items() if getattr(m, "SYNC", "") == "append"}
    inserts: dict[str, dict[str, list]] = {}
    for key, c in fresh.items():
        tbl, row_id, op = c.values[3], c.values[4], c.values[5]
        if tbl in appended and op == "insert" and not refusals[key]:
            inserts.setdefault(tbl, {}).setdefault(row_id, []).append((key, c.values[2], c.data))
    if not inserts:
        return {}
    clashes, rebuilt = settle_appends(conn, inserts)
    for key in clashes:
        refusals[key] = APPEND_CLASH
    return rebuilt


def _quarantine(
    conn: sa.Connection,
    package: Package,
    refused: list[_Change],
    refusals: dict[tuple[str, int], str | None],
    report: ImportReport,
) -> None:
    if not refused:
        return
    now = datetime.now().replace(microsecond=0).isoformat(sep=" ")
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO sync_quarantine (origin, seq, tbl, row_id, line, reason, "
        "package_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (*c.key, c.values[3], c.values[4], c.line, refusals[c.key], package.id, now)
            for c in refused
        ],
    )
    names = package.registry.nodes
    for c in refused[:20]:
        who = names[node_of(c.values[0])].name
        report.refusals.append(f"{who}：{refusals[c.key]}")


def _advance(
    store: Store, accepted: list[_Change], nodes: dict[str, NodeInfo], report: ImportReport
) -> None:
    """Move our clock past every stamp seen; flag the nodes whose own clock runs far ahead.

    A node that only *followed* a stamp from the future (its clock observed it) makes stamps with
    that wall time and a counter above zero; a stamp far ahead with counter zero was read from the
    origin's own wall clock. So the warning names the node that is off, once, and not every node
    that has since heard from it.
    """
    if not accepted:
        return
    limit = pack(_now_ms() + CLOCK_AHEAD_MS, 0)
    ahead: dict[str, int] = {}
    for c in accepted:
        hlc = c.values[2]
        store.clock.observe(hlc)
        if hlc > limit and hlc & COUNTER_MASK == 0:
            node = node_of(c.values[0])
            ahead[node] = max(ahead.get(node, 0), hlc)
    for node, hlc in ahead.items():
        when = datetime.fromtimestamp(wall_ms(hlc) / 1000).strftime("%Y-%m-%d %H:%M")
        name = nodes[node].name if node in nodes else node[:8]
        report.clock_warnings.append(f"{name}（时间戳 {when}）")


def _record_package(conn: sa.Connection, package: Package, report: ImportReport) -> None:
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO sync_package (id, sender, created_hlc, imported_at, received, "
        "inserted, updated, conflicts, refused, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            package.id,
            package.sender,
            int(package.manifest.get("created_hlc", 0)),
            datetime.now().replace(microsecond=0).isoformat(sep=" "),
            report.received,
            report.inserted,
            report.updated,
            report.conflicts,
            report.refused,
            ("站点时钟异常：" + "、".join(report.clock_warnings)) if report.clock_warnings else "",
        ),
    )
