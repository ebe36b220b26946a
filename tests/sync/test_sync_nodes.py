"""Nodes bound to places: enrolment checks the place, numbers carry its code, the centre lists,
revokes, retires and replaces nodes, and packages of a revoked node are refused by name."""

from __future__ import annotations

import json
from datetime import date

import pytest
from placekit import NODES, PASSPHRASE, network, open_network, send

from xhdesk.cli import main
from xhdesk.data.core.errors import SyncError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.sync import export_package, import_package, init_from
from xhdesk.data.sync.nodes import (
    enrol,
    list_nodes,
    load_registry,
    replace_node,
    retire_node,
    revoke_node,
)


@pytest.fixture
def net(tmp_path):
    stores = open_network(tmp_path)
    yield stores
    for store in stores.values():
        store.close()


def test_the_registry_and_the_node_database_carry_the_place(net):
    nodes = {n.name: n for n in load_registry(net["centre"]).nodes.values()}
    for name, role, code in NODES.values():
        assert (nodes[name].role, nodes[name].unit_code, nodes[name].unit_kind) == (
            role,
            code,
            role,
        )
    station = net["station"]
    assert station.local_state()["place_code"] == "S01"
    from xhdesk.data.registry.units import node_summary

    assert node_summary(station) == {"role": "station", "unit": "城东暖蜂驿站", "code": "S01"}
    assert node_summary(net["centre"]) == {"role": "centre", "unit": "全市", "code": "ZX"}


def test_the_role_must_match_the_kind_of_unit(net, tmp_path):
    for role, unit, why in (
        ("branch", "KD", "党支部节点须绑定一个党支部"),
        ("station", "B01", "驿站节点须绑定一个驿站"),
        ("committee", "Q9", "没有代码或名称为「Q9」的单位"),
    ):
        with pytest.raises(ValidationError, match=why):
            enrol(net["centre"], "新节点", role, tmp_path / "x.xhnode", "口令", unit=unit)
    assert not (tmp_path / "x.xhnode").exists()


def test_numbers_made_on_a_node_carry_its_unit_code(net):
    from points_seed import declare_one

    _folder, seed, _ = network()
    decl = declare_one(net["station"], seed.persons["zhang"], seed.rules["study"], date(2026, 5, 1))
    from xhdesk.data.models.points import Declaration

    with net["station"].session() as s:
        assert s.get(Declaration, decl).number == "JF2026-S01-00001"


def test_list_nodes_shows_place_last_package_clock_and_state(net, tmp_path):
    from points_seed import declare_one

    seed = network()[1]
    declare_one(net["station"], seed.persons["zhang"], seed.rules["study"], date(2026, 5, 1))
    send(net["station"], net["centre"], tmp_path)
    rows = {r.name: r for r in list_nodes(net["centre"])}
    assert rows["兴化市服务中心"].unit_code == "ZX"
    station = rows["城东暖蜂驿站"]
    assert (station.unit_code, station.unit_name, station.state_label) == (
        "S01",
        "城东暖蜂驿站",
        "在用",
    )
    assert station.last_package_at and station.clock == "正常" and station.last_seq > 0
    assert rows["快递外卖行业党委"].last_package_at == ""


def test_a_revoked_node_s_packages_are_refused_naming_it(net, tmp_path):
    centre, station = net["centre"], net["station"]
    export_package(station, tmp_path / "late.xhsync", centre.node_id)
    revoke_node(centre, "城东暖蜂驿站")
    with pytest.raises(SyncError, match="节点“城东暖蜂驿站”的密钥已被中心吊销"):
        import_package(centre, tmp_path / "late.xhsync", backup=False)
    # the branch learns of it from the centre's next package, and refuses the station too
    send(centre, net["branch"], tmp_path, "to-branch.xhsync")
    export_package(station, tmp_path / "to-b.xhsync", net["branch"].node_id)
    with pytest.raises(SyncError, match="城东暖蜂驿站"):
        import_package(net["branch"], tmp_path / "to-b.xhsync", backup=False)
    rows = {r.name: r for r in list_nodes(centre)}
    assert rows["城东暖蜂驿站"].state == "revoked"
    with pytest.raises(ValidationError, match="已吊销"):
        revoke_node(centre, "城东暖蜂驿站")


