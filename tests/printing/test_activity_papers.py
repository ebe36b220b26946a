"""The activity's papers: notice, sign-in sheet with names, member cards with a scannable code."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "activities"))
from activity_seed import members_of_one_branch, new_activity  # noqa: E402

from xhdesk.data.activities import person_of_code, sign_up  # noqa: E402
from xhdesk.documents.activities import (  # noqa: E402
    member_cards,
    member_cards_pdf,
    notice_pdf,
    sign_in_sheet_pdf,
)


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages)


def test_notice_sheet_and_cards_print(demo_store, tmp_path):
    branch_id, ids = members_of_one_branch(demo_store, 12)
    aid = new_activity(demo_store, branch_id)
    _pages, notice = text_of(notice_pdf(demo_store, aid))
    assert "主题党日：重温入党誓词" in notice and "星期" in notice

    with demo_store.session() as session:
        from xhdesk.data.models import Person

        names = [session.get(Person, pid).name for pid in ids]
    pages, sheet = text_of(sign_in_sheet_pdf(demo_store, aid))  # the branch's members
    assert "签到表" in sheet and all(name in sheet for name in names[:3]) and pages >= 1
    for pid in ids[:4]:
        sign_up(demo_store, aid, pid)
    _pages, sheet = text_of(sign_in_sheet_pdf(demo_store, aid))  # now only those signed up
    assert all(name in sheet for name in names[:4]) and names[4] not in sheet
    assert "****" in sheet  # phones masked

    pages, cards = text_of(member_cards_pdf(demo_store, ids))
    assert pages == 2 and cards.count("党员服务卡") == 12 and names[11] in cards
    for card, pid in zip(member_cards(demo_store, ids[:3]), ids, strict=False):
        assert person_of_code(demo_store, card.code) == pid
        assert card.code.isascii() and card.code == card.code.upper()  # a scanner gun types it
