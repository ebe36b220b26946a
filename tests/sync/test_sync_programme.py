"""随手拍 travel with their photos; an acceptance entered on two desks yields one declaration.

The declaration's id is derived from the report, so the two desks' inserts are one row: the
earliest is kept everywhere and the other is set aside in the quarantine (sync/appends.py).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlmodel import select
from synckit import add_person, open_nodes, quarantined

from xhdesk.data.governance import flow
from xhdesk.data.governance.reports import photo_data, photos_of, take_report
from xhdesk.data.models.points import Declaration, PointRule
from xhdesk.data.models.requests import Department
from xhdesk.data.sync import export_package, import_package
from xhdesk.data.sync.appends import APPEND_CLASH

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
AT = datetime(2026, 11, 20, 9, 0)


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 3)  # centre, committee, station
    yield stores
    for s in stores:
        s.close()


def send(src, dst, tmp_path, name):
    path = tmp_path / name
    export_package(src, path, dst.node_id)
    return import_package(dst, path)


def _seed(centre):
    with centre.unit_of_work("测试") as uow:
        dept = uow.add(Department(name="市住建局"))
        uow.add(
            PointRule(
                code="JC-01",
                category="governance",
                kind="base",
                title="报送隐患线索被采纳",
                points=2.0,
                unit="time",
                monthly_cap=6.0,
                yearly_cap=30.0,
            )
        )
    return dept.id, add_person(centre, "许斌", 7)


def test_report_photo_travels_and_two_desks_accepting_make_one_declaration(nodes, tmp_path):
    centre, committee, station = nodes
    dept, person = _seed(centre)
    send(centre, station, tmp_path, "seed-station.xhsync")
    send(centre, committee, tmp_path, "seed-committee.xhsync")

    report = take_report(
        station, person, "hazard", "英武路", "井盖松动", photos=[("井盖.jpg", PHOTO)], at=AT
    )
    send(station, centre, tmp_path, "report.xhsync")
    ((photo_id, name, size),) = photos_of(centre, report.id)
    assert (name, size) == ("井盖.jpg", len(PHOTO))
    assert (
        hashlib.sha256(photo_data(centre, photo_id)[1]).digest() == hashlib.sha256(PHOTO).digest()
    )

    flow.forward(centre, report.id, dept, at=AT.replace(hour=10))
    send(centre, committee, tmp_path, "forward.xhsync")
    flow.accept(centre, report.id, at=AT.replace(hour=11))
    flow.accept(committee, report.id, at=AT.replace(hour=12))  # the same answer typed twice
    send(committee, centre, tmp_path, "accept-committee.xhsync")
    send(centre, committee, tmp_path, "accept-centre.xhsync")
    numbers = set()
    for store in (centre, committee):
        with store.session() as s:
            rows = s.exec(select(Declaration).where(Declaration.batch_id == report.id)).all()
        assert len(rows) == 1, store.node_role
        numbers.add(rows[0].number)
        # the later desk's copy is set aside, as for any append row settled twice offline
        assert {tbl for tbl, _ in quarantined(store)} <= {"declaration"}
        assert all(reason == APPEND_CLASH for _, reason in quarantined(store))
    assert len(numbers) == 1  # the same (earliest) declaration on both desks


def test_a_photo_that_does_not_match_its_hash_or_is_too_large_is_refused_on_import():
    import base64

    from xhdesk.data.core import authority

    def row(data: bytes, sha: str) -> dict:
        return {"data": {"b64": base64.b64encode(data).decode()}, "sha256": sha}

    good = hashlib.sha256(PHOTO).hexdigest()
    assert authority.refusal("station", "report_photo", "insert", row(PHOTO, good)) is None
    tampered = authority.refusal("station", "report_photo", "insert", row(PHOTO + b"x", good))
    assert "校验值不符" in tampered
    big = b"x" * (2 * 1024 * 1024 + 1)
    too_big = authority.refusal(
        "station", "report_photo", "insert", row(big, hashlib.sha256(big).hexdigest())
    )
    assert "超过2MB" in too_big
