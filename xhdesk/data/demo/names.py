"""Fictional names, phones and ID numbers drawn like the real population's."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

from xhdesk.data.core.validation import id_check_char

# Common surnames with weights close to their frequency in Jiangsu; the ones that pinyin libraries
# misread as surnames and a few compound surnames are included on purpose.
SURNAMES: list[tuple[str, float]] = [
    ("王", 7.2),
    ("李", 6.8),
    ("张", 6.6),
    ("刘", 5.4),
    ("陈", 5.1),
    ("杨", 3.2),
    ("黄", 2.3),
    ("赵", 2.2),
    ("吴", 2.0),
    ("周", 1.9),
    ("徐", 1.6),
    ("孙", 1.5),
    ("马", 1.3),
    ("朱", 1.3),
    ("胡", 1.2),
    ("郭", 1.1),
    ("何", 1.1),
    ("高", 1.0),
    ("林", 1.0),
    ("罗", 0.9),
    ("郑", 0.9),
    ("梁", 0.8),
    ("谢", 0.8),
    ("宋", 0.7),
    ("唐", 0.7),
    ("许", 0.7),
    ("韩", 0.6),
    ("冯", 0.6),
    ("邓", 0.6),
    ("曹", 0.6),
    ("彭", 0.5),
    ("曾", 0.5),
    ("肖", 0.5),
    ("田", 0.5),
    ("董", 0.5),
    ("袁", 0.5),
    ("潘", 0.4),
    ("于", 0.4),
    ("蒋", 0.4),
    ("蔡", 0.4),
    ("余", 0.4),
    ("杜", 0.4),
    ("叶", 0.4),
    ("程", 0.4),
    ("苏", 0.4),
    ("魏", 0.3),
    ("吕", 0.3),
    ("丁", 0.3),
    ("任", 0.3),
    ("沈", 0.3),
    ("姚", 0.3),
    ("卢", 0.3),
    ("姜", 0.3),
    ("崔", 0.3),
    ("钟", 0.3),
    ("谭", 0.3),
    ("陆", 0.3),
    ("汪", 0.3),
    ("范", 0.3),
    ("金", 0.3),
    ("石", 0.2),
    ("廖", 0.2),
    ("贾", 0.2),
    ("夏", 0.2),
    ("韦", 0.2),
    ("顾", 0.2),
    ("缪", 0.1),
    ("翟", 0.1),
    ("戴", 0.2),
    ("卞", 0.1),
    ("单", 0.08),
    ("解", 0.06),
    ("仇", 0.05),
    ("查", 0.05),
    ("盖", 0.03),
    ("乐", 0.04),
    ("覃", 0.04),
    ("区", 0.02),
    ("朴", 0.02),
    ("欧阳", 0.04),
    ("司马", 0.01),
    ("诸葛", 0.01),
    ("上官", 0.01),
]
MALE_CHARS = (
    "帅顺松盛森伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆亮建国志峰东文龙海洋晨阳成林"
)
FEMALE_CHARS = "淑诗思素芳娜敏静丽艳娟霞秀玲燕红梅琳婷雪倩慧颖洁萍琴云莉蕾丹晶月欣怡悦佳"
# Mobile operators' prefixes; the rest of the number is random, so every phone is fictional.
PHONE_PREFIXES = (
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "180",
    "181",
    "182",
    "187",
    "188",
    "189",
    "177",
    "199",
)
# Xinghua (321281) mostly; neighbours and other provinces for workers who came from elsewhere.
REGIONS = [
    ("321281", 0.78),
    ("321202", 0.05),
    ("321283", 0.04),
    ("320981", 0.03),
    ("341221", 0.04),
    ("411524", 0.03),
    ("513029", 0.03),
]


_SURNAME_VALUES = [s for s, _ in SURNAMES]
_SURNAME_CUM = list(accumulate(w for _, w in SURNAMES))
_REGION_VALUES = [r for r, _ in REGIONS]
_REGION_CUM = list(accumulate(w for _, w in REGIONS))


def person_name(rng: random.Random, gender: str) -> str:
    surname = rng.choices(_SURNAME_VALUES, cum_weights=_SURNAME_CUM)[0]
    pool = MALE_CHARS if gender == "男" else FEMALE_CHARS
    given = rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)
    return surname + given


def phone(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def id_number(rng: random.Random, birth: date, gender: str, used: set[str]) -> str:
    region = rng.choices(_REGION_VALUES, cum_weights=_REGION_CUM)[0]
    while True:
        seq = rng.randrange(0, 100) * 10 + rng.choice(
            (1, 3, 5, 7, 9) if gender == "男" else (0, 2, 4, 6, 8)
        )
        first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
        number = first17 + id_check_char(first17)
        if number not in used:
            used.add(number)
            return number


def birth_date(rng: random.Random, today: date, youngest: int = 19, oldest: int = 58) -> date:
    days = rng.randrange(youngest * 365, oldest * 365)
    return today - timedelta(days=days)
