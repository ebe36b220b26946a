"""Every document renders, and the Chinese names, numbers and dates can be read back."""

from __future__ import annotations

import io
from datetime import date

from printing_samples import pdf_pages, sample_certificate, sample_receipt
from pypdf import PdfReader

from xhdesk.printing.award_notice import render_award_notice
from xhdesk.printing.certificate import render_certificates
from xhdesk.printing.layout import qr_runs, redact, save_pdf, wrap
from xhdesk.printing.meeting_notice import MeetingNotice, render_meeting_notice
from xhdesk.printing.overlay import PrinterOffset, render_calibration, render_overlay
from xhdesk.printing.receipt import render_receipt


def test_certificate_shows_recipient_number_date_and_issuer(seal_png: str) -> None:
    certs = [
        sample_certificate(seal_image=seal_png),
        sample_certificate(number="2026-HQS-3FA2C1-0002", recipient="诸葛晓明"),
    ]
    data = render_certificates(certs)
    pages = pdf_pages(data)
    assert len(pages) == 2
    assert "荣誉证书" in pages[0]
    assert "欧阳晓东同志" in pages[0] and "2026-HQS-3FA2C1-0001" in pages[0]
    assert "2026年11月28日" in pages[0] and "中共兴化市委组织部" in pages[0]
    assert "诸葛晓明" in pages[1] and "2026-HQS-3FA2C1-0002" in pages[1]
    first, second = PdfReader(io.BytesIO(data)).pages
    assert first.mediabox.width > first.mediabox.height  # landscape
    # the shared page frame on both pages, the seal image only where one was supplied
    assert len(first["/Resources"]["/XObject"]) == 2
    assert len(second["/Resources"]["/XObject"]) == 1


def test_qr_code_carries_the_code() -> None:
    import segno

    code = sample_certificate().code
    n, runs = qr_runs(code)
    expected = segno.make(code, error="m", mask=2, micro=False, boost_error=False)
    assert n == len(expected.matrix)
    dark = {(r, c) for r, start, length in runs for c in range(start, start + length)}
    assert dark == {(r, c) for r, row in enumerate(expected.matrix) for c, v in enumerate(row) if v}


def test_award_notice_lists_the_winners() -> None:
    data = {
        "year": 2026,
        "period_start": date(2026, 11, 28),
        "period_end": date(2026, 12, 4),
        "contact": "0523-83239876",
        "issuer": "中共兴化市委组织部",
        "rows": [
            {
                "award": "最美红骑手",
                "name": "覃英",
                "unit": "兴化美团站",
                "occupation": "外卖骑手",
                "reason": "暴雨夜救助老人",
            },
            {
                "award": "三八红旗手",
                "name": "乐天",
                "unit": "快递第一支部",
                "occupation": "快递员",
                "reason": "身份证321281199001011234",
            },
        ],
    }
    pages = pdf_pages(render_award_notice(data))
    text = "".join(pages)
    assert "2026年度新就业群体先进典型评选结果公示" in text or "评选结果公示" in text
    assert "覃英" in text and "乐天" in text and "2026年12月4日" in text
    assert "321281199001011234" not in text and "321281********1234" in text


def test_receipt_shows_number_due_date_and_masked_phone() -> None:
    data = render_receipt(sample_receipt())
    (page,) = pdf_pages(data)
    assert "诉求受理回执" in page and "XH-20261128-S07-003" in page
    assert "2026年12月5日" in page and "单志强" in page
    assert "139****5678" in page and "13912345678" not in page
    width = PdfReader(io.BytesIO(data)).pages[0].mediabox.width
    assert round(float(width) / 72 * 25.4) == 148  # A5


