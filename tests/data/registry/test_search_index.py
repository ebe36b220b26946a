"""The members tab's keys held in memory find exactly what the SQL search finds, in the same order,
and are never used once another window or command changed the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xhdesk.data.core.listing import Criteria
from xhdesk.data.core.store import Store
from xhdesk.data.registry import search_index
from xhdesk.data.registry.listings import persons_listing
from xhdesk.data.registry.persons import add_person, delete_persons

LISTING = persons_listing()
COLUMNS = [c.key for c in LISTING.columns]


def _refreshed(store: Store) -> None:
    search_index.refresh(store, LISTING, COLUMNS)
    assert search_index.current(store) is not None


def _queries(store: Store) -> list[str]:
    """Pieces of what the demo's persons are searched by, as a desk types them."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, name_pinyin, name_initials, name_given, name_alt_keys, phone, id_number "
            "FROM person ORDER BY rowid LIMIT 120"
        ).all()
    out: set[str] = {"𠮷", "䶮", "zz", "x", "8X", "0", "王 小"}
    for name, pinyin, initials, given_name, alt, phone, id_number in rows:
        out |= {name[:1], name[1:3], pinyin[:3], initials[:2], given_name[:4], phone[3:7]}
        out |= {id_number[-4:], id_number[-1:], alt.split(" ")[-1][:3] if alt else "q"}
    return sorted(q for q in out if q)


def test_the_held_keys_equal_the_sql_search_for_every_query_and_sort(demo_store):
    _refreshed(demo_store)
    queries = _queries(demo_store)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        query=st.sampled_from(queries),
        sort_key=st.sampled_from([None, *COLUMNS]),
        descending=st.booleans(),
        limit=st.sampled_from([1, 7, 200, None]),
    )
    def agree(query: str, sort_key: str | None, descending: bool, limit: int | None) -> None:
        criteria = Criteria(search=query, sort_key=sort_key, descending=descending)
        held = search_index.row_keys(demo_store, criteria, limit, LISTING)
        assert held is not None  # a search without filters is answered from memory
        assert held == LISTING.sql_row_keys(demo_store, criteria, limit)

    agree()


def test_a_whole_phone_number_a_filter_and_the_recycle_bin_are_left_to_sql(demo_store):
    _refreshed(demo_store)
    with demo_store.engine.connect() as conn:
        phone = conn.exec_driver_sql("SELECT phone FROM person LIMIT 1").scalar_one()
    for criteria in (
        Criteria(search=phone),
        Criteria(filters={"occupation": "rider"}),
        Criteria(deleted=True),
    ):
        assert search_index.row_keys(demo_store, criteria, 10, LISTING) is None


def test_a_write_from_another_window_is_never_hidden_by_the_held_keys(demo_store):
    _refreshed(demo_store)
    other = Store.open(demo_store.path)  # another window on the same file
    try:
        person = add_person(
            other, {"name": "吉𠮷", "id_number": "32128119900307006X", "occupation": "rider"}
        )
    finally:
        other.close()
    assert search_index.current(demo_store) is None  # the file changed: not used any more
    found = LISTING.row_keys(demo_store, Criteria(search="𠮷"), 10)
    assert len(found) == 1  # answered by SQL meanwhile
    _refreshed(demo_store)
    assert search_index.row_keys(demo_store, Criteria(search="𠮷"), 10, LISTING) == found
    assert search_index.row_keys(demo_store, Criteria(search="006X"), None, LISTING) == (
        LISTING.sql_row_keys(demo_store, Criteria(search="006X"), None)
    )
    delete_persons(demo_store, [person.id])
    _refreshed(demo_store)
    assert search_index.row_keys(demo_store, Criteria(search="𠮷"), 10, LISTING) == []


def test_a_closed_store_is_never_read_again_for_the_held_keys(demo_store):
    _refreshed(demo_store)
    demo_store.close()
    assert demo_store.data_version() == -1
    assert search_index.current(demo_store) is None
    search_index.refresh(demo_store, LISTING, COLUMNS)  # a late background refresh: nothing read
    assert search_index.current(demo_store) is None
