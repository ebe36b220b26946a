"""Pinyin of person names for search and sorting (张三 → "zhangsan", "zs").

pypinyin reads characters by their common reading; as surnames several read differently
(曾 zēng, 单 shàn, 解 xiè, …), and compound surnames (复姓) must stay together. The readings come
from ``resources/surnames.csv``. A person types either reading, so search indexes both: the
surname reading (name_pinyin, also the sort order) and the characters' common reading
(name_alt_keys, only where it differs), plus the given name alone (name_given: "xinghai" finds
王星海).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache, lru_cache

from xhdesk.data.core.paths import resources_dir

SURNAMES_FILE = "surnames.csv"


@cache
def surname_readings() -> dict[str, tuple[str, ...]]:
    """Surname → its syllables as a surname, from the shipped table (compound surnames included)."""
    path = resources_dir() / SURNAMES_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    return {row["surname"].strip(): tuple(row["reading"].split()) for row in rows}


def compound_surnames() -> dict[str, tuple[str, ...]]:
    return {k: v for k, v in surname_readings().items() if len(k) == 2}


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name): a compound surname from the table stays whole."""
    name = name.strip()
    if name[:2] in surname_readings() and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=65536)
def name_syllables(name: str) -> tuple[str, ...]:
    """Syllables of a person's name, the surname read as a surname."""
    name = name.strip()
    if not name:
        return ()
    surname, given = split_name(name)
    head = surname_readings().get(surname) or _common_syllables(surname)
    return tuple(s.lower() for s in [*head, *_given_syllables(given)])


@lru_cache(maxsize=65536)
def _given_syllables(given: str) -> tuple[str, ...]:
    # Imported here: pypinyin's phrase dictionary takes a second to load, and only writes need it.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(given, style=Style.NORMAL, v_to_u=False)) if given else ()


def _common_syllables(chars: str) -> tuple[str, ...]:
    """Each character by its own common reading (万俟 → wan si: what a person may type)."""
    return tuple(s for ch in chars for s in _given_syllables(ch))


def full_pinyin(name: str) -> str:
    return "".join(name_syllables(name))


def initials(name: str) -> str:
    return "".join(s[0] for s in name_syllables(name) if s)


def given_pinyin(name: str) -> str:
    """The given name's pinyin ("xinghai" for 王星海), so that it alone finds the person."""
    name = name.strip()
    if not name:
        return ""
    return "".join(s.lower() for s in _given_syllables(split_name(name)[1]))


def alt_keys(name: str) -> str:
    """The full pinyin and initials by the characters' common reading, where the surname's
    own reading differs (曾国藩 → " cengguofan cgf"); "" for most names.

    Each token is led by a space: a query matches where ``instr(keys, ' ' || q)`` finds it.
    """
    name = name.strip()
    if not name:
        return ""
    surname, given = split_name(name)
    common = _common_syllables(surname)
    if common == (surname_readings().get(surname) or common):
        return ""
    syl = [s.lower() for s in (*common, *_given_syllables(given))]
    return f" {''.join(syl)} {''.join(s[0] for s in syl if s)}"


def name_fields(name: str) -> dict[str, str]:
    """The derived pinyin columns of a person with this name."""
    return {
        "name_pinyin": full_pinyin(name),
        "name_initials": initials(name),
        "name_given": given_pinyin(name),
        "name_alt_keys": alt_keys(name),
    }


def normalise_query(text: str) -> str:
    """What a person typed, as search compares it: half-width, lower case, no spaces or quotes.

    "Zhang San", "ｚｈａｎｇ　ｓａｎ" and "xi'an" become "zhangsan" and "xian"; ü is typed v.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if re.fullmatch(r"[A-Za-zÜü'’\s]+", text):
        return re.sub(r"['’\s]+", "", text).lower().replace("ü", "v")
    if re.fullmatch(r"[\d\sXx-]+", text):
        return re.sub(r"[\s-]+", "", text).upper()
    return re.sub(r"\s+", "", text)


def sort_key(name: str) -> str:
    """Pinyin sort key: syllables separated so that "li" sorts before "lin"."""
    return " ".join(name_syllables(name))
