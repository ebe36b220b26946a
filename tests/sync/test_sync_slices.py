"""Data by place: a node holds full personal data only for the persons inside its place."""

from __future__ import annotations

import pytest
from placekit import network, open_network, send
from points_seed import id_number

from xhdesk.data.core.store import Store
from xhdesk.data.models import Person
from xhdesk.data.sync.digest import content_digest, digest_for

PEOPLE = {"zhang": 1, "li": 2, "wang": 3, "zeng": 4}  # points_seed numbers their ID cards so


@pytest.fixture
def net(tmp_path):
    stores = open_network(tmp_path)
    yield stores
    for store in stores.values():
        store.close()


def file_bytes(store: Store) -> bytes:
    """The database file as a thief would read it (after the store folded its WAL in)."""
    store.close()
    data = store.path.read_bytes()
    for extra in ("-wal", "-journal"):
        side = store.path.with_name(store.path.name + extra)
        if side.exists():
            data += side.read_bytes()
    return data


def person(store: Store, key: str) -> Person:
    with store.session() as s:
        return s.get(Person, network()[1].persons[key])


def test_a_station_holds_no_full_id_number_of_a_person_outside_it(net):
    station = net["station"]
    wang = person(station, "wang")
    assert (wang.name, wang.occupation, wang.id_number, wang.phone) == (
        "王五",
        "truck_driver",
        "",
        "138****0003",
    )
    assert person(station, "zhang").id_number == id_number(1)
    raw = file_bytes(station)
    assert id_number(1).encode() in raw  # 张三 is at this station
    for key in ("li", "wang", "zeng"):
        assert id_number(PEOPLE[key]).encode() not in raw, key
        assert f"1380000{PEOPLE[key]:04d}".encode() not in raw, key


def test_a_branch_holds_its_members_in_full_and_the_others_masked(net):
    branch = net["branch"]
    assert person(branch, "li").id_number == id_number(2)
    assert person(branch, "zeng").id_number == "" and person(branch, "zeng").address == ""


def test_a_person_moving_in_arrives_in_full_and_one_moving_out_is_masked(net, tmp_path):
    centre, station = net["centre"], net["station"]
    _folder, seed, stations = network()
    with centre.unit_of_work("测试") as uow:
        uow.session.get(Person, seed.persons["wang"]).station_id = stations["S01"]
        uow.session.get(Person, seed.persons["zhang"]).station_id = stations["S02"]
    send(centre, station, tmp_path, "move.xhsync")
    wang, zhang = person(station, "wang"), person(station, "zhang")
    assert (wang.id_number, wang.phone) == (id_number(3), "13800000003")
    assert (zhang.id_number, zhang.phone) == ("", "138****0001")
    path = station.path
    raw = file_bytes(station)
    assert id_number(3).encode() in raw and id_number(1).encode() not in raw
    net["station"] = Store.open(path, create=False)  # the fixture closes it again


def test_two_nodes_that_exchanged_everything_show_the_same_digest(net, tmp_path):
    centre, station = net["centre"], net["station"]
    send(station, centre, tmp_path, "up.xhsync")
    send(centre, station, tmp_path, "down.xhsync")
    assert digest_for(centre, station.node_id) == content_digest(station)
    assert digest_for(centre, "城东暖蜂驿站") != content_digest(centre)  # the centre holds more


def test_a_conflict_on_a_phone_is_listed_only_where_the_person_is_held_in_full(net, tmp_path):
    """The centre and 李四's branch both change his phone; the station, which holds him masked
    (138****…), lists no conflict it could neither see nor resolve; the two offices do."""
    from xhdesk.data.registry.persons import update_person
    from xhdesk.data.sync.conflicts import list_conflicts

    centre, branch, station = net["centre"], net["branch"], net["station"]
    li = network()[1].persons["li"]
    update_person(centre, li, {"phone": "13911112222"})
    update_person(branch, li, {"phone": "13733334444"})
    send(branch, centre, tmp_path, "up.xhsync")
    send(centre, branch, tmp_path, "down-b.xhsync")
    report = send(centre, station, tmp_path, "down-s.xhsync")

    for office in (centre, branch):
        assert [(c.row_id, c.field) for c in list_conflicts(office)] == [(li, "phone")]
    assert person(station, "li").phone in ("139****2222", "137****4444")  # the winner, masked
    assert list_conflicts(station) == [] and report.conflicts == 0


def test_a_person_leaving_the_place_takes_his_phone_conflict_with_him(net, tmp_path):
    """李四's branch lists the conflict on his phone until he moves to another branch: then it
    holds him masked and the conflict closes there; the centre still lists it."""
    from xhdesk.data.check import check
    from xhdesk.data.registry.persons import update_person
    from xhdesk.data.sync.conflicts import list_conflicts

    centre, branch = net["centre"], net["branch"]
    seed = network()[1]
    li = seed.persons["li"]
    update_person(centre, li, {"phone": "13911112222"})
    update_person(branch, li, {"phone": "13733334444"})
    send(branch, centre, tmp_path, "up.xhsync")
    send(centre, branch, tmp_path, "down.xhsync")
    assert [c.field for c in list_conflicts(branch)] == ["phone"]

    update_person(centre, li, {"branch_id": seed.branches["b"]})
    report = send(centre, branch, tmp_path, "moved.xhsync")
    # masked, though the branch's own change wrote the full number (its stream stays whole),
    # and the check after the import takes the masked row for what the log gives here
    assert person(branch, "li").phone == "137****4444" and report.repaired == 0
    assert check(branch).ok
    assert list_conflicts(branch) == []
    assert [c.field for c in list_conflicts(centre)] == ["phone"]
