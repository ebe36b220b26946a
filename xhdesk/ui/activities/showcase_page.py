"""四亮 page: a station's flag, posts and areas, and its members' 四亮, with dates; the wall roll."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.models import Station
from xhdesk.data.registry.details import options
from xhdesk.data.showcase.marks import Mark, history_of, set_mark
from xhdesk.data.showcase.roll import member_counts, station_roll
from xhdesk.data.showcase.vocab import MARK_KINDS, PERSON_KINDS, STATION_KINDS
from xhdesk.i18n import tr
from xhdesk.ui.activities.parts import Page, SimpleDialog, qdate
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.form import choice_box, date_edit, picker
from xhdesk.ui.common.messages import inform
from xhdesk.ui.common.workers import Progress, run_task

HEADERS = ("姓名", "所在支部", "亮身份", "亮车标", "亮承诺", "党员责任区", "先锋示范岗")
WIDTHS = (80, 150, 150, 130, 170, 140, 140)


def _dated(mark: Mark | None) -> str:
    return f"{mark.text}（{mark.set_on:%Y-%m-%d}）" if mark else ""


class MarkDialog(SimpleDialog):
    """Set a 四亮 / 责任区 / 示范岗 of a station or of a member, from a date (empty text withdraws)."""

    def __init__(
        self, store: Store, subject: str, subject_id: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"设置 — {name}", parent)
        self.store, self.subject, self.subject_id = store, subject, subject_id
        kinds = STATION_KINDS if subject == "station" else PERSON_KINDS
        self.kind = self.add_row("项目", choice_box([(k, MARK_KINDS[k]) for k in kinds]))
        self.text = self.add_row("内容", QLineEdit(self))
        self.text.setPlaceholderText(tr("留空表示撤销"))
        self.day = self.add_row("设立日期", date_edit(date.today(), maximum=date.today()))

    def save(self) -> object:
        return set_mark(
            self.store,
            self.subject,
            self.subject_id,
            self.kind.currentData(),
            self.text.text(),
            qdate(self.day),
        )


class ShowcasePage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, HEADERS, WIDTHS, parent)
        stations = options(store, Station, order_by="code")
        counts = member_counts(store)
        busiest = max(stations, key=lambda s: counts.get(s[0], 0), default=None)
        self.station = picker(stations, busiest[0] if busiest else None)
        self.station.setMinimumWidth(220)
        self.station.currentIndexChanged.connect(lambda _i: self.refresh())
        self.toolbar.addWidget(self.station)
        self.add_button("设置驿站亮旗帜/示范岗", self.on_station_mark_clicked)
        self.add_button("设置党员四亮", self.on_member_mark_clicked, primary=True)
        self.add_button("打印四亮公示栏", self.on_print_clicked)
        self.end_toolbar()
        self.refresh()

    def station_id(self) -> str | None:
        return self.station.currentData() or None

    def refresh(self) -> None:
        station_id = self.station_id()
        if not station_id:
            self.show_rows([], "请先在上方选择一个驿站阵地。")
            self.status.setText("")
            return
        roll = station_roll(self.store, station_id)
        self.show_rows(
            [
                (
                    m.person_id,
                    m.name,
                    m.branch,
                    *(
                        _dated(m.marks.get(k))
                        for k in ("identity", "vehicle", "pledge", "area", "post")
                    ),
                )
                for m in roll.members
            ],
            "本阵地还没有党员。党员的所在阵地在「党员队伍」中设置。",
        )
        flag = roll.station_marks.get("flag")
        flag_text = f"亮旗帜：{flag.set_on:%Y-%m-%d}起" if flag else "尚未亮旗帜"
        self.status.setText(
            tr(
                f"{roll.station} · {flag_text} · 党员 {len(roll.members)} 名，亮明身份 {roll.shown} 名"
            )
        )

    def on_row_selected(self, row: int) -> None:
        if row < 0:
            return
        person_id = self.model.row_id(row)
        history = history_of(self.store, person_id)
        self.detail.show_record(
            self.model.rows[row][1],
            self.model.rows[row][2],
            [
                (
                    "设置记录",
                    html_list(
                        ("日期", "项目", "内容"),
                        [(f"{m.set_on:%Y-%m-%d}", m.label, m.text or "（撤销）") for m in history],
                        "暂无设置记录",
                    ),
                )
            ],
        )

    def on_station_mark_clicked(self) -> None:
        station_id = self.station_id()
        if (
            station_id
            and MarkDialog(
                self.store, "station", station_id, self.station.currentText(), self
            ).exec()
        ):
            self.refresh()

    def on_member_mark_clicked(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            inform(self, tr("请先在表格中选择一名党员。"), tr("提示"))
            return
        name = str(self.model.rows[self.table.currentIndex().row()][1])
        if MarkDialog(self.store, "person", person_id, name, self).exec():
            self.refresh()

    def on_print_clicked(self) -> None:
        station_id = self.station_id()
        if not station_id:
            return
        from xhdesk.documents.showcase import showcase_roll_pdf

        def work(_progress: Progress) -> bytes:
            return showcase_roll_pdf(self.store, station_id)

        run_task(work, parent=self, title=tr("正在生成四亮公示栏…"), on_done=self.on_pdf_ready)

    def on_pdf_ready(self, data: bytes) -> None:
        from xhdesk.ui.printing.preview import show_preview

        show_preview(self, data, tr("四亮公示栏"), f"四亮公示栏-{self.station.currentText()}.pdf")
