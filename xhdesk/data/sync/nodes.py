"""Nodes: the centre-signed node registry, enrolment files (.xhnode) and creating a node's database.

The centre is the trust anchor. Its registry (node id → name, role, public key) is signed with its
key and travels in every package, so a package's sender and each change's origin can be checked
anywhere. A node learns the centre's key from its enrolment file; a database that was never
enrolled and whose role is centre is its own centre.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from xhdesk.data.core.errors import StorageError, SyncError, ValidationError
from xhdesk.data.core.identity import generate_keypair, verify_with
from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import ROLES
from xhdesk.data.models import Node, new_id
from xhdesk.data.sync.keys import (
    canonical,
    generate_passphrase,
    protect,
    public_of,
    sign_with,
    unb64,
    unprotect,
)

if TYPE_CHECKING:
    from xhdesk.data.registry.units import Unit

ENROL_FORMAT = 1
ENROLLED_ROLES = ("committee", "branch", "station")


NODE_STATES = {"active": "在用", "revoked": "已吊销", "retired": "已停用"}
PLACE_FOR_ROLE = {"committee": "committee", "branch": "branch", "station": "station"}


@dataclass(frozen=True)
class NodeInfo:
    """One node of the signed registry: who it is, its key, its place and whether it is in use.

    The place (``unit_kind``/``unit_id``/``unit_code``) is the unit the node works for; it bounds
    what the node may do and what it receives. Empty for the centre (it covers everything) and for
    nodes enrolled before places existed (they keep the role-only rules). ``state`` is active,
    revoked (key lost or replaced: packages stamped after ``revoked_hlc`` are refused) or retired.
    """

    id: str
    name: str
    role: str
    public_key: str
    unit_kind: str = ""
    unit_id: str = ""
    unit_code: str = ""
    state: str = "active"
    revoked_hlc: int = 0

    @classmethod
    def from_json(cls, n: dict[str, Any]) -> NodeInfo:
        return cls(
            n["id"],
            n["name"],
            n["role"],
            n["public_key"],
            str(n.get("unit_kind", "")),
            str(n.get("unit_id", "")),
            str(n.get("unit_code", "")),
            str(n.get("state", "active")),
            int(n.get("revoked_hlc", 0)),
        )

    @property
    def active(self) -> bool:
        return self.state == "active"

    def refusal(self) -> str | None:
        """Why a package sent by this node is refused, or None while it is in use."""
        if self.state == "revoked":
            return f"节点“{self.name}”的密钥已被中心吊销（电脑丢失或已更换），其同步包不再接受。"
        if self.state == "retired":
            return f"节点“{self.name}”已停用，其同步包不再接受。"
        return None


@dataclass(frozen=True)
class Registry:
    """A signed list of nodes. ``body`` is the exact signed text."""

    body: str
    signature: str

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.body)

    @property
    def version(self) -> int:
        return int(self.data["version"])

    @property
    def centre_id(self) -> str:
        return str(self.data["centre"])

    @property
    def nodes(self) -> dict[str, NodeInfo]:
        return {n["id"]: NodeInfo.from_json(n) for n in self.data["nodes"]}

    def signed_by(self, public_key: str) -> bool:
        return verify_with(public_key, self.body.encode("utf-8"), unb64(self.signature))

    def to_json(self) -> dict[str, str]:
        return {"body": self.body, "signature": self.signature}

    @classmethod
    def from_json(cls, value: Any) -> Registry:
        try:
            registry = cls(str(value["body"]), str(value["signature"]))
            valid = bool(registry.nodes) and registry.version > 0 and bool(registry.centre_id)
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError("节点名册格式不正确。") from exc
        if not valid:
            raise SyncError("节点名册格式不正确。")
        return registry


def _sign_registry(
    private_b64: str, centre_id: str, version: int, nodes: list[NodeInfo]
) -> Registry:
    body = canonical(
        {
            "centre": centre_id,
            "version": version,
            "nodes": [n.__dict__ for n in sorted(nodes, key=lambda n: n.id)],
        }
    )
    return Registry(body, sign_with(private_b64, body.encode("utf-8")))


def centre_key(store: Store) -> str:
    """The public key this node trusts as the centre's."""
    state = store.local_state()
    if "sync_centre_key" in state:
        return state["sync_centre_key"]
    if store.node_role != "centre":
        raise SyncError("本节点尚未由中心登记，不能同步。请用中心签发的登记文件创建数据库。")
    return state["public_key"]


def is_centre(store: Store) -> bool:
    state = store.local_state()
    return (
        store.node_role == "centre" and state.get("sync_centre_id", store.node_id) == store.node_id
    )


