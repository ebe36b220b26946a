"""The 四亮 roll of a station as PDF bytes: ``data.showcase.roll`` laid out by ``printing``."""

from __future__ import annotations

from datetime import date

from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.data.showcase.marks import Mark
from xhdesk.data.showcase.roll import ShowcaseRoll, station_roll
from xhdesk.data.showcase.vocab import MARK_KINDS
from xhdesk.printing.fonts import load_fonts
from xhdesk.printing.layout import cn_date
from xhdesk.printing.showcase_roll import ShowcaseSheet, render_showcase_roll

MEMBER_KINDS = ("identity", "vehicle", "pledge", "area", "post")


def _pair(mark: Mark | None) -> tuple[str, str]:
    return (mark.text, cn_date(mark.set_on)) if mark else ("", "")


def roll_sheet(roll: ShowcaseRoll, issuer: str = "") -> ShowcaseSheet:
    lines = [
        (MARK_KINDS[k], roll.station_marks[k].text, cn_date(roll.station_marks[k].set_on))
        for k in ("flag", "area", "post")
        if k in roll.station_marks
    ]
    if not any(k == "flag" for k in roll.station_marks):
        lines.insert(0, (MARK_KINDS["flag"], "尚未设置", ""))
    rows = [
        [(m.name, ""), (m.branch, "")] + [_pair(m.marks.get(k)) for k in MEMBER_KINDS]
        for m in roll.members
    ]
    notes = [f"本阵地党员{len(roll.members)}名，其中亮明身份{roll.shown}名。"]
    return ShowcaseSheet(
        station=roll.station,
        address=roll.address,
        station_lines=lines,
        rows=rows,
        issuer=issuer,
        printed_on=roll.as_of,
        notes=notes,
    )


def showcase_roll_pdf(store: Store, station_id: str, *, as_of: date | None = None) -> bytes:
    roll = station_roll(store, station_id, as_of=as_of)
    return render_showcase_roll(roll_sheet(roll), load_fonts(print_settings(store).font))
