"""Canonical JSON, signatures, and the passphrase that may protect a key inside an enrolment file."""

from __future__ import annotations

import base64
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from xhdesk.data.core.errors import SyncError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


def canonical(value: Any) -> str:
    """The one JSON spelling of a value: sorted keys, no spaces, Chinese kept as is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise SyncError("签名或密钥格式不正确。") from exc


def sign_with(private_b64: str, payload: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(unb64(private_b64)).sign(payload))


def public_of(private_b64: str) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(unb64(private_b64)).public_key()
    return b64(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def _kdf(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(
        passphrase.encode("utf-8")
    )


PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I to misread


def generate_passphrase() -> str:
    """A passphrase to read out or write down: 3 groups of 4 (60 bits)."""
    chars = "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(12))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def protect(private_b64: str, passphrase: str) -> dict[str, Any]:
    """The private key as stored in an enrolment file: always sealed with scrypt + AES-GCM.

    (Files from before carried it in clear; :func:`unprotect` still reads them.)
    """
    if not passphrase:
        raise ValueError("an enrolment file is always protected by a passphrase")
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kdf(passphrase, salt)).encrypt(nonce, unb64(private_b64), b"xhnode")
    return {
        "scheme": "scrypt-aesgcm",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": b64(salt),
        "nonce": b64(nonce),
        "sealed": b64(sealed),
    }


def unprotect(blob: dict[str, Any], passphrase: str | None) -> str:
    """The private key (base64) from :func:`protect`'s output."""
    scheme = blob.get("scheme")
    if scheme == "plain":
        return str(blob["key"])
    if scheme != "scrypt-aesgcm":
        raise SyncError("登记文件的密钥格式无法识别，请升级软件。")
    if not passphrase:
        raise SyncError("登记文件受口令保护，请用 --passphrase 提供口令。")
    salt = unb64(blob["salt"])
    kdf = Scrypt(salt=salt, length=32, n=int(blob["n"]), r=int(blob["r"]), p=int(blob["p"]))
    try:
        raw = AESGCM(kdf.derive(passphrase.encode("utf-8"))).decrypt(
            unb64(blob["nonce"]), unb64(blob["sealed"]), b"xhnode"
        )
    except InvalidTag as exc:
        raise SyncError("口令不正确，无法打开登记文件。") from exc
    return b64(raw)
