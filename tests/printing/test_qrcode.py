"""The fast certificate QR encoder gives exactly the symbol segno gives for the same settings."""

from __future__ import annotations

import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from xhdesk.printing.layout import qr_path, qr_runs
from xhdesk.printing.qrcode import ALPHANUMERIC, qr_matrix


def _segno(text: str) -> list[list[int]]:
    qr = segno.make(text, error="m", mask=2, micro=False, boost_error=False)
    return [list(row) for row in qr.matrix]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHANUMERIC, min_size=0, max_size=230))
def test_same_symbol_as_segno(tail: str) -> None:
    text = "XHV1." + tail  # certificate codes never consist of digits only
    assert [list(row) for row in qr_matrix(text)] == _segno(text)


def test_a_certificate_code_and_other_text() -> None:
    code = "XHV1.2026-HQS-3FA2C1-0001.UF2GEY2E4FABPI5ZWP7FT5I2HQ." + "LBSBS2L44QZ62ABG" * 6 + "T2T"
    assert [list(row) for row in qr_matrix(code)] == _segno(code)
    lower = "xhv1.lower case goes to segno"
    assert [list(row) for row in qr_matrix(lower)] == [
        list(r) for r in segno.make(lower, error="m", mask=2, micro=False).matrix
    ]


def test_the_drawn_path_covers_exactly_the_dark_modules() -> None:
    code = "XHV1.2026-DSD-ABCDEF-0042.AAAA.BBBB"
    n, path = qr_path(code)
    ops = path.split("re")[:-1]
    drawn = set()
    for op in ops:
        col, row, length, _height = (int(v) for v in op.split())
        drawn |= {(row, c) for c in range(col, col + length)}
    dark = {(r, c) for r, row in enumerate(qr_matrix(code)) for c, v in enumerate(row) if v}
    assert drawn == dark and n == len(qr_matrix(code))
    assert len(qr_runs(code)[1]) == len(ops)
