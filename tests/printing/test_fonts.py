"""Fonts chosen by coverage: every character of every document prints, whatever the machine has."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fake_fonts import extension_font, no_ascii_font
from printing_samples import pdf_pages, sample_certificate, sample_receipt

from xhdesk.printing import fonts
from xhdesk.printing.award_notice import render_award_notice
from xhdesk.printing.certificate import render_certificates
from xhdesk.printing.meeting_notice import MeetingNotice, render_meeting_notice
from xhdesk.printing.overlay import render_calibration, render_overlay
from xhdesk.printing.points_notice import render_points_notice
from xhdesk.printing.receipt import render_receipt
from xhdesk.printing.roster import Roster, render_roster

NAME = "王𠮷"  # U+20BB7, CJK Extension B
TRICKY = "ABC-123（二〇二六）：，xyz"


@pytest.fixture(scope="session")
def fake_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fonts")
    no_ascii_font(folder)
    extension_font(folder)
    return folder


def _machine(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> fonts.FontSet:
    """Pretend the machine has exactly ``paths`` (the shipped face is always there)."""
    monkeypatch.setattr(fonts, "candidate_files", lambda: [str(p) for p in paths])
    fonts.load_fonts.cache_clear()
    return fonts.load_fonts()


@pytest.fixture(autouse=True)
def _fresh_cache():
    fonts.load_fonts.cache_clear()
    yield
    fonts.load_fonts.cache_clear()


def _documents(chosen: fonts.FontSet) -> dict[str, tuple[bytes, list[str]]]:
    """Every document type with digits, Latin, full-width punctuation, 〇 and NAME in it."""
    cert = sample_certificate(recipient=NAME, wording=f"表现突出。{TRICKY}")
    receipt = {**sample_receipt(), "requester_name": NAME, "description": TRICKY}
    notice_rows = [
        {"name": NAME, "branch": "XH第1支部", "category": "study", "kind": "base"}
        | {"points": 2.5, "reason": TRICKY}
    ]
    points = {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 30)}
    points |= {"issuer": "中共兴化市委组织部", "contact": "0523-83239876", "rows": notice_rows}
    award_rows = [{"award": "最美红骑手", "name": NAME, "unit": "XH", "occupation": "骑手"}]
    awards = {"year": 2026, "period_start": date(2026, 11, 28), "period_end": date(2026, 12, 4)}
    awards |= {"issuer": "组织部", "contact": "0523-1", "issued_on": date(2026, 11, 28)}
    awards["rows"] = [award_rows[0] | {"reason": TRICKY}]
    meeting = MeetingNotice(
        f"关于{NAME}的通知", "2026年12月3日 下午2:30", "302室", TRICKY, "组织部", date(2026, 12, 1)
    )
    roster = Roster("名册", "共 1 人", ["姓名", "备注"], [1, 2], [[NAME, TRICKY]])
    return {
        "certificate": (render_certificates([cert], chosen), [f"{NAME}同志", TRICKY, "2026-HQS"]),
        "overlay": (render_overlay([cert], fonts=chosen), [NAME, TRICKY, "证书编号：2026-HQS"]),
        "receipt": (render_receipt(receipt, chosen), [NAME, TRICKY, "139****5678", "0523-12345"]),
        "points": (render_points_notice(points, chosen), [NAME, TRICKY, "2.5", "第1页共1页"]),
        "awards": (render_award_notice(awards, chosen), [NAME, TRICKY, "2026年11月28日"]),
        "meeting": (render_meeting_notice(meeting, chosen), [NAME, TRICKY, "下午2:30"]),
        "roster": (render_roster(roster, chosen), [NAME, TRICKY]),
        "calibration": (render_calibration(printer="HP M1136", fonts=chosen), ["HPM1136", "100mm"]),
    }


def _clean(text: str) -> str:
    return text.replace(" ", "")


def test_a_face_without_ascii_listed_first_never_blanks_a_character(monkeypatch, fake_dir):
    chosen = _machine(monkeypatch, fake_dir / "AAA-NoAscii.ttf", fake_dir / "ExtB.ttf")
    assert "NoAscii" not in chosen.serif and "NoAscii" not in chosen.sans  # it does not qualify
    assert chosen.missing(NAME + TRICKY + "䶮") == ""
    for kind, (data, expected) in _documents(chosen).items():
        text = "".join(pdf_pages(data))
        for piece in expected:
            assert _clean(piece) in text, (kind, piece)
        assert "〓" not in text, kind


def test_the_user_font_comes_first_but_cannot_blank_digits(monkeypatch, fake_dir):
    _machine(monkeypatch, fake_dir / "AAA-NoAscii.ttf", fake_dir / "ExtB.ttf")
    chosen = fonts.load_fonts(str(fake_dir / "AAA-NoAscii.ttf"))
    assert "NoAscii" in chosen.serif and "NoAscii" in chosen.sans  # the setting: every role
    data = render_certificates([sample_certificate(recipient=NAME)], chosen)
    assert "2026-HQS-3FA2C1-0001" in pdf_pages(data)[0] and NAME in pdf_pages(data)[0]


def test_with_only_the_shipped_face_every_document_round_trips(monkeypatch):
    chosen = _machine(monkeypatch)
    assert chosen.source.endswith(fonts.SHIPPED_FONT)
    docs = _documents(chosen.lenient())  # NAME needs an Extension B face that is not there
    for kind, (data, expected) in docs.items():
        text = "".join(pdf_pages(data))
        for piece in expected:
            assert _clean(piece.replace("𠮷", "〓")) in text, (kind, piece)


def test_a_character_no_face_has_is_named_before_anything_is_drawn(monkeypatch):
    chosen = _machine(monkeypatch)
    with pytest.raises(fonts.UnprintableError) as caught:
        render_certificates([sample_certificate(), sample_certificate(recipient=NAME)], chosen)
    assert str(caught.value) == "王𠮷：无法打印「𠮷」，请安装含扩展字库的字体或在打印设置中选择字体"
    with pytest.raises(fonts.UnprintableError, match="王𠮷"):
        render_receipt({**sample_receipt(), "requester_name": NAME}, chosen)


def test_cff_fonts_and_junk_are_not_taken(tmp_path: Path, monkeypatch) -> None:
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 60)
    ttc = tmp_path / "collection.ttc"
    ttc.write_bytes(b"ttcf\0\1\0\0\0\0\0\1\0\0\0\x10OTTO" + b"\0" * 40)
    assert not fonts.is_truetype(otf)
    assert not fonts.is_truetype(ttc)
    assert not fonts.is_truetype(tmp_path / "missing.ttf")
    chosen = _machine(monkeypatch, otf, ttc)
    assert chosen.source.endswith(fonts.SHIPPED_FONT)


def test_the_shipped_face_qualifies_and_travels_inside_the_pdf() -> None:
    shipped = fonts.read_faces(fonts.shipped_font())
    assert shipped and shipped[0].qualifies
    assert (fonts.resources_fonts_dir() / "wqy-microhei.LICENSE.txt").is_file()
    data = render_certificates([sample_certificate()], fonts.load_fonts())
    assert b"FontFile2" in data  # the TrueType font program is embedded


def test_without_any_face_printing_stops_with_a_sentence(monkeypatch) -> None:
    monkeypatch.setattr(fonts, "discover", lambda: [])
    with pytest.raises(fonts.NoFontError):
        fonts.load_fonts()


def test_a_fallback_face_is_loaded_only_when_a_character_needs_it(monkeypatch, fake_dir):
    chosen = _machine(monkeypatch, fake_dir / "AAA-NoAscii.ttf", fake_dir / "ExtB.ttf")
    ext = next(n for n in chosen.chains["serif"] if "ExtB" in n)
    assert ext in chosen.pending
    assert chosen.face_for("䶮") == ext and ext not in chosen.pending
