"""A small network bound to places, made once per test session and copied per test.

The centre holds two committees (KD 快递外卖, JT 交通运输), two branches (B01 under KD, B02 under
JT), two stations (S01 and S02, both under KD) and four members: 张三 and 李四 in B01 (张三 at
S01), 王五 and 曾小明 in B02 (王五 at S02). Three nodes are enrolled and set up, each bound to one
place, and each has imported one package from the centre.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from points_seed import Seed, seed

from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Committee, Person, Station
from xhdesk.data.sync import enrol, export_package, import_package, init_centre, init_from

PASSPHRASE = "PLACE-PASS-2026"
CENTRE = "兴化市服务中心"
NODES = {  # file stem: (name, role, unit code)
    "committee": ("快递外卖行业党委", "committee", "KD"),
    "branch": ("城东快递流动党支部", "branch", "B01"),
    "station": ("城东暖蜂驿站", "station", "S01"),
}

_folder: Path | None = None
_seed: Seed | None = None
_stations: dict[str, str] = {}


def _organise(centre: Store) -> Seed:
    from xhdesk.data.requests import catalogue

    catalogue.install_default_catalogue(centre)
    s = seed(centre)
    with centre.unit_of_work("测试") as uow:
        for key, code in (("express", "KD"), ("transport", "JT")):
            uow.session.get(Committee, s.committees[key]).unit_code = code
        for key, code in (("a", "B01"), ("b", "B02")):
            uow.session.get(Branch, s.branches[key]).code = code
        for code, name in (("S01", "城东暖蜂驿站"), ("S02", "戴南暖蜂驿站")):
            station = Station(
                code=code, name=name, kind="warm_bee", committee_id=s.committees["express"]
            )
            uow.add(station)
            _stations[code] = station.id
        uow.flush()
        uow.session.get(Person, s.persons["zhang"]).station_id = _stations["S01"]
        uow.session.get(Person, s.persons["wang"]).station_id = _stations["S02"]
    return s


def network() -> tuple[Path, Seed, dict[str, str]]:
    """The template folder (centre.sqlite3 and one database per entry of NODES), the seed and
    the station ids by code."""
    global _folder, _seed
    if _folder is None:
        folder = Path(tempfile.mkdtemp(prefix="xhdesk-places-"))
        atexit.register(shutil.rmtree, folder, True)
        init_centre(folder / "centre.sqlite3", CENTRE)
        with Store.open(folder / "centre.sqlite3") as centre:
            _seed = _organise(centre)
            for stem, (name, role, code) in NODES.items():
                enrol(centre, name, role, folder / f"{stem}.xhnode", PASSPHRASE, unit=code)
            for stem, (name, _role, _code) in NODES.items():
                init_from(folder / f"{stem}.sqlite3", folder / f"{stem}.xhnode", PASSPHRASE)
                export_package(centre, folder / f"to-{stem}.xhsync", name)
                with Store.open(folder / f"{stem}.sqlite3", create=False) as node:
                    import_package(node, folder / f"to-{stem}.xhsync", backup=False)
        _folder = folder
    assert _seed is not None
    return _folder, _seed, dict(_stations)


def open_network(target: Path) -> dict[str, Store]:
    """Copies of the centre and the three nodes in ``target``, open; the caller closes them."""
    folder, _seed, _stations = network()
    stores = {}
    for stem in ("centre", *NODES):
        shutil.copyfile(folder / f"{stem}.sqlite3", target / f"{stem}.sqlite3")
        stores[stem] = Store.open(target / f"{stem}.sqlite3", create=False)
    return stores


def send(source: Store, target: Store, folder: Path, name: str = "p.xhsync"):  # noqa: ANN201
    """Export from ``source`` to ``target`` and import there; the import report."""
    path = folder / name
    export_package(source, path, target.node_id)
    return import_package(target, path, backup=False)
