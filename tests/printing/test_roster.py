"""The 名册 roster PDF: title, the filter line, masked values, the header on every page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from xhdesk.printing.fonts import load_fonts
from xhdesk.printing.roster import Roster, render_roster


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_roster_repeats_its_header_and_numbers_its_pages():
    rows = [[f"测试{i:03d}", "321281********123X", "138****5678", str(i)] for i in range(1, 121)]
    roster = Roster(
        title="党员队伍名册",
        subtitle="筛选：职业 外卖骑手 · 共 120 人",
        headers=["姓名", "身份证号", "手机号", "积分"],
        widths=[80, 150, 110, 60],
        rows=rows,
        numeric=[False, False, False, True],
        issuer="兴化市服务中心",
    )
    pages = _text(render_roster(roster, load_fonts()))
    assert len(pages) >= 3
    assert "党员队伍名册" in pages[0] and "共 120 人" in pages[0]
    assert all("身份证号" in p and "序号" in p for p in pages)
    assert "测试120" in pages[-1]
    assert f"共 {len(pages)} 页" in pages[-1]


def test_a_full_number_that_slipped_in_is_masked_on_paper():
    roster = Roster("名册", "", ["备注"], [100], [["电话13812345678，证件321281199001011234"]])
    text = _text(render_roster(roster, load_fonts()))[0]
    assert "13812345678" not in text and "138****5678" in text
    assert "321281199001011234" not in text
