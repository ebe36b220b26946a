"""Certificate verification without a network.

The QR code on a certificate carries ``XHV1.<number>.<issuing node>.<signature>``: the certificate
number, the issuing node's id (16 bytes) and its Ed25519 signature over both, in upper-case base32
so that the QR code uses its compact alphanumeric mode. Anyone whose database knows the issuing
node (the node registry travels with sync) can check it: a changed number, node or signature fails.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from xhdesk.data.core import identity
from xhdesk.data.core.store import Store
from xhdesk.data.models import Node
from xhdesk.data.models.awards import Certificate

PREFIX = "XHV1"


def signed_payload(number: str, node_id: str) -> bytes:
    """What the issuing node signs for a certificate."""
    return f"xhdesk-certificate/v1|{number}|{node_id}".encode()


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    """Base32 without padding, refused unless canonical: the unused trailing bits of the last
    character must be zero, so that one certificate has exactly one code."""
    data = base64.b32decode(text + "=" * (-len(text) % 8))
    if _b32(data) != text:
        raise ValueError("non-canonical base32")
    return data


def sign_certificate(store: Store, number: str, key: Ed25519PrivateKey | None = None) -> str:
    """This node's signature over a certificate number, as stored (base32).

    A batch passes ``identity.private_key(store)`` as ``key`` so that it is read once.
    """
    if key is not None:
        return signature_with(number, store.node_id, key)
    return _b32(identity.sign(store, signed_payload(number, store.node_id)))


def signature_with(number: str, node_id: str, key: Ed25519PrivateKey) -> str:
    """The signature of node ``node_id`` (whose private key is ``key``) over a certificate."""
    return _b32(key.sign(signed_payload(number, node_id)))


def encode_code(number: str, node_id: str, signature: str) -> str:
    """The text the QR code carries."""
    return ".".join((PREFIX, number, _b32(uuid.UUID(node_id).bytes), signature))


def decode_code(code: str) -> tuple[str, str, bytes] | None:
    """(number, node id, signature bytes), or None if the text is not a certificate code."""
    parts = code.strip().upper().split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1]:
        return None
    try:
        node_id = str(uuid.UUID(bytes=_unb32(parts[2])))
        signature = _unb32(parts[3])
    except (binascii.Error, ValueError):
        return None
    return parts[1], node_id, signature


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this certificate genuine?"."""

    genuine: bool
    reason: str  # one line, Chinese
    number: str = ""
    node_id: str = ""
    issuer_node: str = ""  # the issuing node's name
    recipient: str = ""
    award_title: str = ""
    issuer: str = ""
    issued_on: date | None = None

    def summary(self) -> str:
        if not self.genuine:
            return self.reason
        who = (
            f"颁发给 {self.recipient}（{self.award_title}）"
            if self.recipient
            else "本机无该证书的登记信息"
        )
        when = f"，{self.issued_on:%Y-%m-%d}" if self.issued_on else ""
        return (
            f"证书 {self.number} 为真：由节点“{self.issuer_node}”签发，{who}"
            f"{('，颁发单位 ' + self.issuer) if self.issuer else ''}{when}。"
        )


def verify_code(store: Store, code: str) -> Verdict:
    """Check a scanned or typed certificate code against this database's node registry."""
    from xhdesk.data.awards.nominations import outcomes

    decoded = decode_code(code)
    if decoded is None:
        return Verdict(False, "验证码格式不正确：这不是本系统荣誉证书上的二维码内容。")
    number, node_id, signature = decoded
    with store.session() as session:
        node = session.get(Node, node_id)
        if node is None or not node.public_key:
            return Verdict(
                False, "签发节点不在本机的节点登记中，无法验证（请先导入同步包后再试）。", number
            )
        if not identity.verify(store, node_id, signed_payload(number, node_id), signature):
            return Verdict(
                False, "签名不符：证书编号或验证码已被改动，该证书不是本系统签发的。", number
            )
        cert = session.exec(select(Certificate).where(Certificate.number == number)).first()
        if cert is None:
            return Verdict(True, "签名有效", number, node_id, node.name)
        if cert.node_id != node_id:
            return Verdict(False, "证书编号与本机登记的签发节点不一致。", number)
        if outcomes(session, cert.award_id).get(cert.nomination_id) == "withdrawn":
            return Verdict(False, f"证书 {number} 已撤销：对应的评选结果已被取消。", number)
        return Verdict(
            True,
            "签名有效",
            number,
            node_id,
            node.name,
            cert.recipient,
            cert.award_title,
            cert.issuer,
            cert.issued_on,
        )
