"""Short human unit codes (S01 for stations; two letters such as JT for committees).

A small stand-in until the network data (#11a) provides ``next_unit_code`` and
``check_unit_code`` for every unit kind; the organisation services call only these two.
"""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.models import Committee, Station

_MODELS: dict[str, Any] = {"committee": Committee, "station": Station}
_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_PREFIX = {"committee": "C", "station": "S"}


def _used(session: Session, kind: str) -> set[str]:
    model = _MODELS[kind]
    return {c.upper() for c in session.exec(select(model.code)).all()}


def next_code(session: Session, kind: str) -> str:
    """The next free code of ``kind``: S01, S02 … (C01 … for committees without a typed code)."""
    used = _used(session, kind)
    n = 1
    while f"{_PREFIX[kind]}{n:02d}" in used:
        n += 1
    return f"{_PREFIX[kind]}{n:02d}"


def check_code(session: Session, kind: str, code: str) -> str:
    """A typed code, normalised; refused if malformed or already used."""
    code = code.strip().upper()
    if not _PATTERN.match(code):
        raise ValidationError(
            "单位代码应为2到6位大写字母或数字，以字母开头（如 JT、S37）。", field="code"
        )
    if code in _used(session, kind):
        raise ValidationError(f"单位代码 {code} 已被使用。", field="code")
    return code
