"""``xhdesk persons``: the members tab's search from the command line, surnames read right."""

from __future__ import annotations

import json

import pytest

from xhdesk.cli import main
from xhdesk.cli.persons import persons_rows
from xhdesk.data.core import pinyin
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.registry.persons import add_person

GIVEN = "国庆"  # 国庆 guo qing: a given name every reading ends with


def _add(store, name: str, index: int, **extra) -> None:
    first17 = f"3212811990{index % 12 + 1:02d}{index % 28 + 1:02d}{index:03d}"
    add_person(
        store,
        {
            "name": name,
            "id_number": first17 + id_check_char(first17),
            "phone": f"139{index:08d}",
            "occupation": "rider",
            **extra,
        },
    )


def _search(capsys, path, query: str) -> list[dict]:
    assert main(["persons", "--db", str(path), "--search", query, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _common(chars: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(ch)[0] for ch in chars)


@pytest.fixture
def surname_db(store):
    for i, surname in enumerate(pinyin.surname_readings()):
        _add(store, surname + GIVEN, i)
    return store


def test_the_table_is_complete_enough():
    readings = pinyin.surname_readings()
    compounds = [s for s in readings if len(s) == 2]
    singles = {s: "".join(r) for s, r in readings.items() if len(s) == 1}
    assert len(compounds) >= 80
    for surname, reading in {
        "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao",
        "查": "zha", "覃": "qin", "盖": "ge", "乐": "yue",
    }.items():  # fmt: skip
        assert singles[surname] == reading
    for surname, reading in {"尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun"}.items():
        assert "".join(readings[surname]) == reading


def test_every_surname_is_found_by_its_reading_initials_and_common_reading(surname_db, capsys):
    """Each of the table's surnames, by what ``xhdesk persons --search`` prints for each query."""
    given = "guoqing"
    for surname, reading in pinyin.surname_readings().items():
        name = surname + GIVEN
        queries = {
            "reading": "".join(reading) + given,
            "spaced": " ".join([*reading, "guo", "qing"]),
            "initials": "".join(s[0] for s in reading) + "gq",
            "common": _common(surname) + given,
            "common initials": "".join(s[0] for s in _common_syllables(surname)) + "gq",
        }
        for how, query in queries.items():
            names = [p["name"] for p in persons_rows(surname_db, query)[0]]
            assert name in names, f"{name} not found by {how} {query!r}"
    for query, name in {"yu chi guo qing": "尉迟国庆", "weichiguoqing": "尉迟国庆", "zengguoqing": "曾国庆",
                        "cgq": "曾国庆", "mqgq": "万俟国庆", "shanguoqing": "单国庆"}.items():  # fmt: skip
        assert name in [p["name"] for p in _search(capsys, surname_db.path, query)], query


def _common_syllables(chars: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return [lazy_pinyin(ch)[0] for ch in chars]


def test_persons_prints_masked_rows_like_the_members_tab(store, capsys):
    _add(store, "王星海", 1, political_status="member")
    _add(store, "张三", 2)
    rows = _search(capsys, store.path, "xinghai")
    assert [r["name"] for r in rows] == ["王星海"]
    row = rows[0]
    assert row["pinyin"] == "wangxinghai"
    assert row["phone_masked"] == "139****0001"
    assert "*" in row["id_number_masked"]
    assert set(row) >= {"name", "pinyin", "phone_masked", "unit"}
    assert [r["name"] for r in _search(capsys, store.path, "ｚｈａｎｇ　ｓａｎ")] == ["张三"]
    assert [r["name"] for r in _search(capsys, store.path, "")] == ["王星海", "张三"]
    assert main(["persons", "--db", str(store.path)]) == 0
    assert "共 2 人" in capsys.readouterr().out


def test_persons_on_a_missing_database_says_so_in_one_line(tmp_path, capsys):
    assert main(["persons", "--db", str(tmp_path / "none.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不存在" in err
