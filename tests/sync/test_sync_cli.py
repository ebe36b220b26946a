"""The sync commands: init, enrol, export, import, digest — and one-line refusals."""

from __future__ import annotations

import json

from xhdesk.cli import main
from xhdesk.data.core.store import Store
from xhdesk.data.registry.organisation import add_station


def with_station(db: str, name: str = "城东暖蜂驿站") -> str:
    """Give the centre database ``db`` a station to bind a node to; its unit code."""
    with Store.open(db, create=False) as store:
        return add_station(store, {"name": name, "kind": "warm_bee"}).code


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_a_centre_enrols_a_station_and_both_reach_the_same_digest(tmp_path, capsys):
    centre, station = str(tmp_path / "centre.db"), str(tmp_path / "station.db")
    node_file = str(tmp_path / "s.xhnode")
    assert (
        run(capsys, "init", "--db", centre, "--name", "兴化市服务中心", "--role", "centre")[0] == 0
    )
    unit = with_station(centre)
    code, out, _ = run(
        capsys, "enrol", "--db", centre, "--name", "城东暖蜂驿站", "--role", "station",
        "--unit", unit, "--out", node_file, "--passphrase", "暖蜂2026",
    )  # fmt: skip
    assert code == 0 and "城东暖蜂驿站" in out
    code, _, err = run(capsys, "init", "--db", station, "--from", node_file)
    assert code == 2 and "口令" in err and "\n" not in err
    code, _, err = run(capsys, "init", "--db", station, "--from", node_file, "--passphrase", "错")
    assert code == 2 and "口令不正确" in err
    assert (
        run(capsys, "init", "--db", station, "--from", node_file, "--passphrase", "暖蜂2026")[0]
        == 0
    )
    with Store.open(station, create=False) as s:
        assert (s.node_name, s.node_role) == ("城东暖蜂驿站", "station")
    package = str(tmp_path / "c.xhsync")
    assert run(capsys, "export", "--db", centre, "--out", package, "--to", "城东暖蜂驿站")[0] == 0
    code, out, _ = run(capsys, "import", "--db", station, package)
    assert code == 0 and "新增" in out
    code, again, _ = run(capsys, "import", "--db", station, package)
    assert code == 0 and "已导入过" in again
    d1, d2 = run(capsys, "digest", "--db", centre)[1], run(capsys, "digest", "--db", station)[1]
    assert d1 == d2 and len(d1) == 64
    code, out, _ = run(capsys, "stats", "--db", station, "--json")
    figures = json.loads(out)
    assert figures["conflicts"] == 0 and figures["quarantined"] == 0


def test_bad_input_is_one_line_exit_2_and_changes_nothing(tmp_path, capsys):
    centre = str(tmp_path / "centre.db")
    run(capsys, "init", "--db", centre, "--name", "兴化市服务中心", "--role", "centre")
    with_station(centre)
    before = run(capsys, "digest", "--db", centre)[1]
    junk = tmp_path / "junk.xhsync"
    junk.write_bytes(b"this is not a package")
    cases = [
        ("import", "--db", centre, str(junk)),
        ("import", "--db", centre, str(tmp_path / "missing.xhsync")),
        ("import", "--db", str(tmp_path / "nope.db"), str(junk)),
        ("export", "--db", centre, "--out", str(tmp_path / "no" / "dir.xhsync")),
        ("init", "--db", centre, "--name", "又一个中心", "--role", "centre"),
        ("init", "--db", str(tmp_path / "s.db"), "--name", "驿站", "--role", "station"),
        ("init", "--db", str(tmp_path / "s.db"), "--from", str(junk)),
        ("enrol", "--db", centre, "--name", "", "--role", "station", "--unit", "S01",
         "--out", str(tmp_path / "x")),
        ("enrol", "--db", centre, "--name", "驿站", "--role", "station", "--unit", "S99",
         "--out", str(tmp_path / "x")),
    ]  # fmt: skip
    for argv in cases:
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.startswith("xhdesk: ") and "\n" not in err, argv
    assert not (tmp_path / "s.db").exists()
    assert run(capsys, "digest", "--db", centre)[1] == before


def test_a_station_cannot_enrol_nodes(tmp_path, capsys):
    centre, station = str(tmp_path / "c.db"), str(tmp_path / "s.db")
    run(capsys, "init", "--db", centre, "--name", "兴化市服务中心", "--role", "centre")
    with_station(centre)
    _, out, _ = run(
        capsys,
        "enrol",
        "--db",
        centre,
        "--name",
        "城东暖蜂驿站",
        "--role",
        "station",
        "--unit",
        "S01",
        "--out",
        str(tmp_path / "s.xhnode"),
    )
    passphrase = out.split("登记文件口令：")[1].split("（")[0]  # generated, shown once
    assert "只显示这一次" in out and '"plain"' not in (tmp_path / "s.xhnode").read_text()
    code, _, err = run(capsys, "init", "--db", station, "--from", str(tmp_path / "s.xhnode"))
    assert code == 2 and "口令" in err
    run(capsys, "init", "--db", station, "--from", str(tmp_path / "s.xhnode"),
        "--passphrase", passphrase)  # fmt: skip
    code, _, err = run(
        capsys,
        "enrol",
        "--db",
        station,
        "--name",
        "假驿站",
        "--role",
        "station",
        "--unit",
        "S01",
        "--out",
        str(tmp_path / "f.xhnode"),
    )
    assert code == 2 and "只有中心节点" in err
