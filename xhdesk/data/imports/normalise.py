"""Turning a cell as Excel or WPS left it into the text the dialogs would have received.

Full-width digits and letters (３２１２８１…) become half-width, spaces in numbers go, numbers
Excel stored as floats become their digits again — except an 18-digit ID number stored as a number,
whose last digits Excel has already lost (3.21281E+17): that is refused as unrecoverable. Dates come
as dates, as text, or as Excel serial numbers (45000 = 2023-03-15).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from xhdesk.data.core.errors import ValidationError

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's 1900-02-29
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")
_SPACES = re.compile(r"\s+")
_DIGITS_AND_LATIN = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)
MANGLED_ID = (
    "身份证号码被Excel存成了数字（如 3.21281E+17），后几位已丢失，无法恢复；"
    "请把该列设为文本格式，重新填写后再导入。"
)


def half_width(text: str) -> str:
    """３２１２８１ → 321281, ＡＢ → AB; other characters (Chinese punctuation) are kept."""
    return text.translate(_DIGITS_AND_LATIN)


def is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def number_text(value: Any) -> str:
    """A number cell's digits (13812345678.0 → "13812345678"); text is made half-width."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return half_width(str(value))


def text(value: Any) -> str:
    """Ordinary text: trimmed; a whole number keeps no ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.5E}"  # as Excel shows a number too long for it: 3.21281E+17
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\u3000", " ").strip()


def name(value: Any) -> str:
    """A person's name: offices pad two-character names with spaces (王  五)."""
    return _SPACES.sub("", text(value))


def compact_number(value: Any) -> str:
    """Phone, code: half-width, without spaces or the dashes people type in numbers."""
    return _SPACES.sub("", number_text(value)).strip()


def id_number(value: Any) -> str:
    """An ID number's 18 characters; a float-mangled one raises :class:`ValidationError`."""
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        if abs(value) >= 1e15:  # Excel keeps 15 significant digits: the rest are gone
            raise ValidationError(MANGLED_ID, field="id_number")
        return number_text(value)
    cleaned = _SPACES.sub("", half_width(str(value))).upper()
    if _SCIENTIFIC.match(cleaned):
        raise ValidationError(MANGLED_ID, field="id_number")
    return cleaned.removesuffix(".0") if cleaned.endswith(".0") else cleaned


def a_date(value: Any) -> date | str:
    """A date cell: a date, or an Excel serial number as a date, or text for ``parse_date``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float | int) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # up to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValidationError(f"日期格式应为 2026-11-28：{number_text(value)}。")
    return _SPACES.sub("", half_width(str(value)))


def choice_key(value: Any) -> str:
    """A label as people type it: half-width, no spaces, for looking up in a vocabulary."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text(value)))
