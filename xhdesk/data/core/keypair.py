"""Ed25519 key pairs as base64 text: made and checked without a database.

Kept apart from :mod:`identity` (which reads and writes this node's key in the store) so that the
store can give a new database its key without importing the module that imports the store.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def generate_keypair() -> tuple[str, str]:
    """(private, public) as base64 of the raw 32-byte keys."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _b64(private), _b64(public)


def verify_with(public_key_b64: str, payload: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64)).verify(
            signature, payload
        )
    except (InvalidSignature, ValueError):
        return False
    return True
