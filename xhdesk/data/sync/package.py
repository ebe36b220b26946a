"""The package file (.xhsync): a zip with a signed manifest, the node registry and the changes.

Members: ``manifest.json`` (format, schema and app versions, package id, sender, created HLC, the
sender's version vector, the signed ranges, size and SHA-256 of every other member),
``manifest.sig`` (Ed25519 over the exact manifest bytes), ``registry.json`` (the centre-signed node
registry) and ``changes.jsonl``. :func:`read_package` checks all of it before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xhdesk.data.core.errors import StorageError, SyncError
from xhdesk.data.core.identity import verify_with
from xhdesk.data.sync.keys import canonical, unb64
from xhdesk.data.sync.nodes import NodeInfo, Registry
from xhdesk.data.sync.vector import lines_digest, range_payload

FORMAT_MAJOR, FORMAT_MINOR = 1, 0
MEMBERS = ("manifest.json", "manifest.sig", "registry.json", "changes.jsonl")
MAX_MEMBER_BYTES = 2 * 1024**3
SEAL_LENGTH = 64  # hex SHA-256 in the zip comment


@dataclass
class SignedRange:
    origin: str
    first: int
    last: int
    sha256: str
    signature: str
    lines: list[bytes] = field(default_factory=list)
    # seqs whose line the centre sent with a person's personal fields masked (data by place):
    # the range then stands on the centre's manifest signature, not the origin's
    redacted: list[int] = field(default_factory=list)

    def header(self) -> dict[str, Any]:
        head: dict[str, Any] = {
            "origin": self.origin,
            "first": self.first,
            "last": self.last,
            "sha256": self.sha256,
            "signature": self.signature,
        }
        if self.redacted:
            head["redacted"] = self.redacted
        return head

    def verify(self, public_key: str) -> bool:
        payload = range_payload(self.origin, self.first, self.last, self.sha256)
        return verify_with(public_key, payload, unb64(self.signature))


@dataclass
class Package:
    manifest: dict[str, Any]
    registry: Registry
    ranges: list[SignedRange]

    @property
    def id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def sender(self) -> str:
        return str(self.manifest["sender"])


def write_package(
    path: Path, manifest: dict[str, Any], sign: Any, registry: Registry, ranges: list[SignedRange]
) -> int:
    """Write the zip to a temporary file beside ``path`` and rename it; returns its size."""
    changes = b"".join(line + b"\n" for r in ranges for line in r.lines)
    registry_bytes = canonical(registry.to_json()).encode("utf-8")
    members = {"registry.json": registry_bytes, "changes.jsonl": changes}
    manifest = {
        **manifest,
        "format": [FORMAT_MAJOR, FORMAT_MINOR],
        "ranges": [r.header() for r in ranges],
        "members": {
            name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
        },
    }
    manifest_bytes = canonical(manifest).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("manifest.json", manifest_bytes)
        zf.writestr("manifest.sig", sign(manifest_bytes))
        for name, data in members.items():
            zf.writestr(name, data)
        zf.comment = b"0" * SEAL_LENGTH
    sealed = _seal(buffer.getvalue())
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with part.open("wb") as fh:
            fh.write(sealed)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"无法写入同步包：{path}（{exc.strerror}）") from exc
    return path.stat().st_size


def _seal(data: bytes) -> bytes:
    """Put the SHA-256 of everything before the zip comment into the comment.

    The signatures prove who wrote the content; the seal makes the file itself tamper-evident,
    so a package damaged anywhere — even in zip metadata that no member covers — or repacked by
    another tool is refused instead of half-trusted.
    """
    body = data[:-SEAL_LENGTH]
    return body + hashlib.sha256(body).hexdigest().encode("ascii")


def _unseal(data: bytes) -> bytes:
    body, seal = data[:-SEAL_LENGTH], data[-SEAL_LENGTH:]
    eocd = body[-22:]
    if (
        len(data) < 22 + SEAL_LENGTH
        or eocd[:4] != b"PK\x05\x06"
        or int.from_bytes(eocd[20:22], "little") != SEAL_LENGTH
        or hashlib.sha256(body).hexdigest().encode("ascii") != seal
    ):
        raise SyncError("同步包已损坏或被改动（文件校验失败），已拒绝。")
    return data


def _read_members(path: Path) -> dict[str, bytes]:
    try:
        data = _unseal(path.read_bytes())
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if sorted(names) != sorted(MEMBERS):
                raise SyncError("同步包内容不完整或含有多余文件，已拒绝。")
            if any(i.file_size > MAX_MEMBER_BYTES for i in infos):
                raise SyncError("同步包过大或已损坏，已拒绝。")
            return {name: zf.read(name) for name in names}  # read() checks each CRC
    except FileNotFoundError as exc:
        raise StorageError(f"同步包文件不存在：{path}") from exc
    except IsADirectoryError as exc:
        raise StorageError(f"这是一个文件夹，不是同步包：{path}") from exc
    except PermissionError as exc:
        raise StorageError(f"无法读取同步包：{path}（没有权限）") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise SyncError("同步包已损坏（压缩包校验失败），已拒绝。") from exc


def _json(data: bytes, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SyncError(f"同步包的{what}无法读取，已拒绝。") from exc


def _check_format(manifest: Any) -> None:
    try:
        major = int(manifest["format"][0])
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SyncError("同步包的清单格式不正确，已拒绝。") from exc
    if major > FORMAT_MAJOR:
        raise SyncError("同步包来自更新版本的软件，请升级软件后再导入。")
    fields_ok = (
        isinstance(manifest.get("package_id"), str)
        and isinstance(manifest.get("sender"), str)
        and isinstance(manifest.get("created_hlc"), int)
        and isinstance(manifest.get("vector"), dict)
        and isinstance(manifest.get("ranges"), list)
    )
    if not fields_ok:
        raise SyncError("同步包的清单格式不正确，已拒绝。")


def choose_registry(local: Registry, offered: Registry, centre_key: str) -> Registry:
    """The newer of our registry and a package's, if the package's is signed by our centre."""
    if offered.body == local.body:
        return local
    if not offered.signed_by(centre_key) or offered.centre_id != local.centre_id:
        raise SyncError("同步包中的节点名册不是本中心签发的，已拒绝。")
    return offered if offered.version > local.version else local


def read_package(path: Path, local: Registry, centre_key: str) -> Package:
    """Open and verify a package; raises SyncError (nothing written) on any failed check."""
    members = _read_members(path)
    manifest_bytes = members["manifest.json"]
    manifest = _json(manifest_bytes, "清单")
    if not isinstance(manifest, dict):
        raise SyncError("同步包的清单格式不正确，已拒绝。")
    _check_format(manifest)
    registry = choose_registry(
        local, Registry.from_json(_json(members["registry.json"], "节点名册")), centre_key
    )
    nodes = registry.nodes
    sender = nodes.get(str(manifest.get("sender")))
    if sender is None or not verify_with(
        sender.public_key, manifest_bytes, members["manifest.sig"]
    ):
        raise SyncError("同步包的签名无效或来自未登记的节点，已拒绝。")
    _check_members(manifest, members)
    by_centre = sender.id == registry.centre_id
    ranges = _split_ranges(manifest, members["changes.jsonl"], nodes, by_centre)
    return Package(manifest, registry, ranges)


def _check_members(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    listed = manifest.get("members")
    if not isinstance(listed, dict) or set(listed) != {"registry.json", "changes.jsonl"}:
        raise SyncError("同步包的清单格式不正确，已拒绝。")
    for name, meta in listed.items():
        data = members[name]
        if (
            not isinstance(meta, dict)
            or meta.get("size") != len(data)
            or meta.get("sha256") != hashlib.sha256(data).hexdigest()
        ):
            raise SyncError(f"同步包中的 {name} 与清单不符（文件已损坏或被改动），已拒绝。")


def _split_ranges(
    manifest: dict[str, Any], changes: bytes, nodes: dict[str, NodeInfo], by_centre: bool = False
) -> list[SignedRange]:
    lines = changes.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out: list[SignedRange] = []
    pos = 0
    try:
        headers = list(manifest["ranges"])
        for h in headers:
            r = SignedRange(
                str(h["origin"]),
                int(h["first"]),
                int(h["last"]),
                str(h["sha256"]),
                str(h["signature"]),
                redacted=[int(seq) for seq in h.get("redacted", [])],
            )
            count = r.last - r.first + 1
            if r.redacted and not (
                by_centre and all(r.first <= seq <= r.last for seq in r.redacted)
            ):
                raise SyncError("同步包中有经遮盖的变更，但不是由中心节点签发的，已拒绝。")
            if r.first < 1 or count < 1 or pos + count > len(lines):
                raise SyncError("同步包的变更范围与内容不符，已拒绝。")
            r.lines = lines[pos : pos + count]
            pos += count
            out.append(r)
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncError("同步包的清单格式不正确，已拒绝。") from exc
    if pos != len(lines):
        raise SyncError("同步包的变更范围与内容不符，已拒绝。")
    for r in out:
        origin = nodes.get(r.origin.split("~", 1)[0])  # a stream is node[~incarnation]
        if origin is None:
            raise SyncError("同步包含有未登记节点的变更，已拒绝。")
        if r.redacted:
            continue  # masked by the centre: the manifest's signature covers these lines
        if lines_digest(r.lines) != r.sha256 or not r.verify(origin.public_key):
            raise SyncError(f"同步包中来自“{origin.name}”的变更签名无效，已拒绝。")
    return out
