"""Font discovery: an embeddable CJK TrueType font when there is one, a PDF in any case."""

from __future__ import annotations

from pathlib import Path

import pytest
from printing_samples import pdf_pages, sample_certificate

from xhdesk.printing import fonts
from xhdesk.printing.certificate import render_certificates


@pytest.fixture(autouse=True)
def _fresh_cache():
    fonts.load_fonts.cache_clear()
    yield
    fonts.load_fonts.cache_clear()


def test_cff_fonts_are_not_taken_for_truetype(tmp_path: Path) -> None:
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 60)
    ttc = tmp_path / "collection.ttc"
    ttc.write_bytes(b"ttcf\0\1\0\0\0\0\0\1\0\0\0\x10OTTO" + b"\0" * 40)
    assert not fonts.is_truetype(otf)
    assert not fonts.is_truetype(ttc)
    assert not fonts.is_truetype(tmp_path / "missing.ttf")


def test_a_machine_font_is_found_and_embedded() -> None:
    found = fonts.discover()
    if not found:
        pytest.skip("no CJK TrueType font on this machine")
    assert all(fonts.is_truetype(c.path, c.subfont) for c in found)
    chosen = fonts.load_fonts()
    assert chosen.embedded
    data = render_certificates([sample_certificate()], chosen)
    assert b"FontFile2" in data  # the TrueType font program travels inside the PDF
    assert "欧阳晓东" in pdf_pages(data)[0]


def test_the_setting_picks_the_font_file() -> None:
    found = fonts.discover()
    if not found:
        pytest.skip("no CJK TrueType font on this machine")
    chosen = fonts.load_fonts(found[-1].path)
    assert found[-1].path in chosen.source


def test_without_a_cjk_truetype_font_a_pdf_is_still_produced(monkeypatch) -> None:
    monkeypatch.setattr(fonts, "discover", lambda: [])
    chosen = fonts.load_fonts()
    assert not chosen.embedded and chosen.serif == fonts.FALLBACK_FONT
    data = render_certificates([sample_certificate()], chosen)
    assert data.startswith(b"%PDF")
    assert "2026-HQS-3FA2C1-0001" in pdf_pages(data)[0]


def test_a_preferred_font_that_cannot_be_embedded_is_ignored(monkeypatch, tmp_path: Path) -> None:
    otf = tmp_path / "SourceHanSerif.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 60)
    monkeypatch.setattr(fonts, "discover", lambda: [])
    assert fonts.load_fonts(str(otf)).serif == fonts.FALLBACK_FONT
