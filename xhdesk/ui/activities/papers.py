"""Printing an activity's papers from the 活动 page: notice, sign-in sheet, member cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.activities import get_activity, sheet_persons
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.points.person_picker import PersonPicker

if TYPE_CHECKING:
    from xhdesk.printing.fonts import FontSet


def preview(parent: QWidget, store: Store, render: Callable[[FontSet], bytes], title: str) -> None:
    """Render (asking before printing 〓 for a missing glyph) and open the print preview."""
    from xhdesk.printing.fonts import load_fonts
    from xhdesk.ui.printing.consent import render_with_consent
    from xhdesk.ui.printing.preview import show_preview

    try:
        fonts = load_fonts(print_settings(store).font)
    except Exception as exc:  # noqa: BLE001 — no usable font: said in words
        show_error(parent, exc)
        return
    pdf = render_with_consent(parent, render, fonts)
    if pdf is not None:
        show_preview(parent, pdf, title)


def print_notice(parent: QWidget, store: Store, activity_id: str) -> None:
    """The existing 活动通知 dialog, filled in from the activity; the user may edit it first."""
    from xhdesk.documents.activities import activity_notice
    from xhdesk.printing.meeting_notice import render_meeting_notice
    from xhdesk.ui.printing.forms import MeetingNoticeDialog

    notice = activity_notice(store, activity_id)
    dialog = MeetingNoticeDialog(store, parent)
    for widget, value in (
        (dialog.title, notice.title),
        (dialog.addressees, notice.addressees),
        (dialog.time, notice.time),
        (dialog.place, notice.place),
        (dialog.attendees, notice.attendees),
        (dialog.issuer, notice.issuer),
    ):
        widget.setText(value)
    dialog.body.setPlainText(notice.body)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            final = dialog.notice()
        except Exception as exc:  # noqa: BLE001
            show_error(dialog, exc)
            continue
        preview(parent, store, lambda fonts, n=final: render_meeting_notice(n, fonts), final.title)
        return


def print_sheet(parent: QWidget, store: Store, activity_id: str) -> None:
    from xhdesk.documents.activities import sign_in_sheet_pdf

    title = tr(f"签到表 {get_activity(store, activity_id).number}")
    preview(parent, store, lambda fonts: sign_in_sheet_pdf(store, activity_id, fonts), title)


class CardsDialog(QDialog):
    """Choose persons (or take the activity's list) for 党员服务卡."""

    def __init__(self, store: Store, activity_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.activity_id = store, activity_id
        self.setWindowTitle(tr("制作党员服务卡"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        self.picker = PersonPicker(store, multi=True, parent=self)
        layout.addWidget(self.picker, 1)
        take = QPushButton(tr("勾选本活动名单"), self)
        take.setEnabled(activity_id is not None)
        take.clicked.connect(self.on_take_list_clicked)
        layout.addWidget(take)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("预览"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def on_take_list_clicked(self) -> None:
        if self.activity_id is None:
            return
        for person in sheet_persons(self.store, get_activity(self.store, self.activity_id)):
            self.picker.checked[person.person_id] = person.name
        self.picker.reload()

    def person_ids(self) -> list[str]:
        return self.picker.selected_ids()


def print_cards(parent: QWidget, store: Store, activity_id: str | None) -> None:
    from xhdesk.documents.activities import member_cards_pdf

    dialog = CardsDialog(store, activity_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    ids = dialog.person_ids()
    if not ids:
        show_error(parent, tr("请先勾选要制卡的人员。"))
        return
    preview(parent, store, lambda fonts: member_cards_pdf(store, ids, fonts), tr("党员服务卡"))
