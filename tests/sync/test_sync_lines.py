"""The wire form of a change is one canonical JSON line, however it is written out."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from xhdesk.data.sync.vector import change_line

_value = st.one_of(
    st.text(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
)


@given(st.lists(_value, max_size=10))
def test_a_line_is_the_canonical_json_of_its_row(row):
    expected = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert change_line(row) == expected
    assert change_line(tuple(row)) == expected
