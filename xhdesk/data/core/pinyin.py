"""Pinyin of person names for search and sorting (张三 → "zhangsan", "zs").

pypinyin reads characters by their common reading; as surnames several read differently
(曾 zēng, 单 shàn, 解 xiè, …), and compound surnames must stay together.
"""

from __future__ import annotations

from functools import lru_cache

COMPOUND_SURNAMES = {
    "欧阳": ["ou", "yang"],
    "司马": ["si", "ma"],
    "诸葛": ["zhu", "ge"],
    "上官": ["shang", "guan"],
    "司徒": ["si", "tu"],
    "东方": ["dong", "fang"],
    "皇甫": ["huang", "fu"],
    "尉迟": ["yu", "chi"],
    "公孙": ["gong", "sun"],
    "慕容": ["mu", "rong"],
    "夏侯": ["xia", "hou"],
    "令狐": ["ling", "hu"],
}
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "覃": "qin",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "尉": "yu",
    "繁": "po",
    "召": "shao",
    "员": "yun",
    "种": "chong",
    "沈": "shen",
    "秘": "bi",
    "柏": "bai",
    "翟": "zhai",
    "华": "hua",
    "任": "ren",
    "黑": "he",
    "长": "zhang",
    "万": "wan",
    "么": "yao",
    "石": "shi",
}


@lru_cache(maxsize=65536)
def name_syllables(name: str) -> tuple[str, ...]:
    """Syllables of a person's name, the surname read as a surname."""
    name = name.strip()
    if not name:
        return ()
    if name[:2] in COMPOUND_SURNAMES:
        head, rest = COMPOUND_SURNAMES[name[:2]], name[2:]
    elif name[0] in SURNAME_READINGS:
        head, rest = [SURNAME_READINGS[name[0]]], name[1:]
    else:
        head, rest = list(_given_syllables(name[0])), name[1:]
    return tuple(s.lower() for s in [*head, *_given_syllables(rest)])


@lru_cache(maxsize=65536)
def _given_syllables(given: str) -> tuple[str, ...]:
    # Imported here: pypinyin's phrase dictionary takes a second to load, and only writes need it.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(given, style=Style.NORMAL, v_to_u=False)) if given else ()


def full_pinyin(name: str) -> str:
    return "".join(name_syllables(name))


def initials(name: str) -> str:
    return "".join(s[0] for s in name_syllables(name) if s)


def sort_key(name: str) -> str:
    """Pinyin sort key: syllables separated so that "li" sorts before "lin"."""
    return " ".join(name_syllables(name))
