"""The demo data set: the programme's figures exactly, deterministic for a seed."""

from __future__ import annotations

import sqlalchemy as sa

from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import parse_id_number, validate_phone
from xhdesk.data.demo import build_demo
from xhdesk.data.overview.stats import headline_figures


def _content(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        people = conn.execute(
            sa.text(
                "SELECT id, name, id_number, phone, occupation, political_status FROM person ORDER BY id"
            )
        ).all()
        stations = conn.execute(
            sa.text("SELECT id, code, name, kind, town FROM station ORDER BY id")
        ).all()
    return [tuple(r) for r in people + stations]


def test_demo_reproduces_the_programme_figures(demo_store):
    figures = headline_figures(demo_store)
    assert figures["stations"] == {
        "service_centre": 1,
        "warm_bee": 56,
        "rideshare_demo": 7,
        "driver": 14,
        "venue": 3,
    }
    assert figures["committees"] == 3
    assert figures["branches"]["mobile"] >= 10
    assert figures["branches"]["functional"] + figures["branches"]["entity"] == 10
    assert figures["instructors"] == 23
    assert figures["party_members"] == 239
    assert figures["persons"] == 600
    assert 0 < figures["verified_members"] < 239
    assert figures["enterprises"] >= 6


def test_demo_people_are_valid_and_live_in_xinghua(demo_store):
    with demo_store.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id_number, phone, gender, birth_date, town FROM person")
        ).all()
    assert len({r[0] for r in rows}) == len(rows)
    for number, phone, gender, birth, _town in rows:
        info = parse_id_number(number)
        assert info.gender == gender and info.birth_date.isoformat() == birth
        assert validate_phone(phone) == phone
    share_local = sum(1 for r in rows if r[0].startswith("321281")) / len(rows)
    assert share_local > 0.6


def test_demo_is_deterministic_for_a_seed(tmp_path):
    def build(name: str, seed: int) -> list[tuple]:
        with Store.open(tmp_path / name) as store:
            build_demo(store, persons=400, seed=seed)
            return _content(store)

    first, again, other = build("a.sqlite3", 5), build("b.sqlite3", 5), build("c.sqlite3", 6)
    assert first == again
    assert first != other


def test_persons_scale_the_registry_but_not_the_programme(tmp_path):
    with Store.open(tmp_path / "big.sqlite3") as store:
        build_demo(store, persons=1500, seed=2)
        figures = headline_figures(store)
    assert figures["persons"] == 1500 and figures["party_members"] == 239
