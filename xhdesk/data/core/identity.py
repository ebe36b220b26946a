"""This node's Ed25519 key: signing certificates and packages, verifying other nodes' signatures.

The private key lives in ``local_state`` (never synced); the public key travels in the ``node``
registry row, so every installation that has the registry can verify what this node signed.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from xhdesk.data.core.keypair import generate_keypair, verify_with
from xhdesk.data.core.store import Store
from xhdesk.data.models import Node

__all__ = [
    "ensure_keypair",
    "generate_keypair",
    "private_key",
    "public_key_of",
    "sign",
    "verify",
    "verify_with",
]


def ensure_keypair(store: Store) -> str:
    """Give this node a key pair if it has none; returns the public key (base64)."""
    state = store.local_state()
    if "private_key" in state:
        return state["public_key"]
    private, public = generate_keypair()
    store.set_local_state(private_key=private, public_key=public)
    with store.unit_of_work(author="系统") as uow:
        node = uow.session.get(Node, store.node_id)
        if node is not None:
            node.public_key = public
    return public


def private_key(store: Store) -> Ed25519PrivateKey:
    ensure_keypair(store)
    raw = base64.b64decode(store.local_state()["private_key"])
    return Ed25519PrivateKey.from_private_bytes(raw)


def sign(store: Store, payload: bytes) -> bytes:
    return private_key(store).sign(payload)


def public_key_of(store: Store, node_id: str) -> str | None:
    with store.session() as session:
        node = session.get(Node, node_id)
        return node.public_key if node is not None and node.public_key else None


def verify(store: Store, node_id: str, payload: bytes, signature: bytes) -> bool:
    """True if ``signature`` over ``payload`` was made by node ``node_id`` (as the registry knows it)."""
    key = public_key_of(store, node_id)
    return key is not None and verify_with(key, payload, signature)
