"""Long texts at every field's maximum length paginate without error, signatures stay with their
text, lines obey the Chinese rules, free text is redacted, and certificate codes are canonical."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from printing_samples import pdf_pages, sample_certificate, sample_receipt
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from xhdesk.printing.award_notice import render_award_notice
from xhdesk.printing.certificate import render_certificates
from xhdesk.printing.fonts import load_fonts
from xhdesk.printing.layout import draw_fitted, wrap
from xhdesk.printing.linebreak import NO_LINE_END, NO_LINE_START
from xhdesk.printing.meeting_notice import MeetingNotice, render_meeting_notice
from xhdesk.printing.receipt import render_receipt
from xhdesk.redaction import FORMATS, redact

SENTENCE = "骑手反映：站点（昭阳街道）的充电桩，已坏了三天；“请尽快修复”。电话13812345678！"


def _text(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_a_receipt_at_the_longest_description_paginates_and_keeps_its_signature() -> None:
    data = {**sample_receipt(), "description": _text(1000), "requester_name": "欧" * 30}
    pages = pdf_pages(render_receipt(data, load_fonts()))
    signed = [p for p in pages if "受理人（签名）" in p]
    assert len(signed) == 1 and "受理单位" in signed[0] and "请妥善保管" in signed[0]
    assert "13812345678" not in "".join(pages) and "138****5678" in "".join(pages)


def test_a_receipt_with_200_characters_fits_one_page() -> None:
    data = {**sample_receipt(), "description": _text(200)}
    assert _pages(render_receipt(data, load_fonts())) == 1


def test_a_long_meeting_notice_never_leaves_the_signature_alone() -> None:
    notice = MeetingNotice(
        "关于召开推进会的通知", "12月3日", "302室", _text(1400), "组织部", date(2026, 12, 1)
    )
    pages = pdf_pages(render_meeting_notice(notice, load_fonts()))
    last = pages[-1]
    assert "组织部" in last and "2026年12月1日" in last and "二、地点" in last
    assert "13812345678" not in "".join(pages)


def test_an_award_notice_with_the_longest_reasons_paginates() -> None:
    rows = [
        {"award": "最美红骑手", "name": f"王{i}", "unit": "兴化" * 40, "occupation": "骑手"}
        | {"reason": _text(500)}
        for i in range(12)
    ]
    data = {"year": 2026, "issuer": "组" * 60, "contact": "0523-1", "rows": rows}
    data |= {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 7)}
    pages = pdf_pages(render_award_notice(data, load_fonts()))
    assert len(pages) > 1 and "特此公示" in pages[-1] and "2026年11月1日" in pages[-1]


def test_a_long_issuer_stays_inside_the_certificate() -> None:
    issuer = "中共兴化市委新就业群体工作委员会暨市级服务中心党建工作指导办公室联合颁发单位名称"
    cert = sample_certificate(issuer=issuer[:60], wording=_text(300))
    page = pdf_pages(render_certificates([cert], load_fonts()))[0]
    assert issuer[:20] in page and "2026年11月28日" in page

    class Canvas:  # records what draw_fitted draws
        def __init__(self) -> None:
            self.sizes: list[float] = []

        def setFont(self, name: str, size: float) -> None:  # noqa: N802
            self.sizes.append(size)

        def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
            pass

    fonts = load_fonts()
    canvas = Canvas()
    draw_fitted(canvas, fonts, issuer, 0, 0, 17, 200)  # type: ignore[arg-type]
    size = canvas.sizes[-1]
    assert size >= 11 and all(
        fonts.width(line, size) <= 200 for line in wrap(issuer, fonts, size, 200)
    )


PUNCTUATED = st.text(
    alphabet="党员骑手服务站点积分工作2026AB，。；：）》”（《“", min_size=1, max_size=200
)


@settings(max_examples=60, deadline=None)
@given(PUNCTUATED)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str) -> None:
    fonts = load_fonts()
    for lines in (
        list(wrap(text, fonts, 12, 12 * 10)),
        _paragraph_lines(text, fonts),
    ):
        assert "".join(lines) == text
        for i, line in enumerate(lines):
            stuck = all(ch in NO_LINE_START | NO_LINE_END for ch in line)
            if i and not stuck:
                assert line[0] not in NO_LINE_START or len(lines[i - 1]) <= 1, lines
            if i < len(lines) - 1 and not stuck:
                assert line[-1] not in NO_LINE_END or len(line) <= 1, lines


def _paragraph_lines(text: str, fonts) -> list[str]:  # noqa: ANN001
    style = ParagraphStyle("p", fontName=fonts.serif, fontSize=12, leading=18, wordWrap="CJK")
    para = Paragraph(fonts.markup(text), style)
    para.wrap(12 * 10, 10000)
    return [
        "".join(w.text for w in ln.words) if hasattr(ln, "words") else "".join(ln[1])
        for ln in para.blPara.lines
    ]


@pytest.mark.parametrize(("written", "printed"), FORMATS)
def test_redaction_masks_every_format(written: str, printed: str) -> None:
    assert redact(f"联系{written}。") == f"联系{printed}。"


def test_redaction_leaves_landlines_numbers_and_dates() -> None:
    for text in ("0523-83239876", "XH-20261128-S07-003", "2026年11月28日", "热线12345"):
        assert redact(text) == text


def test_non_canonical_certificate_codes_are_refused() -> None:
    import base64
    import uuid

    from xhdesk.data.awards.verification import decode_code

    node = str(uuid.uuid4())
    node_b32 = base64.b32encode(uuid.UUID(node).bytes).decode().rstrip("=")
    sig = base64.b32encode(bytes(range(64))).decode().rstrip("=")
    code = f"XHV1.2026-HQS-3FA2C1-0001.{node_b32}.{sig}"
    assert decode_code(code) is not None
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    accepted = []
    for i, ch in enumerate(code):
        for other in alphabet:
            if other != ch and ch in alphabet:
                edited = code[:i] + other + code[i + 1 :]
                decoded = decode_code(edited)
                if decoded is not None and decoded == decode_code(code):
                    accepted.append(edited)
    assert accepted == []