def load_registry(store: Store) -> Registry:
    """This node's copy of the registry; a never-enrolled centre starts its own."""
    state = store.local_state()
    if "sync_registry" in state:
        return Registry(state["sync_registry"], state["sync_registry_sig"])
    if not is_centre(store):
        raise SyncError("本节点尚未由中心登记，不能同步。请用中心签发的登记文件创建数据库。")
    me = NodeInfo(store.node_id, store.node_name, "centre", state["public_key"])
    registry = _sign_registry(state["private_key"], store.node_id, 1, [me])
    store.set_local_state(
        sync_centre_id=store.node_id,
        sync_centre_key=me.public_key,
        sync_registry=registry.body,
        sync_registry_sig=registry.signature,
    )
    return registry


def registry_state(registry: Registry) -> dict[str, str]:
    """local_state entries that make ``registry`` this node's copy."""
    return {"sync_registry": registry.body, "sync_registry_sig": registry.signature}


def _write_atomic(path: Path, data: bytes) -> None:
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"无法写入文件：{path}（{exc.strerror}）") from exc


@dataclass(frozen=True)
class Enrolled:
    """A node just registered, and the passphrase protecting its enrolment file's key."""

    node: NodeInfo
    passphrase: str
    generated: bool  # made up here: show it once, it is stored nowhere


def enrol(
    store: Store,
    name: str,
    role: str,
    out: Path,
    passphrase: str | None = None,
    unit: str | None = None,
) -> Enrolled:
    """Register a new node at the centre, bound to the place ``unit`` (a unit's code or name, of
    the role's kind), and write its signed enrolment file to ``out``.

    The file's private key is always sealed with a passphrase; without one, one is generated
    and returned so the caller shows it once (a lost file must not leak a usable key).
    """
    name = name.strip()
    if role not in ENROLLED_ROLES:
        raise ValidationError(f"角色必须是 {'、'.join(ENROLLED_ROLES)} 之一。")
    if not name or len(name) > 60:
        raise ValidationError("节点名称不能为空，且不超过60个字。")
    if not is_centre(store):
        raise SyncError("只有中心节点可以登记新节点。")
    place = _place_for(store, role, unit)
    if not out.parent.exists():
        raise StorageError(f"输出文件夹不存在：{out.parent}")
    registry = load_registry(store)
    if any(n.name == name and n.active for n in registry.nodes.values()):
        raise ValidationError(f"已有同名节点：{name}")
    return _issue(store, registry, name, role, place, out, passphrase, [])


def _place_for(store: Store, role: str, unit: str | None) -> Unit | None:
    """The unit a node of ``role`` is bound to; its kind must match the role."""
    from xhdesk.data.registry.units import UNIT_KINDS, find_unit

    if not (unit or "").strip():
        return None
    found = find_unit(store, str(unit))
    if found.kind != PLACE_FOR_ROLE[role]:
        raise ValidationError(
            f"{role_label(role)}节点须绑定一个{UNIT_KINDS[PLACE_FOR_ROLE[role]]}，"
            f"而“{found.name}”（{found.code}）是{UNIT_KINDS[found.kind]}。"
        )
    if not found.code:
        raise ValidationError(f"“{found.name}”还没有单位代码，请先为它设置代码。")
    return found


def _issue(
    store: Store,
    registry: Registry,
    name: str,
    role: str,
    place: Unit | None,
    out: Path,
    passphrase: str | None,
    others: list[NodeInfo],
) -> Enrolled:
    """Make a key for a new node, sign the registry with it (and ``others`` changed) and write
    its enrolment file, all in one transaction."""
    generated = not (passphrase or "").strip()
    passphrase = generate_passphrase() if generated else str(passphrase).strip()
    private, public = generate_keypair()
    node = NodeInfo(
        new_id(),
        name,
        role,
        public,
        place.kind if place else "",
        place.id if place else "",
        place.code if place else "",
    )
    state = store.local_state()
    changed = {n.id: n for n in others}
    nodes = [changed.get(n.id, n) for n in registry.nodes.values()]
    new_registry = _sign_registry(
        state["private_key"], store.node_id, registry.version + 1, [*nodes, node]
    )
    body = canonical(
        {
            "kind": "xhnode",
            "format": ENROL_FORMAT,
            "node": node.__dict__,
            "private_key": protect(private, passphrase),
            "centre": {
                "id": store.node_id,
                "name": store.node_name,
                "public_key": state["public_key"],
            },
            "registry": new_registry.to_json(),
        }
    )
    signature = sign_with(state["private_key"], body.encode("utf-8"))
    with store.unit_of_work(author="系统") as uow:
        uow.add(
            Node(
                id=node.id,
                name=name,
                role=role,
                public_key=public,
                committee_id=_place_id(place, "committee"),
                branch_id=_place_id(place, "branch"),
                station_id=_place_id(place, "station"),
            )
        )
        store._upsert_state(uow.session.connection(), registry_state(new_registry))
        # inside the transaction: if the file cannot be written, the node is not registered
        _write_atomic(out, canonical({"body": body, "signature": signature}).encode("utf-8"))
    return Enrolled(node, passphrase, generated)


