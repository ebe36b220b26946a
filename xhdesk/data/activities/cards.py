"""The code on a member card (党员服务卡): what a scanner gun types into the sign-in field.

``XHP1.<person>.<issuing node>.<signature>``: the person's id and the issuing node's id (16 bytes
each) and the node's Ed25519 signature over both, in upper-case base32 so that the QR code uses its
compact alphanumeric mode and a scanner gun types only characters every keyboard layout has. Any
desk whose node registry knows the issuing node checks it offline; a card whose person id was
altered, or one made up by hand, fails.
"""

from __future__ import annotations

import base64
import binascii
import uuid

from xhdesk.data.core import identity
from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.models import Person

PREFIX = "XHP1"


def _payload(person_id: str, node_id: str) -> bytes:
    return f"xhdesk-member-card/v1|{person_id}|{node_id}".encode()


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    data = base64.b32decode(text + "=" * (-len(text) % 8))
    if _b32(data) != text:
        raise ValueError("non-canonical base32")
    return data


def member_code(store: Store, person_id: str) -> str:
    """The signed card code of a person, issued by this node."""
    signature = identity.sign(store, _payload(person_id, store.node_id))
    return ".".join(
        (
            PREFIX,
            _b32(uuid.UUID(person_id).bytes),
            _b32(uuid.UUID(store.node_id).bytes),
            _b32(signature),
        )
    )


def person_of_code(store: Store, code: str) -> str:
    """The person id a scanned card code names, after checking its signature.

    Raises ValidationError (not a card code, or a forged one) or NotFoundError (the person is not
    in this desk's registry), each a sentence for the operator.
    """
    parts = code.strip().upper().split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise ValidationError("这不是党员服务卡上的二维码，请重新扫描或改用姓名查找。")
    try:
        person_id = str(uuid.UUID(bytes=_unb32(parts[1])))
        node_id = str(uuid.UUID(bytes=_unb32(parts[2])))
        signature = _unb32(parts[3])
    except (binascii.Error, ValueError):
        raise ValidationError("二维码内容不完整，请重新扫描。") from None
    if identity.public_key_of(store, node_id) is None:
        raise ValidationError("发卡节点不在本机的节点登记中，无法核验（请先导入同步包）。")
    if not identity.verify(store, node_id, _payload(person_id, node_id), signature):
        raise ValidationError("服务卡核验未通过：二维码被改动或不是本系统签发。")
    with store.session() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError("持卡人不在本机的人员库中（可改用姓名查找或导入同步包）。")
    return person_id
