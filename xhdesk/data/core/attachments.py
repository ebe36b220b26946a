"""Files kept inside the database (declaration attachments, 随手拍 photos): one way to name,
size-check and fingerprint them, so that sync can verify what arrives by its hash."""

from __future__ import annotations

import hashlib
import mimetypes
from typing import Any

from xhdesk.data.core.errors import ValidationError


def file_name(filename: str | None) -> str:
    """The bare file name a user picked (no folders, at most 120 characters)."""
    return (filename or "").strip().replace("\\", "/").rsplit("/", 1)[-1][:120]


def check_content(noun: str, name: str, data: bytes, max_bytes: int) -> None:
    """Refuse an empty file or one over ``max_bytes``, naming it (``noun`` is 附件 or 照片)."""
    if not data:
        raise ValidationError(f"{noun}「{name}」是空文件。")
    if len(data) > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise ValidationError(f"{noun}「{name}」超过{mb}MB，请压缩后再上传。")


def stored_file(name: str, data: bytes, author: str) -> dict[str, Any]:
    """The columns every stored file has: name, type, size, SHA-256, the bytes and who added it."""
    return {
        "filename": name,
        "mime": mimetypes.guess_type(name)[0] or "application/octet-stream",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "data": data,
        "added_by": author[:30],
    }