def _place_id(place: Unit | None, kind: str) -> str | None:
    return place.id if place is not None and place.kind == kind else None


def read_enrolment(path: Path, passphrase: str | None) -> dict[str, Any]:
    """The verified content of an enrolment file, with the private key opened."""
    try:
        outer = json.loads(path.read_bytes().decode("utf-8"))
        body_text = str(outer["body"])
        body = json.loads(body_text)
        signature = unb64(outer["signature"])
        centre, node = body["centre"], body["node"]
    except FileNotFoundError as exc:
        raise StorageError(f"登记文件不存在：{path}") from exc
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise SyncError(f"不是有效的节点登记文件：{path}") from exc
    if body.get("kind") != "xhnode":
        raise SyncError(f"不是有效的节点登记文件：{path}")
    if int(body.get("format", 0)) > ENROL_FORMAT:
        raise SyncError("登记文件来自更新版本的软件，请升级软件。")
    if not verify_with(centre["public_key"], body_text.encode("utf-8"), signature):
        raise SyncError("登记文件的签名无效（文件已被改动或损坏）。")
    registry = Registry.from_json(body["registry"])
    if not registry.signed_by(centre["public_key"]) or node["id"] not in registry.nodes:
        raise SyncError("登记文件中的节点名册签名无效。")
    private = unprotect(body["private_key"], passphrase)
    if public_of(private) != node["public_key"]:
        raise SyncError("登记文件中的密钥不匹配。")
    return {"node": node, "private_key": private, "centre": centre, "registry": registry}


def _fresh_target(path: Path) -> Path:
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(f"文件已存在，只能初始化新的数据库：{path}")
    if not path.parent.exists():
        raise StorageError(f"数据库所在文件夹不存在：{path.parent}")
    part = path.with_name(path.name + ".part")
    _remove_db_files(part)
    return part


