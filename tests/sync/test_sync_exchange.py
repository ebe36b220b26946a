"""Exchanging packages between nodes: incremental, relayed, idempotent, conflicts, authority."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from sqlmodel import select
from synckit import add_person, add_station, edit, now_utc, open_nodes, state

from xhdesk.data.core.errors import NotFoundError, SyncError, ValidationError
from xhdesk.data.core.records import set_deleted
from xhdesk.data.models import Person, Station
from xhdesk.data.models.points import Declaration, DeclarationEvent, PointRule
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.sync import (
    content_digest,
    export_package,
    import_package,
    last_exchange,
    list_conflicts,
    list_peers,
    resolve,
)
from xhdesk.data.sync.package import SEAL_LENGTH, _seal


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 5)
    yield stores
    for s in stores:
        s.close()


def send(src, dst, tmp_path, name=None, to=True):
    path = tmp_path / (name or f"{src.node_name}-{dst.node_name}-{src.seq}.xhsync")
    export_package(src, path, dst.node_id if to else None)
    return import_package(dst, path)


def test_a_person_added_at_the_centre_arrives_at_the_station_with_the_same_digest(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1, town="戴南镇")
    report = send(centre, station, tmp_path)
    assert report.inserted >= 1 and report.refused == 0
    with station.session() as s:
        person = s.get(Person, pid)
        assert person.name == "张三" and person.birth_date == date(1990, 1, 1)
    assert content_digest(centre) == content_digest(station)


def test_export_to_a_known_peer_sends_only_what_it_lacks(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    add_person(centre, "张三", 1)
    send(centre, station, tmp_path, "1.xhsync")
    send(station, centre, tmp_path, "back.xhsync")  # the station reports what it has
    add_person(centre, "李四", 2)
    report = export_package(centre, tmp_path / "2.xhsync", station.node_id)
    assert report.changes == 1
    everything = export_package(centre, tmp_path / "all.xhsync", None)
    assert everything.changes > 1
    with pytest.raises(ValidationError, match="已登记的节点"):  # never "everything" by a typo
        export_package(centre, tmp_path / "unknown.xhsync", "没有这个节点")


def test_reimport_and_stale_packages_change_nothing(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    export_package(centre, tmp_path / "old.xhsync")
    edit(centre, Person, pid, phone="13800000001")
    export_package(centre, tmp_path / "new.xhsync")
    import_package(station, tmp_path / "new.xhsync")
    before = state(station)
    again = import_package(station, tmp_path / "new.xhsync")
    stale = import_package(station, tmp_path / "old.xhsync")
    assert again.already and stale.new_changes == 0
    assert state(station) == before
    with station.session() as s:
        assert s.get(Person, pid).phone == "13800000001"


def test_packages_in_any_order_converge_even_update_before_insert(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    export_package(centre, tmp_path / "1.xhsync", station.node_id)
    send(station, centre, tmp_path, "r.xhsync")  # nothing yet; the centre learns the station has 0
    edit(centre, Person, pid, phone="13800000001")
    centre_path = tmp_path / "2.xhsync"
    # export only what lies above the first package: pretend the station already had it
    import_package(station, tmp_path / "1.xhsync")
    send(station, centre, tmp_path, "r2.xhsync")
    fresh = nodes[4]
    with centre.import_connection() as conn:  # the centre believes the fresh node holds 1
        conn.exec_driver_sql(
            "INSERT INTO sync_peer (node_id, name, role, vector, vector_hlc, last_direction) "
            "SELECT ?, name, role, vector, vector_hlc, '' FROM sync_peer WHERE node_id = ?",
            (fresh.node_id, station.node_id),
        )
    export_package(centre, centre_path, fresh.node_id)
    import_package(fresh, centre_path)  # the update alone: the row waits for its insert
    with fresh.session() as s:
        assert s.get(Person, pid) is None
    export_package(centre, tmp_path / "1.xhsync", None)
    import_package(fresh, tmp_path / "1.xhsync")
    with fresh.session() as s:
        assert s.get(Person, pid).phone == "13800000001"
    assert content_digest(fresh) == content_digest(centre)


def test_changes_are_relayed_and_stay_verifiable(nodes, tmp_path):
    centre, committee, station = nodes[0], nodes[1], nodes[2]
    sid = add_station(station, "城东暖蜂驿站")
    send(station, committee, tmp_path, "s-c.xhsync")
    report = send(committee, centre, tmp_path, "c-centre.xhsync")
    assert report.inserted >= 1 and report.refused == 0
    with centre.session() as s:
        assert s.get(Station, sid).name == "城东暖蜂驿站"
    send(centre, station, tmp_path, "back.xhsync")
    send(centre, committee, tmp_path, "c.xhsync")
    assert state(centre) == state(station) == state(committee)


def test_concurrent_edits_of_one_field_make_one_conflict_on_every_node_until_resolved(
    nodes, tmp_path
):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path, "0.xhsync")
    edit(centre, Person, pid, phone="13800000001")
    edit(station, Person, pid, phone="13900000002")
    export_package(centre, tmp_path / "c.xhsync")
    export_package(station, tmp_path / "s.xhsync")
    import_package(station, tmp_path / "c.xhsync")
    report = import_package(centre, tmp_path / "s.xhsync")
    assert report.conflicts == 1
    assert state(centre) == state(station)
    [conflict] = list_conflicts(centre)
    assert conflict.field == "phone"
    assert {json.loads(conflict.winner_value), json.loads(conflict.loser_value)} == {
        "13800000001",
        "13900000002",
    }
    assert headline_figures(centre)["conflicts"] == 1
    resolve(centre, conflict.id, "loser", author="王主任")
    assert list_conflicts(centre) == []
    send(centre, station, tmp_path, "resolved.xhsync")
    assert list_conflicts(station) == [] and state(centre) == state(station)
    with station.session() as s:
        assert s.get(Person, pid).phone == json.loads(conflict.loser_value)
    with pytest.raises(NotFoundError):
        resolve(centre, conflict.id, "winner")


def test_keeping_the_shown_value_also_settles_the_conflict_everywhere(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path, "0.xhsync")
    edit(centre, Person, pid, town="戴南镇")
    edit(station, Person, pid, town="张郭镇")
    send(station, centre, tmp_path, "s.xhsync")
    [conflict] = list_conflicts(centre)
    resolve(centre, conflict.id, "winner")
    send(centre, station, tmp_path, "c.xhsync")
    assert list_conflicts(station) == [] and state(centre) == state(station)


def test_sequential_edits_are_not_conflicts(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path, "0.xhsync")
    edit(station, Person, pid, phone="13900000002")
    send(station, centre, tmp_path, "1.xhsync")
    edit(centre, Person, pid, phone="13800000001")
    send(centre, station, tmp_path, "2.xhsync")
    assert list_conflicts(centre) == list_conflicts(station) == []
    assert state(centre) == state(station)


def test_an_edit_concurrent_with_a_delete_is_a_conflict_not_a_silent_loss(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path, "0.xhsync")
    set_deleted(centre, Person, [pid], True)
    edit(station, Person, pid, phone="13900000002")
    send(station, centre, tmp_path, "s.xhsync")
    send(centre, station, tmp_path, "c.xhsync")
    assert state(centre) == state(station)
    [conflict] = list_conflicts(station)
    assert conflict.kind == "delete"
    with station.session() as s:
        person = s.get(Person, pid)
        assert person.deleted and person.phone == "13900000002"
    resolve(station, conflict.id, "loser")  # keep the edit: the person comes back
    send(station, centre, tmp_path, "restore.xhsync")
    with centre.session() as s:
        assert not s.get(Person, pid).deleted
    assert list_conflicts(centre) == [] and state(centre) == state(station)


def _declaration(store, person_id, rule_id):
    with store.unit_of_work("测试") as uow:
        decl = Declaration(
            number="JF2026-00001",
            person_id=person_id,
            rule_id=rule_id,
            deed_date=date(2026, 11, 1),
            created_at=now_utc(),
        )
        uow.add(decl)
    return decl.id


def _event(store, declaration_id, kind):
    with store.unit_of_work("测试") as uow:
        uow.add(
            DeclarationEvent(
                declaration_id=declaration_id,
                kind=kind,
                node_id=store.node_id,
                node_role=store.node_role,
                points=2.0,
                at=now_utc(),
            )
        )


def _points_seed(centre):
    pid = add_person(centre, "张三", 1)
    with centre.unit_of_work("测试") as uow:
        rule = PointRule(
            code="DS-01",
            category="party_life",
            kind="base",
            title="参加三会一课",
            points=2.0,
            unit="time",
        )
        uow.add(rule)
    return pid, rule.id


def test_a_station_forged_committee_confirmation_is_quarantined_and_reported(nodes, tmp_path):
    centre, committee, station = nodes[0], nodes[1], nodes[2]
    pid, rule_id = _points_seed(centre)
    send(centre, station, tmp_path, "seed.xhsync")
    did = _declaration(station, pid, rule_id)
    _event(station, did, "submitted")
    _event(station, did, "committee_confirmed")  # written straight into its own database
    report = send(station, centre, tmp_path, "forged.xhsync")
    assert report.refused == 1 and "驿站" in report.refusals[0]
    assert "拒绝 1 条" in report.summary()
    with centre.session() as s:
        events = s.exec(select(DeclarationEvent).where(DeclarationEvent.declaration_id == did))
        kinds = [e.kind for e in events]
    assert kinds == ["submitted"]
    assert headline_figures(centre)["quarantined"] == 1
    # relayed by the centre, the forged change is refused again at the committee
    report = send(centre, committee, tmp_path, "relay.xhsync")
    assert report.refused == 1
    _event(committee, did, "committee_confirmed")  # the real confirmation is applied
    report = send(committee, centre, tmp_path, "real.xhsync")
    assert report.refused == 0
    with centre.session() as s:
        confirmed = select(DeclarationEvent).where(DeclarationEvent.kind == "committee_confirmed")
        assert len(s.exec(confirmed).all()) == 1


def test_a_package_from_another_centre_is_refused_whole(nodes, tmp_path):
    from xhdesk.data.core.store import Store

    stranger = Store.open(tmp_path / "stranger.sqlite3")  # its own centre, its own key
    add_person(stranger, "赵六", 9)
    export_package(stranger, tmp_path / "stranger.xhsync")
    before = state(nodes[0])
    with pytest.raises(SyncError, match="未登记|不是本中心"):
        import_package(nodes[0], tmp_path / "stranger.xhsync")
    assert state(nodes[0]) == before
    stranger.close()


def test_a_package_from_a_newer_format_asks_to_upgrade(nodes, tmp_path):
    from xhdesk.data.core.identity import sign

    centre = nodes[0]
    add_person(centre, "张三", 1)
    path = tmp_path / "p.xhsync"
    export_package(centre, path)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["format"] = [2, 0]
    members["manifest.json"] = json.dumps(manifest).encode()
    members["manifest.sig"] = sign(centre, members["manifest.json"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.comment = b"0" * SEAL_LENGTH
    path.write_bytes(_seal(buffer.getvalue()))  # a well-formed, signed package of format 2
    with pytest.raises(SyncError, match="请升级软件"):
        import_package(nodes[2], path)


def test_a_clock_far_ahead_is_accepted_but_flagged_and_followed(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    station.clock._now_ms = lambda: 1_900_000_000_000  # a PC whose clock says 2030
    sid = add_station(station, "城东暖蜂驿站")
    report = send(station, centre, tmp_path)
    assert report.clock_warnings and "站点时钟异常" in report.summary()
    edit(centre, Station, sid, phone="05231234567")  # the centre's later edit still wins
    send(centre, station, tmp_path, "back.xhsync")
    with station.session() as s:
        assert s.get(Station, sid).phone == "05231234567"


def test_peers_and_last_exchange_are_remembered(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    assert last_exchange(station) is None
    add_person(centre, "张三", 1)
    send(centre, station, tmp_path)
    when, name = last_exchange(station)
    assert name == centre.node_name and when.date() == date.today()
    peers = {p.name: p for p in list_peers(centre)}
    assert peers[station.node_name].last_direction == "export"
    assert peers["戴南驿站"].last_exchange is None


def test_attachments_travel_inside_the_package_byte_for_byte(nodes, tmp_path):
    from xhdesk.data.models.points import DeclarationAttachment

    centre, station = nodes[0], nodes[2]
    pid, rule_id = _points_seed(centre)
    send(centre, station, tmp_path, "seed.xhsync")
    did = _declaration(station, pid, rule_id)
    photo = bytes(range(256)) * 40
    with station.unit_of_work("测试") as uow:
        uow.add(
            DeclarationAttachment(
                declaration_id=did,
                filename="照片.jpg",
                mime="image/jpeg",
                size=len(photo),
                data=photo,
                created_at=now_utc(),
            )
        )
    send(station, centre, tmp_path, "photo.xhsync")
    with centre.session() as s:
        [attachment] = s.exec(select(DeclarationAttachment)).all()
        assert attachment.data == photo and attachment.filename == "照片.jpg"
    send(centre, station, tmp_path, "back.xhsync")
    assert state(centre) == state(station)


def test_a_cancelled_import_leaves_the_database_and_the_clock_as_before(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    add_person(centre, "张三", 1)
    centre.clock._now_ms = lambda: 1_900_000_000_000  # so that importing would move the clock
    add_person(centre, "李四", 2)
    export_package(centre, tmp_path / "p.xhsync")
    before, clock = state(station), station.clock.last

    class Stop(Exception):
        pass

    def progress(done: int, total: int, text: str) -> None:
        if text == "正在记录变更…":
            raise Stop

    with pytest.raises(Stop):
        import_package(station, tmp_path / "p.xhsync", progress)
    assert state(station) == before and station.clock.last == clock
    assert import_package(station, tmp_path / "p.xhsync").inserted >= 2
