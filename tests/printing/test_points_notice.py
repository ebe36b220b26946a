"""积分公示: the table paginates, every page repeats the header, nothing private is printed."""

from __future__ import annotations

from datetime import date

from printing_samples import pdf_pages

from xhdesk.printing.points_notice import render_points_notice

NAMES = ["欧阳晓东", "曾丽", "单志强", "解文", "仇海", "区晓明", "朴成", "查红", "覃英", "盖伟"]


def notice(rows: int) -> dict:
    return {
        "title": "2026年度新就业群体党员积分公示",
        "period_start": date(2026, 11, 20),
        "period_end": date(2026, 11, 26),
        "objection_deadline": date(2026, 11, 26),
        "contact": "兴化市新就业群体党群服务中心，联系电话 0523-83210000",
        "issuer": "中共兴化市委组织部",
        "rows": [
            {
                "name": NAMES[i % len(NAMES)] + str(i),
                "branch": f"快递外卖第{i % 7 + 1}流动党支部",
                "category": "志愿服务",
                "kind": "pioneer" if i % 2 else "base",
                "points": 2.5 if i % 3 else 10,
                "reason": f"2026-11-{i % 20 + 1:02d} 交通劝导，联系13812345678，证件321281199001011234",
            }
            for i in range(rows)
        ],
    }


def test_a_long_notice_paginates_with_the_header_on_every_page() -> None:
    pages = pdf_pages(render_points_notice(notice(90)))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "2026年度新就业群体党员积分公示" in page
        assert "序号姓名所在党支部积分类别类型分值积分事由" in page
        assert f"第{number}页共{len(pages)}页" in page
    text = "".join(pages)
    assert all(f"{NAMES[i % 10]}{i}" in text for i in range(90))
    assert "先锋分" in text and "基础分" in text
    assert "2026年11月20日至2026年11月26日" in text
    assert "0523-83210000" in text  # the office's own contact is printed in full


def test_no_id_number_or_full_mobile_reaches_the_board() -> None:
    text = "".join(pdf_pages(render_points_notice(notice(3))))
    assert "13812345678" not in text and "138****5678" in text
    assert "321281199001011234" not in text


def test_an_empty_notice_says_so() -> None:
    (page,) = pdf_pages(render_points_notice(notice(0)))
    assert "本期无经认定的积分记录" in page
