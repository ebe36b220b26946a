"""The organisation template of a new centre, and organisation management at the centre."""

from __future__ import annotations

import pytest
from sqlmodel import select

from xhdesk.data.core.errors import PermissionDenied, ValidationError
from xhdesk.data.models import Branch, Committee, Person
from xhdesk.data.models.points import PointRule
from xhdesk.data.models.requests import CalendarDay, Department, ServiceKind
from xhdesk.data.network import organisation as org
from xhdesk.data.network.template import fill_from_template, is_empty


def _count(store, model) -> int:
    with store.session() as s:
        return len(s.exec(select(model).where(model.deleted == False)).all())  # noqa: E712


def test_template_fills_an_empty_centre_in_one_unit_of_work(store):
    assert is_empty(store)
    fill_from_template(store)
    assert _count(store, Committee) == 3
    assert _count(store, Department) == 15
    assert _count(store, ServiceKind) == 14
    assert _count(store, PointRule) == 17
    with store.session() as s:
        days = s.exec(select(CalendarDay)).all()
    assert any(d.day.year == 2026 for d in days)
    with pytest.raises(ValidationError, match="已有组织架构"):
        fill_from_template(store)


def test_create_rename_merge_retire(store):
    fill_from_template(store)
    jt = next(u for u in org.list_org_units(store, "committee") if u.code == "JT")
    b1 = org.create_unit(
        store, "branch", {"name": "一支部", "kind": "mobile", "committee_id": jt.id}
    )
    b2 = org.create_unit(
        store, "branch", {"name": "二支部", "kind": "joint", "committee_id": jt.id}
    )
    s1 = org.create_unit(store, "station", {"name": "城东驿站", "committee_id": jt.id})
    s2 = org.create_unit(store, "station", {"name": "城西驿站", "code": "s37"})
    codes = {u.name: u.code for u in org.list_org_units(store, "station")}
    assert codes == {"城东驿站": "S01", "城西驿站": "S37"}
    with pytest.raises(ValidationError, match="已被其他单位使用"):
        org.create_unit(store, "station", {"name": "又一个", "code": "S37"})
    with pytest.raises(ValidationError, match="同名"):
        org.create_unit(
            store, "branch", {"name": "一支部", "kind": "mobile", "committee_id": jt.id}
        )
    org.rename_unit(store, "branch", b1, "交通一支部")
    with store.unit_of_work() as uow:
        uow.add(
            Person(
                name="甲",
                occupation="courier",
                id_number="321281199001011234",
                branch_id=b1,
                station_id=s1,
            )
        )
    with pytest.raises(ValidationError, match="请先把它合并"):
        org.retire_unit(store, "branch", b1)
    org.merge_units(store, "branch", b1, b2)
    org.merge_units(store, "station", s1, s2)
    with store.session() as s:
        person = s.exec(select(Person)).one()
        assert (person.branch_id, person.station_id) == (b2, s2)
        assert s.get(Branch, b1).deleted
    assert [u.name for u in org.list_org_units(store, "branch")] == ["二支部"]
    org.retire_unit(
        store,
        "committee",
        next(u.id for u in org.list_org_units(store, "committee") if u.code == "WL"),
    )
    assert _count(store, Committee) == 2


def test_a_station_may_not_manage_the_organisation(store):
    store.node_role = "station"
    with pytest.raises(PermissionDenied):
        org.create_unit(store, "committee", {"name": "新党委"})


def test_a_committee_manages_only_what_is_below_it(store):
    fill_from_template(store)
    codes = {u.code: u.id for u in org.list_org_units(store, "committee")}
    mine = org.create_unit(
        store, "branch", {"name": "交通支部", "kind": "mobile", "committee_id": codes["JT"]}
    )
    other = org.create_unit(
        store, "branch", {"name": "快递支部", "kind": "mobile", "committee_id": codes["KD"]}
    )
    store.set_local_state(place_kind="committee", place_id=codes["JT"], place_code="JT")
    store.node_role = "committee"
    org.create_unit(store, "station", {"name": "交通驿站", "committee_id": codes["JT"]})
    org.rename_unit(store, "branch", mine, "交通一支部")
    with pytest.raises(PermissionDenied, match="本行业党委"):
        org.create_unit(
            store, "branch", {"name": "又一个", "kind": "mobile", "committee_id": codes["KD"]}
        )
    with pytest.raises(PermissionDenied, match="本行业党委"):
        org.rename_unit(store, "branch", other, "改名")
    with pytest.raises(PermissionDenied, match="本行业党委"):
        org.merge_units(store, "branch", mine, other)
    with pytest.raises(PermissionDenied):
        org.create_unit(store, "committee", {"name": "新党委"})
    with pytest.raises(PermissionDenied):
        org.rename_unit(
            store, "service_kind", org.list_org_units(store, "service_kind")[0].id, "改"
        )


def test_a_joined_node_takes_its_first_administrator_before_any_package(tmp_path):
    from xhdesk.data.core.store import Store
    from xhdesk.data.network.setup import create_centre, join_network
    from xhdesk.data.sync.nodes import enrol
    from xhdesk.data.users.accounts import add_account, has_accounts

    create_centre(tmp_path / "c.sqlite3", "兴化市", "XH", template=True)
    with Store.open(tmp_path / "c.sqlite3", create=False) as centre:
        station = org.create_unit(centre, "station", {"name": "城东驿站"})
        assert station
        enrol(centre, "城东驿站", "station", tmp_path / "s.xhnode", "口令一二三", unit="S01")
    join_network(tmp_path / "s.sqlite3", tmp_path / "s.xhnode", "口令一二三")
    with Store.open(tmp_path / "s.sqlite3", create=False) as node:
        assert node.node_role == "station" and node.node_name == "城东驿站"
        add_account(node, "admin", "站长", "admin", "zhan2026!")
        assert has_accounts(node)
