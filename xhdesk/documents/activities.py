"""Activity documents: the notice (through the meeting notice), the sign-in sheet, member cards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from xhdesk.data.activities.attendance import sheet_persons
from xhdesk.data.activities.cards import member_code
from xhdesk.data.activities.plans import activity_place, get_activity, organiser_name
from xhdesk.data.activities.vocab import KINDS
from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Person, Station
from xhdesk.data.models.activities import Activity
from xhdesk.printing.activities import (
    MemberCard,
    SignInSheet,
    render_member_cards,
    render_sign_in_sheet,
)
from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.layout import mask_phone
from xhdesk.printing.meeting_notice import MeetingNotice, render_meeting_notice

WEEKDAYS = "一二三四五六日"


def activity_time(activity: Activity) -> str:
    """2026年12月3日（星期四）14:30—16:30 (the end's date too when it is another day)."""

    def day(value: datetime) -> str:
        return f"{value.year}年{value.month}月{value.day}日（星期{WEEKDAYS[value.weekday()]}）"

    start, end = activity.starts_at, activity.ends_at
    tail = f"{end:%H:%M}" if end.date() == start.date() else f"{day(end)}{end:%H:%M}"
    return f"{day(start)}{start:%H:%M}—{tail}"


def _fonts(store: Store, fonts: FontSet | None) -> FontSet:
    return fonts or load_fonts(print_settings(store).font)


def activity_notice(store: Store, activity_id: str, issued_on: date | None = None) -> MeetingNotice:
    """The activity as the existing 活动通知 (the window lets the user edit it before printing)."""
    activity = get_activity(store, activity_id)
    organiser = organiser_name(store, activity)
    body = activity.description or f"定于近期组织开展{KINDS[activity.kind]}活动，请准时参加。"
    capacity = f"（限{activity.capacity}人，请提前报名）" if activity.capacity else ""
    return MeetingNotice(
        title=f"关于开展“{activity.title}”活动的通知",
        time=activity_time(activity),
        place=activity_place(store, activity),
        body=body,
        issuer=organiser or store.node_name,
        issued_on=issued_on or date.today(),
        addressees="各位党员、新就业群体从业人员：",
        attendees=f"{organiser}党员及有关人员{capacity}",
    )


def notice_pdf(store: Store, activity_id: str, fonts: FontSet | None = None) -> bytes:
    return render_meeting_notice(activity_notice(store, activity_id), _fonts(store, fonts))


def sign_in_sheet(store: Store, activity_id: str) -> SignInSheet:
    activity = get_activity(store, activity_id)
    rows = [(p.name, p.unit, mask_phone(p.phone)) for p in sheet_persons(store, activity)]
    return SignInSheet(
        title=activity.title,
        number=activity.number,
        time=activity_time(activity),
        place=activity_place(store, activity),
        organiser=organiser_name(store, activity),
        rows=rows,
    )


def sign_in_sheet_pdf(store: Store, activity_id: str, fonts: FontSet | None = None) -> bytes:
    return render_sign_in_sheet(sign_in_sheet(store, activity_id), _fonts(store, fonts))


def member_cards(store: Store, person_ids: Sequence[str]) -> list[MemberCard]:
    """Cards issued (and signed) by this node for the given persons."""
    cards = []
    with store.session() as session:
        for pid in person_ids:
            person = session.get(Person, pid)
            if person is None or person.deleted:
                raise NotFoundError("持卡人不在人员库中或已删除。")
            branch = session.get(Branch, person.branch_id) if person.branch_id else None
            station = session.get(Station, person.station_id) if person.station_id else None
            cards.append((person.id, person.name, branch, station))
    return [
        MemberCard(
            name=name,
            unit=branch.name if branch else "",
            station=f"常驻：{station.name}" if station else "",
            code=member_code(store, pid),
            issuer=store.node_name,
            issued_on=date.today(),
        )
        for pid, name, branch, station in cards
    ]


def member_cards_pdf(
    store: Store, person_ids: Sequence[str], fonts: FontSet | None = None
) -> bytes:
    if not person_ids:
        raise NotFoundError("请先选择要制卡的人员。")
    return render_member_cards(member_cards(store, person_ids), _fonts(store, fonts))