def test_replacing_a_lost_pc_gives_the_same_place_a_new_key(net, tmp_path):
    centre = net["centre"]
    old = next(n for n in load_registry(centre).nodes.values() if n.name == "城东暖蜂驿站")
    done = replace_node(centre, "城东暖蜂驿站", tmp_path / "new.xhnode", "新口令")
    assert done.node.id != old.id and done.node.unit_code == "S01"
    init_from(tmp_path / "new.sqlite3", tmp_path / "new.xhnode", "新口令")
    with Store.open(tmp_path / "new.sqlite3", create=False) as new:
        assert new.local_state()["place_code"] == "S01"
        send(centre, new, tmp_path, "to-new.xhsync")
        report = send(new, centre, tmp_path, "from-new.xhsync")
        assert report.refused == 0
    export_package(net["station"], tmp_path / "old.xhsync", centre.node_id)
    with pytest.raises(SyncError, match="城东暖蜂驿站"):
        import_package(centre, tmp_path / "old.xhsync", backup=False)
    states = sorted((r.name, r.state) for r in list_nodes(centre) if r.unit_code == "S01")
    assert states == [("城东暖蜂驿站", "active"), ("城东暖蜂驿站", "revoked")]


def test_a_retired_node_is_listed_and_refused(net, tmp_path):
    retire_node(net["centre"], net["committee"].node_id)
    export_package(net["committee"], tmp_path / "c.xhsync", net["centre"].node_id)
    with pytest.raises(SyncError, match="已停用"):
        import_package(net["centre"], tmp_path / "c.xhsync", backup=False)
    with pytest.raises(ValidationError, match="中心节点不能"):
        retire_node(net["centre"], "兴化市服务中心")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_enrol_nodes_revoke_and_stats_on_the_command_line(net, tmp_path, capsys):
    centre = str(net["centre"].path)
    station = str(net["station"].path)
    for store in net.values():
        store.close()
    code, out, _ = run(
        capsys, "enrol", "--db", centre, "--name", "戴南暖蜂驿站", "--role", "station",
        "--unit", "s02", "--out", str(tmp_path / "s2.xhnode"), "--passphrase", PASSPHRASE,
    )  # fmt: skip
    assert code == 0 and "S02" in out
    code, _, err = run(
        capsys, "enrol", "--db", centre, "--name", "错位支部", "--role", "branch",
        "--unit", "S02", "--out", str(tmp_path / "b.xhnode"),
    )  # fmt: skip
    assert code == 2 and "党支部节点须绑定一个党支部" in err and "\n" not in err
    code, out, _ = run(capsys, "nodes", "--db", centre, "--json")
    rows = json.loads(out)
    assert {(r["name"], r["unit_code"], r["state"]) for r in rows} >= {
        ("戴南暖蜂驿站", "S02", "active"),
        ("兴化市服务中心", "ZX", "active"),
    }
    assert run(capsys, "revoke", "--db", centre, "--node", "戴南暖蜂驿站")[0] == 0
    code, _, err = run(capsys, "revoke", "--db", centre, "--node", "没有这个")
    assert code == 2 and "没有名为“没有这个”的节点" in err
    code, _, err = run(capsys, "revoke", "--db", station, "--node", "戴南暖蜂驿站")
    assert code == 2 and "只有中心节点" in err
    code, out, _ = run(capsys, "stats", "--db", station, "--json")
    assert json.loads(out)["node"] == {"role": "station", "unit": "城东暖蜂驿站", "code": "S01"}
    code, out, _ = run(capsys, "nodes", "--db", centre)
    assert "已吊销" in out
    code, out, _ = run(capsys, "digest", "--db", centre, "--for", "城东暖蜂驿站")
    assert code == 0 and len(out) == 64
    code, _, err = run(capsys, "digest", "--db", centre, "--for", "无名")
    assert code == 2 and "没有名为“无名”的节点" in err and "\n" not in err
