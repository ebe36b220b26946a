"""Validation of the identifiers people type: ID numbers, credit codes, phones, dates.

All validators raise :class:`ValidationError` with a Chinese message, or return a normalised value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from xhdesk.data.core.errors import ValidationError

# GB 11643-1999: weights 2^(17-i) mod 11, check characters by remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB 32100-2015: 18 characters from this alphabet (no I, O, Z, S, V).
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_PHONE = re.compile(r"^1[3-9]\d{9}$")


def normalise_code(value: str | None) -> str:
    """An identifier as typed or pasted, made comparable: half-width, no spaces or dashes, upper.

    "３２１２８１ 19900101 123x" → "32128119900101123X"; used before every check and comparison.
    """
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s\-‐－—]+", "", text).upper()


def id_check_char(first17: str) -> str:
    """Check character of an 18-digit resident ID number (GB 11643)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: date
    gender: str  # "男" / "女"
    region: str  # the six-digit division code


def parse_id_number(value: str) -> IdInfo:
    """Validate an 18-character ID number and derive birth date and gender from it."""
    number = normalise_code(value)
    if not number:
        raise ValidationError("请填写身份证号码。", field="id_number")
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        raise ValidationError(
            "身份证号码应为18位，前17位为数字，最后一位为数字或X。", field="id_number"
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期无效。", field="id_number") from None
    if birth.year < 1900 or birth > date.today():
        raise ValidationError("身份证号码中的出生日期无效。", field="id_number")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新输入。", field="id_number")
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, gender=gender, region=number[:6])


def uscc_check_char(first17: str) -> str:
    """Check character of a unified social credit code (GB 32100)."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Validate an 18-character unified social credit code; returns it upper-cased."""
    code = normalise_code(value)
    if not code:
        raise ValidationError("请填写统一社会信用代码。", field="credit_code")
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        raise ValidationError(
            "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。", field="credit_code"
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(
            "统一社会信用代码校验位不正确，请核对后重新输入。", field="credit_code"
        )
    return code


def validate_phone(value: str, *, required: bool = True) -> str:
    """Validate an 11-digit mainland mobile number; spaces and dashes are ignored."""
    phone = normalise_code(value)
    if not phone:
        if required:
            raise ValidationError("请填写手机号码。", field="phone")
        return ""
    if not _PHONE.match(phone):
        raise ValidationError("手机号码应为以1开头的11位数字。", field="phone")
    return phone


def parse_date(value: str | date | None, *, field: str = "date", label: str = "日期") -> date:
    """Parse 2026-11-28, 2026/11/28, 20261128 or 2026年11月28日."""
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。", field=field)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text
    )
    if not m:
        raise ValidationError(f"{label}格式应为 2026-11-28。", field=field)
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValidationError(f"{label}不存在：{text}。", field=field) from None


def require_text(value: str | None, *, field: str, label: str, max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise ValidationError(f"{label}不能超过{max_length}个字。", field=field)
    return text


def mask_id_number(number: str | None) -> str:
    """321281199001011234 → 321281********1234 (for every screen but the edit dialog)."""
    if not number or len(number) < 10:
        return number or ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """13812345678 → 138****5678."""
    if not phone or len(phone) != 11:
        return phone or ""
    return phone[:3] + "****" + phone[-4:]