def test_meeting_notice_from_the_short_form() -> None:
    notice = MeetingNotice(
        title="关于召开新就业群体党建工作推进会的通知",
        time="2026年12月3日下午2:30",
        place="兴化市新就业群体服务中心三楼会议室",
        body="为部署明年重点任务，决定召开推进会。",
        issuer="中共兴化市委组织部",
        issued_on=date(2026, 11, 28),
    )
    (page,) = pdf_pages(render_meeting_notice(notice))
    for text in (
        "推进会的通知",
        "一、时间：2026年12月3日",
        "三楼会议室",
        "2026年11月28日",
        "第1页共1页",
    ):
        assert text in page


def test_overlay_prints_only_the_variable_text_shifted_by_the_offset() -> None:
    cert = sample_certificate()
    plain = render_overlay([cert])
    shifted = render_overlay([cert], offset=PrinterOffset(2.0, -1.5))
    (page,) = pdf_pages(plain)
    assert "欧阳晓东" in page and "2026年11月28日" in page
    assert "荣誉证书" not in page  # the title is pre-printed on the stock
    assert plain != shifted


def test_calibration_page_names_the_printer_and_offset() -> None:
    (page,) = pdf_pages(render_calibration(offset=PrinterOffset(1.5, -0.5), printer="HP M1136"))
    assert "套打校准页" in page and "HPM1136" in page
    assert "向右+1.5mm" in page and "向下-0.5mm" in page and "此线段应为100mm" in page


def test_wrapping_keeps_numbers_whole_and_punctuation_off_line_starts() -> None:
    from xhdesk.printing.fonts import load_fonts

    lines = wrap("被评为“2026年度最美红骑手”。特发此证，以资鼓励。", load_fonts(), 12, 12 * 9)
    assert all(not line.startswith(("，", "。", "”")) for line in lines)
    assert any("2026" in line for line in lines)


def test_redaction_masks_id_numbers_and_mobiles() -> None:
    assert redact("321281199001011234 13812345678") == "321281********1234 138****5678"
    assert redact("0523-83231234") == "0523-83231234"


def test_save_pdf_replaces_the_file_whole(tmp_path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    save_pdf(b"%PDF-new", target)
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_calibration_words_sign_and_margins_agree_with_the_code() -> None:
    from pathlib import Path

    import xhdesk
    from xhdesk.printing.overlay import OFFSET_RULE, SAFE_MARGIN_MM, _cross

    dialog = Path(xhdesk.__file__).parent / "ui" / "printing" / "forms.py"

    data = render_calibration(printer="HP")
    (page,) = pdf_pages(data)
    assert OFFSET_RULE.replace(" ", "") in page  # the same sentence as the dialog
    assert "OFFSET_RULE" in dialog.read_text(encoding="utf-8")
    # every piece of text lies inside the printable area
    reader = PdfReader(io.BytesIO(data))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    margin = SAFE_MARGIN_MM * 72 / 25.4
    spots: list[tuple[float, float]] = []

    def visit(text, cm, tm, _font, _size) -> None:  # noqa: ANN001
        if text.strip():
            spots.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert spots and all(
        margin - 1 <= x <= width - margin and margin - 1 <= y <= height - margin for x, y in spots
    )

    # a positive offset moves the marks right and down, as the rule assumes
    class Recorder:
        def __init__(self) -> None:
            self.lines: list[tuple[float, float, float, float]] = []

        def line(self, *xy: float) -> None:
            self.lines.append(xy)  # type: ignore[arg-type]

        def __getattr__(self, _name: str):  # noqa: ANN204
            return lambda *a, **k: None

    from xhdesk.printing.fonts import load_fonts

    plain, shifted = Recorder(), Recorder()
    _cross(plain, 30, 30, PrinterOffset(), 595, load_fonts())  # type: ignore[arg-type]
    _cross(shifted, 30, 30, PrinterOffset(2, 3), 595, load_fonts())  # type: ignore[arg-type]
    dx = shifted.lines[0][0] - plain.lines[0][0]
    dy = shifted.lines[0][1] - plain.lines[0][1]
    assert dx > 0 and dy < 0  # right, and down (PDF y grows upwards)
