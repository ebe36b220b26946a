"""Unit codes: every committee, branch and station has a short code used in numbers made there."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from xhdesk.cli import main
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.migrations import upgrade
from xhdesk.data.models import Branch, Committee, Node, Station
from xhdesk.data.registry.units import (
    check_unit_code,
    find_unit,
    list_units,
    next_unit_code,
    node_unit_code,
)


def test_the_demo_units_have_their_codes(demo_store):
    units = list_units(demo_store)
    committees = {u.code: u.name for u in units if u.kind == "committee"}
    assert committees == {
        "JT": "交通运输行业党委",
        "KD": "快递外卖行业党委",
        "WL": "网络名人行业党委",
    }
    branches = [u for u in units if u.kind == "branch"]
    assert [u.code for u in branches][:3] == ["B01", "B02", "B03"]
    assert all(u.parent_code in committees for u in branches)
    stations = [u for u in units if u.kind == "station"]
    assert len(stations) == 81 and stations[0].code == "S01"  # 1 + 56 + 7 + 14 + 3
    assert len({u.code for u in units}) == len(units)  # unique across all kinds


def test_find_unit_by_code_or_name_and_a_chinese_error_when_unknown(demo_store):
    assert find_unit(demo_store, "kd").name == "快递外卖行业党委"
    assert find_unit(demo_store, "快递外卖行业党委").code == "KD"
    with pytest.raises(ValidationError, match="没有代码或名称为「Q99」的单位"):
        find_unit(demo_store, "Q99")


def test_next_code_and_the_uniqueness_check(demo_store):
    with demo_store.unit_of_work() as uow:
        assert next_unit_code(uow.session, "branch") == "B26"
        assert next_unit_code(uow.session, "station") == "S82"
        assert next_unit_code(uow.session, "committee") == "W01"
        assert check_unit_code(uow.session, " s99 ", None) == "S99"
        own = find_unit(demo_store, "S07")
        assert check_unit_code(uow.session, "S07", own.id) == "S07"
        for bad, why in (("S07", "已被其他单位使用"), ("ZX", "留给中心"), ("7A", "以字母开头")):
            with pytest.raises(ValidationError, match=why):
                check_unit_code(uow.session, bad, None)


def test_numbers_made_on_a_node_carry_its_unit_code(demo_store):
    branch = find_unit(demo_store, "B03")
    with demo_store.unit_of_work() as uow:
        assert node_unit_code(uow.session, demo_store) == "ZX"  # the centre
        uow.session.get(Node, demo_store.node_id).branch_id = branch.id
    with demo_store.session() as session:
        assert node_unit_code(session, demo_store) == "B03"


def test_an_old_database_gets_codes_when_it_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    upgrade(engine, "0015")
    rows = {
        "committee": [("c1", "express", "快递外卖行业党委"), ("c2", "other", "另一党委")],
        "branch": [("b2", "第二支部", "c1"), ("b1", "第一支部", "c1")],
        "station": [("s1", "S05", "有码驿站"), ("s2", "", "无码驿站")],
    }
    with engine.begin() as conn:
        for cid, code, name in rows["committee"]:
            conn.execute(
                sa.text(
                    "INSERT INTO committee (id, deleted, code, name, secretary, phone) "
                    "VALUES (:i, 0, :c, :n, '', '')"
                ),
                {"i": cid, "c": code, "n": name},
            )
        for bid, name, cid in rows["branch"]:
            conn.execute(
                sa.text(
                    "INSERT INTO branch (id, deleted, name, kind, committee_id, secretary, "
                    "secretary_phone) VALUES (:i, 0, :n, 'mobile', :c, '', '')"
                ),
                {"i": bid, "n": name, "c": cid},
            )
        for sid, code, name in rows["station"]:
            conn.execute(
                sa.text(
                    "INSERT INTO station (id, deleted, code, name, kind, host_type, address, "
                    "town, manager, phone, opening_hours, amenities, status) VALUES "
                    "(:i, 0, :c, :n, 'warm_bee', '', '', '', '', '', '', '', 'open')"
                ),
                {"i": sid, "c": code, "n": name},
            )
    engine.dispose()
    with Store.open(path) as store, store.session() as s:
        assert s.get(Committee, "c1").unit_code == "KD"
        assert s.get(Committee, "c2").unit_code == "W01"
        assert (s.get(Branch, "b1").code, s.get(Branch, "b2").code) == ("B01", "B02")
        assert (s.get(Station, "s1").code, s.get(Station, "s2").code) == ("S05", "S06")


def test_units_command_lists_code_kind_name_and_parent(demo_template, capsys):
    assert main(["units", "--db", str(demo_template), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "code": "JT",
        "kind": "committee",
        "name": "交通运输行业党委",
        "parent_code": "ZX",
    }
    assert {r["kind"] for r in rows} == {"committee", "branch", "station"}
    assert main(["units", "--db", str(demo_template)]) == 0
    assert "KD" in capsys.readouterr().out
