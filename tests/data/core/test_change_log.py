"""The one-way-to-write rule: every write to every synced table lands in the change log."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.unit_of_work import WriteRuleViolation
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Change, Committee, Person, synced_models
from xhdesk.data.registry import persons


def _id_number(seed: int) -> str:
    first17 = f"32128119900101{seed:03d}"
    return first17 + id_check_char(first17)


def _changes(store, tbl=None):
    with store.session() as s:
        stmt = select(Change)
        if tbl:
            stmt = stmt.where(Change.tbl == tbl)
        return s.exec(stmt.order_by(Change.hlc)).all()


def test_insert_and_update_are_recorded_field_by_field_with_node_author_and_clock(store):
    p = persons.add_person(
        store,
        {"name": "曾小单", "id_number": _id_number(1), "occupation": "rider"},
        author="王书记",
    )
    persons.update_person(store, p.id, {"phone": "13912345678"}, author="李站长")
    log = [c for c in _changes(store, "person") if c.row_id == p.id]
    assert [c.op for c in log] == ["insert", "update"]
    insert, update = log
    assert json.loads(insert.data)["name"] == "曾小单"
    # 曾 as a surname reads zeng; 单 in a given name reads dan.
    assert json.loads(insert.data)["name_pinyin"] == "zengxiaodan"
    assert json.loads(update.data) == {"phone": "13912345678"}
    assert json.loads(update.prev) == {"phone": [[insert.origin, insert.seq]]}  # what it replaced
    assert (insert.author, update.author) == ("王书记", "李站长")
    assert insert.origin == update.origin == store.node_id
    assert update.hlc > insert.hlc and update.seq == insert.seq + 1


def test_an_edit_that_changes_nothing_records_nothing(store):
    p = persons.add_person(
        store, {"name": "张三", "id_number": _id_number(2), "occupation": "rider"}
    )
    before = len(_changes(store))
    persons.update_person(store, p.id, {"name": "张三"})
    assert len(_changes(store)) == before


def _fake_value(column: sa.Column, rng: random.Random):
    t = column.type
    if isinstance(t, sa.Boolean):
        return False
    if isinstance(t, sa.Integer):
        return rng.randrange(1, 100)
    if isinstance(t, sa.Date):
        return date(2025, 1, 1)
    if isinstance(t, sa.DateTime):
        from datetime import datetime

        return datetime(2025, 1, 1, 8, 30)
    if isinstance(t, sa.LargeBinary):
        return b"scan"
    if isinstance(t, sa.Float | sa.Numeric):
        return 1.5
    return "x"


def test_every_synced_table_records_inserts_and_updates(store):
    """A row in every synced table, parents first; each insert and each edit is in the log."""
    from xhdesk.data.models import metadata

    rng = random.Random(7)
    models = synced_models()
    assert {"person", "station", "enterprise", "branch", "committee", "verification"} <= set(models)
    ids: dict[str, str] = {}
    for table in metadata.sorted_tables:  # parents before children
        model = models.get(table.name)
        if model is None:
            continue
        values = {}
        for col in table.columns:
            if col.primary_key:
                continue
            if col.foreign_keys:
                values[col.name] = ids[next(iter(col.foreign_keys)).column.table.name]
            else:
                values[col.name] = _fake_value(col, rng)
        if "deleted" in values:
            values["deleted"] = False
        with store.unit_of_work() as uow:
            ids[table.name] = uow.add(model(**values)).id
    inserted = {(c.tbl, c.row_id) for c in _changes(store) if c.op == "insert"}
    assert {(name, ids[name]) for name in models} <= inserted
    for name, model in models.items():
        if model.SYNC != "mutable":
            continue
        with store.unit_of_work() as uow:
            uow.session.get(model, ids[name]).deleted = True
        updates = [c for c in _changes(store, name) if c.op == "update" and c.row_id == ids[name]]
        assert updates and json.loads(updates[-1].data) == {"deleted": True}


def test_writes_outside_the_unit_of_work_are_refused(store):
    with store.session() as s:
        s.add(Committee(code="x", name="外部写入"))
        with pytest.raises(WriteRuleViolation):
            s.commit()


def test_hard_delete_is_refused_and_nothing_changes(store):
    with store.unit_of_work() as uow:
        c = uow.add(Committee(code="transport", name="交通运输行业党委"))
    before = len(_changes(store))
    with pytest.raises(WriteRuleViolation), store.unit_of_work() as uow:
        uow.session.delete(uow.session.get(Committee, c.id))
    with store.session() as s:
        assert s.get(Committee, c.id) is not None
    assert len(_changes(store)) == before


def test_append_only_events_cannot_be_updated(store):
    p = persons.add_person(
        store,
        {
            "name": "李红",
            "id_number": _id_number(3),
            "occupation": "courier",
            "political_status": "member",
        },
    )
    persons.record_verification(store, p.id, "org_check", "周红梅", "2026-01-05")
    from xhdesk.data.models import Verification

    with pytest.raises(WriteRuleViolation), store.unit_of_work() as uow:
        v = uow.session.exec(select(Verification)).one()
        v.checked_by = "别人"


def test_a_failed_write_leaves_database_clock_and_log_unchanged(store):
    before = (len(_changes(store)), store.seq, store.local_state()["seq"])
    with pytest.raises(ValidationError):
        with store.unit_of_work() as uow:
            uow.add(Committee(code="a", name="先写一条"))
            uow.flush()
            raise ValidationError("中途出错")
    assert (len(_changes(store)), store.seq, store.local_state()["seq"]) == before
    with store.session() as s:
        assert s.exec(select(Committee).where(Committee.code == "a")).first() is None


def test_invalid_person_is_refused_and_database_unchanged(store):
    before = len(_changes(store))
    with pytest.raises(ValidationError, match="校验位"):
        persons.add_person(
            store, {"name": "王五", "id_number": "110105194912310021", "occupation": "rider"}
        )
    with pytest.raises(ValidationError, match="姓名"):
        persons.add_person(store, {"name": " ", "id_number": _id_number(4), "occupation": "rider"})
    assert len(_changes(store)) == before
    with store.session() as s:
        assert s.exec(select(Person)).all() == []


def test_clock_and_sequence_survive_reopening(store):
    with store.unit_of_work() as uow:
        uow.add(Committee(code="a", name="甲"))
    last, seq = store.clock.last, store.seq
    from xhdesk.data.core.store import Store

    again = Store.open(store.path)
    assert again.seq == seq and again.clock.last == last and again.node_id == store.node_id
    with again.unit_of_work() as uow:
        uow.add(Committee(code="b", name="乙"))
    assert again.seq == seq + 1 and again.clock.last > last
    again.close()


def test_bulk_insert_stores_values_exactly_as_the_orm_does(store):
    """insert_many's fast path must store dates, booleans and texts as the ORM path stores them."""
    values = {
        "name": "单田芳",
        "id_number": _id_number(5),
        "occupation": "courier",
        "political_status": "member",
        "joined_party_on": date(2015, 7, 1),
        "birth_date": date(1990, 1, 1),
    }
    with store.unit_of_work() as uow:
        uow.add(Person(id="orm-row", **values))
    with store.unit_of_work() as uow:
        uow.insert_many(Person, [{"id": "bulk-row", **values, "id_number": _id_number(6)}])
    with store.engine.connect() as conn:
        rows = {
            r[0]: r[1:]
            for r in conn.exec_driver_sql(
                "SELECT id, name, birth_date, joined_party_on, deleted, typeof(deleted), status,"
                " typeof(birth_date) FROM person"
            )
        }
    assert rows["orm-row"] == rows["bulk-row"]
    log = {c.row_id: json.loads(c.data) for c in _changes(store, "person")}
    assert {k: v for k, v in log["bulk-row"].items() if k not in ("id", "id_number")} == {
        k: v for k, v in log["orm-row"].items() if k not in ("id", "id_number")
    }
