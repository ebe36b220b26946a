"""Sync under real misuse: each fault of issue 23 reproduced and shown fixed."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from synckit import add_person, edit, forge, now_utc, open_nodes, quarantined, state

from xhdesk.data.core.errors import SyncError, ValidationError
from xhdesk.data.models import Person
from xhdesk.data.models.points import Declaration, LedgerEntry, PointRule
from xhdesk.data.points.notice import derived_id
from xhdesk.data.sync import content_digest, export_package, import_package, list_conflicts
from xhdesk.data.sync.incarnation import start_new_incarnation


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 4)
    yield stores
    for s in stores:
        s.close()


def send(src, dst, tmp_path, to=True):
    path = (
        tmp_path
        / f"{src.node_name}-{dst.node_name}-{src.seq}-{len(list(tmp_path.iterdir()))}.xhsync"
    )
    export_package(src, path, dst.node_id if to else None)
    return import_package(dst, path, backup=False)


# -- 2: re-used sequence numbers --------------------------------------------------------------
def test_a_station_restored_from_a_backup_continues_under_a_new_incarnation(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path)
    station.close()
    backup = tmp_path / "station-backup.sqlite3"
    shutil.copyfile(tmp_path / "n2.sqlite3", backup)
    from xhdesk.data.core.store import Store

    station = nodes[2] = Store.open(tmp_path / "n2.sqlite3")
    edit(station, Person, pid, phone="13800000001")  # lost with the disk
    send(station, centre, tmp_path)
    station.close()
    shutil.copyfile(backup, tmp_path / "n2.sqlite3")
    station = nodes[2] = Store.open(tmp_path / "n2.sqlite3")
    start_new_incarnation(station)  # what `xhdesk restore` does
    edit(station, Person, pid, town="戴南镇")
    report = send(station, centre, tmp_path)
    assert report.updated == 1  # before: "新增 0 条，更新 0 条", the edit lost silently
    send(centre, station, tmp_path)
    assert state(centre) == state(station)
    with centre.session() as s:
        assert s.get(Person, pid).town == "戴南镇" and s.get(Person, pid).phone == "13800000001"


def test_a_file_restored_by_hand_is_detected_and_its_new_changes_reissued(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path)
    send(station, centre, tmp_path)  # the centre knows what the station has
    station.close()
    backup = tmp_path / "copy.sqlite3"
    shutil.copyfile(tmp_path / "n2.sqlite3", backup)
    from xhdesk.data.core.store import Store

    station = nodes[2] = Store.open(tmp_path / "n2.sqlite3")
    edit(station, Person, pid, phone="13800000001")
    send(station, centre, tmp_path)
    station.close()
    shutil.copyfile(backup, tmp_path / "n2.sqlite3")  # copied back by hand: no new incarnation
    station = nodes[2] = Store.open(tmp_path / "n2.sqlite3")
    edit(station, Person, pid, town="戴南镇")  # re-uses the seq of the lost phone edit
    path = tmp_path / "clash.xhsync"
    export_package(station, path, centre.node_id)
    before = content_digest(centre)
    with pytest.raises(SyncError, match="该节点的数据文件可能被复制或从备份恢复.*城东暖蜂驿站"):
        import_package(centre, path, backup=False)
    assert content_digest(centre) == before
    report = send(centre, station, tmp_path)  # the centre's vector shows more than the station has
    assert report.reissued == 1 and "新编号" in report.summary()
    send(station, centre, tmp_path)  # its re-issued edit, and the news that it lacks the old one
    send(centre, station, tmp_path)
    assert state(centre) == state(station)
    with centre.session() as s:
        person = s.get(Person, pid)
        assert (person.town, person.phone) == ("戴南镇", "13800000001")


def test_two_pcs_set_up_from_one_enrolment_file_write_different_streams(tmp_path):
    from synckit import PASSPHRASE, templates

    from xhdesk.data.core.store import Store
    from xhdesk.data.sync import init_from

    init_from(tmp_path / "a.sqlite3", templates() / "n2.xhnode", PASSPHRASE)
    init_from(tmp_path / "b.sqlite3", templates() / "n2.xhnode", PASSPHRASE)
    with Store.open(tmp_path / "a.sqlite3") as a, Store.open(tmp_path / "b.sqlite3") as b:
        assert a.node_id == b.node_id and a.origin != b.origin


# -- 3: one bad signed change ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "extra", "reason"),
    [
        (
            {"id": "p-x", "id_number": "1", "occupation": "rider"},
            {},
            "缺少必填字段「姓名/名称（name）」",
        ),
        (
            {
                "id": "p-x",
                "name": "李四",
                "id_number": "1",
                "occupation": "rider",
                "birth_date": "昨天",
            },
            {},
            "birth_date",
        ),  # fmt: skip
        (
            {"id": "p-x", "name": "李四", "id_number": "1", "occupation": "rider"},
            {"hlc": 2**64 + 5},
            "超出范围",
        ),  # fmt: skip
    ],
)
def test_a_bad_signed_change_is_quarantined_and_the_rest_applies(
    nodes, tmp_path, data, extra, reason
):
    centre, station = nodes[0], nodes[2]
    forge(station, "person", "p-x", "insert", data, **extra)
    good = add_person(station, "王五", 3)
    report = send(station, centre, tmp_path)  # before: a 28–44 line traceback, every time
    assert report.refused == 1 and reason in report.refusals[0]
    with centre.session() as s:
        assert s.get(Person, good) is not None and s.get(Person, "p-x") is None
    add_person(station, "赵六", 4)
    assert send(station, centre, tmp_path).refused == 0  # the node is not blocked
    relay = send(centre, nodes[1], tmp_path, to=False)  # and relays carry it, still refused
    assert relay.refused == 1
    assert state(centre) == state(nodes[1])


# -- 5: append-only rows ----------------------------------------------------------------------
def _rule_and_person(centre, others, tmp_path):
    pid = add_person(centre, "张三", 1)
    with centre.unit_of_work("测试") as uow:
        rule = PointRule(code="DS-01", category="party_life", kind="base", title="三会一课",
                         points=7.5, unit="time")  # fmt: skip
        uow.add(rule)
    for node in others:
        send(centre, node, tmp_path, to=False)
    return pid, rule.id


def test_a_second_insert_of_an_event_id_is_quarantined_not_merged(nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid, rule_id = _rule_and_person(centre, [station], tmp_path)
    with station.unit_of_work("测试") as uow:
        decl = Declaration(number="JF-1", person_id=pid, rule_id=rule_id, quantity=2,
                           deed_date=date(2026, 11, 1), created_at=now_utc())  # fmt: skip
        uow.add(decl)
    send(station, centre, tmp_path)
    hostile = {"id": decl.id, "number": "JF-1", "person_id": pid, "rule_id": rule_id,
               "quantity": 500.0, "deed_date": "2026-11-01", "created_at": "2026-11-01T00:00:00"}  # fmt: skip
    forge(station, "declaration", decl.id, "insert", hostile)
    report = send(station, centre, tmp_path)
    assert report.refused == 1 and report.conflicts == 0  # before: quantity 500, 5 "conflicts"
    with centre.session() as s:
        assert s.get(Declaration, decl.id).quantity == 2
    assert list_conflicts(centre) == []


def test_two_offline_settlements_of_one_declaration_give_the_earlier_one_everywhere(
    nodes, tmp_path
):
    centre, committee = nodes[0], nodes[1]
    pid, rule_id = _rule_and_person(centre, [committee], tmp_path)
    with centre.unit_of_work("测试") as uow:
        decl = Declaration(number="JF-1", person_id=pid, rule_id=rule_id,
                           deed_date=date(2026, 11, 1), created_at=now_utc())  # fmt: skip
        uow.add(decl)
    send(centre, committee, tmp_path)
    entry_id = derived_id(decl.id, "ledger")

    def settle(node, points, day):
        with node.unit_of_work("测试") as uow:
            uow.add(LedgerEntry(id=entry_id, person_id=pid, declaration_id=decl.id,
                                rule_id=rule_id, category="party_life", kind="base",
                                points=points, year=2026, deed_date=date(2026, 11, 1),
                                effective_on=day))  # fmt: skip

    settle(committee, 7.5, date(2026, 11, 20))  # first (earlier stamp)
    settle(centre, 15.0, date(2026, 11, 21))
    send(centre, committee, tmp_path)
    send(committee, centre, tmp_path)
    for node in (centre, committee):
        with node.engine.connect() as conn:
            entries = conn.exec_driver_sql("SELECT points FROM ledger_entry").all()
            total = conn.exec_driver_sql("SELECT points FROM ledger_year_total").scalar()
        assert entries == [(7.5,)] and total == 7.5, node.node_name
        assert list_conflicts(node) == []
    assert state(centre) == state(committee)
    assert [t for t, _ in quarantined(centre)] == ["ledger_entry"]


def test_duplicate_identical_inserts_change_nothing(nodes, tmp_path):
    centre, committee, station = nodes[0], nodes[1], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path)
    send(centre, committee, tmp_path)
    send(station, committee, tmp_path)  # relayed: the same insert again
    assert quarantined(committee) == [] and state(committee) == state(centre)
    assert pid


# -- 6: misaddressed --------------------------------------------------------------------------
def test_a_package_for_another_node_is_refused_naming_it(nodes, tmp_path):
    centre, committee, station = nodes[0], nodes[1], nodes[2]
    add_person(centre, "张三", 1)
    path = tmp_path / "for-station.xhsync"
    export_package(centre, path, station.node_id)
    before = content_digest(committee)
    with pytest.raises(SyncError, match="发给“城东暖蜂驿站”"):
        import_package(committee, path, backup=False)
    assert content_digest(committee) == before


def test_export_to_an_unknown_name_lists_the_known_peers(nodes, tmp_path):
    with pytest.raises(ValidationError, match="城东暖蜂驿站"):
        export_package(nodes[0], tmp_path / "x.xhsync", "城东暖峰驿站")
    assert not (tmp_path / "x.xhsync").exists()


# -- 7: clock warnings ------------------------------------------------------------------------
def test_a_clock_a_year_ahead_is_blamed_on_its_own_node_only(nodes, tmp_path):
    import time

    centre, committee, station = nodes[0], nodes[1], nodes[2]
    pid = add_person(centre, "张三", 1)
    send(centre, station, tmp_path)
    send(centre, committee, tmp_path)
    station.clock._now_ms = lambda: time.time_ns() // 1_000_000 + 365 * 86_400_000
    edit(station, Person, pid, town="戴南镇")
    first = send(station, centre, tmp_path)
    assert [w.split("（")[0] for w in first.clock_warnings] == ["城东暖蜂驿站"]
    edit(centre, Person, pid, phone="13800000001")  # the centre now follows the station's stamp
    later = send(centre, committee, tmp_path)
    assert [w.split("（")[0] for w in later.clock_warnings] == ["城东暖蜂驿站"]


# -- 4: conflicts by causality ----------------------------------------------------------------
def test_an_edit_that_never_saw_the_other_value_neither_hides_nor_closes_a_conflict(
    nodes, tmp_path
):
    centre, s1, s2 = nodes[0], nodes[2], nodes[3]
    pid = add_person(centre, "张三", 1)
    send(centre, s1, tmp_path)
    send(centre, s2, tmp_path)
    edit(s2, Person, pid, town="张郭镇")  # S2 first …
    edit(s1, Person, pid, town="戴南镇")  # … S1 later, never having seen it
    send(s1, centre, tmp_path)
    edit(centre, Person, pid, town="合陈镇")  # the centre saw S1's value only
    send(s2, centre, tmp_path)
    conflicts = list_conflicts(centre)  # before: 0 conflicts, S2's value lost without a trace
    assert [(c.winner_value, c.loser_value) for c in conflicts] == [('"合陈镇"', '"张郭镇"')]
    edit(s1, Person, pid, town="垛田街道")  # S1 has still not seen S2's value
    send(s1, centre, tmp_path)
    open_now = {c.loser_value for c in list_conflicts(centre)}
    assert '"张郭镇"' in open_now  # before: this edit closed the conflict with S2's value
    send(centre, s1, tmp_path)
    edit(s1, Person, pid, town="昭阳街道")  # s1 now has the conflict: its edit settles it
    s3 = nodes[1]
    send(centre, s3, tmp_path, to=False)
    assert list_conflicts(s3)
    edit(s2, Person, pid, phone="13800000001")  # unrelated field: stays open everywhere
    send(s1, s3, tmp_path, to=False)
    assert list_conflicts(s3) == []  # s1 had seen both values
    for a, b in ((s3, centre), (centre, s2), (s2, centre), (centre, s1), (centre, s3)):
        send(a, b, tmp_path, to=False)
    assert state(centre) == state(s1) == state(s2) == state(s3)
