"""Cells as offices leave them normalise to what the dialogs would receive."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.imports import normalise as norm

FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def id_numbers(draw) -> str:
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)))
    first17 = f"321281{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return first17 + id_check_char(first17)


@given(id_numbers(), st.booleans(), st.lists(st.integers(0, 17), max_size=3), st.booleans())
def test_an_id_number_survives_full_width_spaces_and_lower_case(number, full, gaps, lower):
    typed = number.translate(FULL) if full else number
    for i in sorted(gaps, reverse=True):
        typed = typed[:i] + " " + typed[i:]
    if lower:
        typed = typed.lower()
    assert norm.id_number(typed) == number


@given(id_numbers())
def test_an_id_number_stored_as_a_number_is_refused(number):
    for cell in (float(number[:17] + "0"), f"{float(number[:17] + '0'):.5E}"):
        with pytest.raises(ValidationError, match="无法恢复"):
            norm.id_number(cell)


@given(st.integers(1, 2958465))
def test_excel_serials_are_days_from_1899_12_30(serial):
    assert (norm.a_date(float(serial)) - date(1899, 12, 30)).days == serial


def test_cells_as_text():
    assert norm.compact_number(13852301234.0) == "13852301234"
    assert norm.compact_number("１３８ ５２３０ １２３４") == "13852301234"
    assert norm.name("王\u3000 五") == "王五"
    assert norm.text("  昭阳街道（东）  ") == "昭阳街道（东）"  # Chinese punctuation is kept
    assert norm.text(3.212811990010113e17) == "3.21281E+17"  # as Excel shows it