def _remove_db_files(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def init_centre(path: Path, name: str) -> NodeInfo:
    """Create a new centre database named ``name`` (it signs its own registry)."""
    name = name.strip()
    if not name or len(name) > 60:
        raise ValidationError("节点名称不能为空，且不超过60个字。")
    part = _fresh_target(path)
    try:
        with Store.open(part, node_name=name, role="centre") as store:
            load_registry(store)
            info = NodeInfo(store.node_id, name, "centre", store.local_state()["public_key"])
        part.replace(path)
    finally:
        _remove_db_files(part)
    return info


def init_from(path: Path, enrolment: Path, passphrase: str | None = None) -> NodeInfo:
    """Create the database of an enrolled node from its enrolment file."""
    content = read_enrolment(enrolment, passphrase)
    node, centre, registry = content["node"], content["centre"], content["registry"]
    part = _fresh_target(path)
    try:
        _prepare_identity(part, node, content["private_key"], centre, registry)
        with Store.open(part, create=False) as store:
            info = NodeInfo(store.node_id, store.node_name, store.node_role, node["public_key"])
        part.replace(path)
    finally:
        _remove_db_files(part)
    return info


def _prepare_identity(
    path: Path, node: dict[str, Any], private: str, centre: dict[str, Any], registry: Registry
) -> None:
    """Migrate an empty file and give it the enrolled identity before Store.open sees it."""
    from xhdesk.data.migrations import upgrade
    from xhdesk.data.sync.incarnation import new_incarnation

    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
        state = {
            "node_id": node["id"],
            "node_name": node["name"],
            "node_role": node["role"],
            "private_key": private,
            "public_key": node["public_key"],
            "sync_centre_id": centre["id"],
            "sync_centre_key": centre["public_key"],
            # each database made from the file is its own stream: two PCs set up from one
            # .xhnode never issue the same (origin, seq)
            "incarnation": new_incarnation(),
            "place_kind": str(node.get("unit_kind", "")),
            "place_id": str(node.get("unit_id", "")),
            "place_code": str(node.get("unit_code", "")),
            **registry_state(registry),
        }
        with engine.begin() as conn:
            Store._upsert_state(conn, state)
    finally:
        engine.dispose()


def role_label(role: str) -> str:
    return ROLES.get(role, role)


# -- node management at the centre (同步 → 节点管理) ----------------------------------------------


@dataclass(frozen=True)
class NodeRow:
    """One line of the node management list."""

    id: str
    name: str
    role: str
    unit_code: str
    unit_name: str
    last_package_at: str  # when the last package from it was imported here ("" if never)
    last_seq: int  # the highest change number of it held here (0 if none)
    clock: str  # 正常 / 时钟超前（…） / — (nothing from it yet)
    state: str  # active / revoked / retired

    @property
    def state_label(self) -> str:
        return NODE_STATES.get(self.state, self.state)


def find_node(store: Store, node: str) -> NodeInfo:
    """The registered node with this id or name (an active one before a revoked namesake)."""
    nodes = load_registry(store).nodes
    wanted = (node or "").strip()
    if wanted in nodes:
        return nodes[wanted]
    named = sorted((n for n in nodes.values() if n.name == wanted), key=lambda n: not n.active)
    if not named:
        known = "、".join(sorted(n.name for n in nodes.values()))
        raise ValidationError(f"没有名为“{wanted}”的节点。已登记的节点：{known or '（无）'}")
    return named[0]


def list_nodes(store: Store) -> list[NodeRow]:
    """Every node of the registry: place, the last package seen from it, its clock, its state."""
    from xhdesk.data.registry.units import list_units

    names = {u.id: u.name for u in list_units(store)}
    rows = []
    with store.engine.connect() as conn:
        for n in load_registry(store).nodes.values():
            last_at = conn.exec_driver_sql(
                "SELECT MAX(imported_at) FROM sync_package WHERE sender = ?", (n.id,)
            ).scalar()
            seq, hlc = conn.exec_driver_sql(
                "SELECT MAX(seq), MAX(hlc) FROM change WHERE origin = ? OR origin LIKE ?",
                (n.id, n.id + "~%"),
            ).one()
            rows.append(
                NodeRow(
                    n.id,
                    n.name,
                    n.role,
                    n.unit_code or ("ZX" if n.role == "centre" else ""),
                    names.get(n.unit_id, "全市" if n.role == "centre" else ""),
                    str(last_at or ""),
                    int(seq or 0),
                    _clock_health(hlc),
                    n.state,
                )
            )
    order = {"centre": 0, "committee": 1, "branch": 2, "station": 3}
    return sorted(rows, key=lambda r: (r.state != "active", order.get(r.role, 9), r.unit_code))


def _clock_health(hlc: int | None) -> str:
    from datetime import datetime

    from xhdesk.data.core.clock import wall_ms

    if not hlc:
        return "—"
    ahead = wall_ms(hlc) - int(datetime.now().timestamp() * 1000)
    if ahead > 24 * 3600 * 1000:
        when = datetime.fromtimestamp(wall_ms(hlc) / 1000).strftime("%Y-%m-%d %H:%M")
        return f"时钟超前（{when}）"
    return "正常"


def _managed(store: Store, node: str) -> tuple[Registry, NodeInfo]:
    if not is_centre(store):
        raise SyncError("只有中心节点可以管理节点。")
    found = find_node(store, node)
    if found.role == "centre":
        raise ValidationError("中心节点不能吊销、停用或更换。")
    if not found.active:
        raise ValidationError(f"节点“{found.name}”{NODE_STATES[found.state]}。")
    return load_registry(store), found


def _resign(store: Store, registry: Registry, changed: NodeInfo) -> None:
    nodes = [changed if n.id == changed.id else n for n in registry.nodes.values()]
    signed = _sign_registry(
        store.local_state()["private_key"], store.node_id, registry.version + 1, nodes
    )
    store.set_local_state(**registry_state(signed))


def _ended(store: Store, node: NodeInfo, state: str) -> NodeInfo:
    from dataclasses import replace

    from xhdesk.data.core.clock import pack

    stamp = max(store.clock.last, pack(time.time_ns() // 1_000_000, 0))
    return replace(node, state=state, revoked_hlc=stamp)


def revoke_node(store: Store, node: str) -> NodeInfo:
    """Revoke a node's key (lost PC): its packages are refused wherever the new registry arrives,
    and its changes stamped after now are quarantined when relayed by others."""
    registry, found = _managed(store, node)
    revoked = _ended(store, found, "revoked")
    _resign(store, registry, revoked)
    return revoked


def retire_node(store: Store, node: str) -> NodeInfo:
    """Retire a node that is no longer used; what it sent stays, nothing more is accepted."""
    registry, found = _managed(store, node)
    retired = _ended(store, found, "retired")
    _resign(store, registry, retired)
    return retired


def replace_node(store: Store, node: str, out: Path, passphrase: str | None = None) -> Enrolled:
    """A new key for the same place (a lost or broken PC): the old key is revoked in the same
    signed registry, and a new enrolment file with the same name and place is written."""
    from xhdesk.data.registry.units import unit_of

    registry, found = _managed(store, node)
    if not out.parent.exists():
        raise StorageError(f"输出文件夹不存在：{out.parent}")
    place = None
    if found.unit_id:
        with store.session() as session:
            place = unit_of(session, found.unit_kind, found.unit_id)
    revoked = _ended(store, found, "revoked")
    return _issue(store, registry, found.name, found.role, place, out, passphrase, [revoked])
