"""Redaction of free text before it is printed or exported: the one function every page uses.

A description, a reason or a remark may hold someone's ID number or mobile number typed by hand.
``redact`` masks every form below wherever it appears in the text; other numbers (landlines such as
0523-83239876, request numbers, dates) are left as they are. Digits may be half- or full-width,
groups may be separated by a space, a hyphen or a full-width space; the masked digits become ``*``.

| form                               | example                  | printed as                 |
|------------------------------------|--------------------------|----------------------------|
| 18-digit ID number                 | 32128119900101123X       | 321281********123X         |
| 18-digit ID number, grouped        | 321281 19900101 123X     | 321281 ******** 123X       |
| 15-digit ID number (before 1999)   | 321281900101123          | 321281******123            |
| mobile number                      | 13812345678              | 138****5678                |
| mobile number with hyphens         | 138-1234-5678            | 138-****-5678              |
| mobile number with spaces          | 138 1234 5678            | 138 **** 5678              |
| with +86 / 86 / ＋86 prefix         | +86 138 1234 5678        | +86 138 **** 5678          |
| full-width digits                  | １３８１２３４５６７８       | １３８****５６７８             |
"""

from __future__ import annotations

import re
from typing import Any

_D = "[0-9０-９]"
_SEP = "[ \\-－\u3000]?"
_NOT_DIGIT_BEFORE = "(?<![0-9０-９])"
_NOT_DIGIT_AFTER = "(?![0-9０-９])"

_ID18 = re.compile(
    f"{_NOT_DIGIT_BEFORE}({_D}{{6}})({_SEP})({_D}{{8}})({_SEP})({_D}{{3}}[0-9０-９XxＸｘ])"
    f"(?![0-9０-９XxＸｘ])"
)
_ID15 = re.compile(f"{_NOT_DIGIT_BEFORE}({_D}{{6}})({_D}{{6}})({_D}{{3}}){_NOT_DIGIT_AFTER}")
_MOBILE = re.compile(
    f"(?<![0-9０-９+＋])((?:[+＋]?[8８][6６][ \\-－\u3000]?)?[1１][3-9３-９]{_D})"
    f"({_SEP})({_D}{{4}})({_SEP})({_D}{{4}}){_NOT_DIGIT_AFTER}"
)

# (example, printed as) for every form; the tests print each one.
FORMATS: tuple[tuple[str, str], ...] = (
    ("32128119900101123X", "321281********123X"),
    ("321281 19900101 123X", "321281 ******** 123X"),
    ("321281900101123", "321281******123"),
    ("13812345678", "138****5678"),
    ("138-1234-5678", "138-****-5678"),
    ("138 1234 5678", "138 **** 5678"),
    ("+86 138 1234 5678", "+86 138 **** 5678"),
    ("+8613812345678", "+86138****5678"),
    ("8613812345678", "86138****5678"),
    ("＋８６１３８１２３４５６７８", "＋８６１３８****５６７８"),
    ("１３８１２３４５６７８", "１３８****５６７８"),
)


def redact(text: Any) -> str:
    """``text`` with every ID number and mobile number in it masked (see the table above)."""
    value = "" if text is None else str(text)
    value = _ID18.sub(lambda m: m[1] + m[2] + "********" + m[4] + m[5], value)
    value = _MOBILE.sub(lambda m: m[1] + m[2] + "****" + m[4] + m[5], value)
    return _ID15.sub(lambda m: m[1] + "******" + m[3], value)
