"""A whole mobile or ID number finds its person through the column's index (the desk's search)."""

from __future__ import annotations

from xhdesk.data.registry.search import match_persons


def test_a_whole_phone_or_id_number_finds_exactly_its_persons(demo_store):
    with demo_store.engine.connect() as conn:
        pid, phone, id_number = conn.exec_driver_sql(
            "SELECT id, phone, id_number FROM person WHERE deleted = 0 ORDER BY rowid DESC LIMIT 1"
        ).one()
        same_phone = conn.exec_driver_sql(
            "SELECT count(*) FROM person WHERE deleted = 0 AND phone = ?", (phone,)
        ).scalar_one()
    found = match_persons(demo_store, phone)
    assert pid in {p.id for p in found.persons} and found.total == same_phone
    assert all(p.phone == phone for p in found.persons)
    spaced = f"{phone[:3]} {phone[3:7]} {phone[7:]}"  # as pasted from a chat
    assert [p.id for p in match_persons(demo_store, spaced).persons] == [
        p.id for p in found.persons
    ]
    by_id = match_persons(demo_store, id_number.lower())
    assert [p.id for p in by_id.persons] == [pid]
    assert pid in {p.id for p in match_persons(demo_store, phone[-4:], limit=None).persons}
