"""学习培训 page: courseware, online trainings, learning hours per person; viewing import."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QSpinBox, QWidget

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.learning import catalogue
from xhdesk.data.learning.hours import learning_hours
from xhdesk.data.learning.viewing_import import ViewingImport, import_viewings
from xhdesk.data.learning.vocab import COURSEWARE_KINDS
from xhdesk.i18n import tr
from xhdesk.ui.activities.parts import Page, PersonSearch, SimpleDialog, qdate
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.form import choice_box, date_edit
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.workers import Progress, run_task

VIEWS = {
    "courseware": (
        ("课件名称", "类型", "时长（分钟）", "观看次数", "观看人数", "地址或文件"),
        (280, 110, 90, 80, 80, 200),
    ),
    "trainings": (("培训名称", "日期", "时长（分钟）", "主办", "参训人数"), (280, 90, 90, 140, 80)),
    "hours": (
        ("姓名", "观看课件（分钟）", "线上培训（分钟）", "学时（小时）"),
        (120, 130, 130, 100),
    ),
}


def _minutes_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 1440)
    box.setValue(value)
    return box


class CoursewareDialog(SimpleDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("新增课件", parent)
        self.store = store
        self.title = self.add_row("课件名称", QLineEdit(self))
        self.kind = self.add_row("类型", choice_box(list(COURSEWARE_KINDS.items())))
        self.minutes = self.add_row("时长（分钟）", _minutes_box(30))
        self.link = self.add_row("网址或文件名", QLineEdit(self))

    def save(self) -> object:
        return catalogue.add_courseware(
            self.store,
            self.title.text(),
            self.kind.currentData(),
            self.minutes.value(),
            link=self.link.text(),
            published_on=date.today(),
        )


class TrainingDialog(SimpleDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("新增线上培训", parent)
        self.store = store
        self.title = self.add_row("培训名称", QLineEdit(self))
        self.day = self.add_row("培训日期", date_edit(date.today()))
        self.minutes = self.add_row("时长（分钟）", _minutes_box(90))
        self.host = self.add_row("主办单位", QLineEdit(self))

    def save(self) -> object:
        return catalogue.add_training(
            self.store,
            self.title.text(),
            qdate(self.day),
            self.minutes.value(),
            host=self.host.text(),
        )


class AttendanceDialog(SimpleDialog):
    def __init__(self, store: Store, training_id: str, parent: QWidget | None = None) -> None:
        super().__init__("登记参训人员", parent)
        self.store, self.training_id = store, training_id
        self.search = self.add_row("查找人员", PersonSearch(store, self))

    def save(self) -> object:
        person_id = self.search.person_id()
        if not person_id:
            raise ValidationError("请先查找并选择一名人员。")
        return catalogue.record_attendance(self.store, self.training_id, [person_id])


class LearningPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, VIEWS["courseware"][0], VIEWS["courseware"][1], parent)
        self.view = QComboBox(self)
        for key, label in (
            ("courseware", "课件库"),
            ("trainings", "线上培训"),
            ("hours", "学时统计"),
        ):
            self.view.addItem(tr(label), key)
        self.view.currentIndexChanged.connect(self.on_view_changed)
        self.year = QSpinBox(self)
        self.year.setRange(2020, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(tr(" 年"))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.toolbar.addWidget(self.view)
        self.toolbar.addWidget(self.year)
        self.toolbar.addSpacing(12)
        self.add_button("＋ 新增课件", self.on_new_courseware_clicked, primary=True)
        self.add_button("新增培训", self.on_new_training_clicked)
        self.add_button("登记参训", self.on_attendance_clicked)
        self.add_button("导入观看记录…", self.on_import_clicked)
        self.end_toolbar()
        self.refresh()

    @property
    def current_view(self) -> str:
        return str(self.view.currentData())

    def on_view_changed(self, _index: int) -> None:
        headers, widths = VIEWS[self.current_view]
        self.model.set_headers(headers)
        for i, width in enumerate(widths):
            self.table.setColumnWidth(i, width)
        self.refresh()

    def refresh(self) -> None:
        self.year.setVisible(self.current_view == "hours")
        if self.current_view == "courseware":
            rows = catalogue.list_courseware(self.store)
            self.show_rows(
                [(r.id, r.title, r.kind, r.minutes, r.viewings, r.viewers, r.link) for r in rows],
                "课件库是空的，点击「新增课件」登记云端党课或“班前班后五分钟”课件。",
            )
            views = sum(r.viewings for r in rows)
            self.status.setText(tr(f"共 {len(rows)} 个课件 · 累计观看 {views:,} 次"))
        elif self.current_view == "trainings":
            items = catalogue.list_trainings(self.store)
            self.show_rows(
                [(t.id, t.title, t.held_on, t.minutes, t.host, t.attendees) for t in items],
                "还没有线上培训，点击「新增培训」登记一次培训。",
            )
            times = sum(t.attendees for t in items)
            self.status.setText(tr(f"共 {len(items)} 次线上培训 · 参训 {times:,} 人次"))
        else:
            hours = learning_hours(self.store, self.year.value())
            self.show_rows(
                [
                    (h.person_id, h.name, h.viewing_minutes, h.training_minutes, h.hours)
                    for h in hours
                ],
                f"{self.year.value()}年还没有学习记录。",
            )
            self.status.setText(tr(f"{self.year.value()}年共 {len(hours)} 人有学习记录"))

    def on_row_selected(self, row: int) -> None:
        if row < 0:
            return
        values = self.model.rows[row]
        if self.current_view == "trainings":
            people = catalogue.training_attendees(self.store, str(values[0]))
            self.detail.show_record(
                str(values[1]),
                f"{values[2]:%Y-%m-%d} · {values[4]} · {values[3]}分钟",
                [("参训人员", html_list(("姓名", "时长（分钟）"), people, "暂无参训记录"))],
            )
        elif self.current_view == "courseware":
            self.detail.show_record(
                str(values[1]),
                str(values[2]),
                [
                    (
                        "课件",
                        [
                            ("时长", f"{values[3]}分钟"),
                            ("观看", f"{values[4]:,}次，{values[5]:,}人"),
                            ("地址或文件", values[6] or "—"),
                        ],
                    )
                ],
            )
        else:
            self.detail.show_record(
                str(values[1]),
                f"{self.year.value()}年",
                [
                    (
                        "学时",
                        [
                            ("观看课件", f"{values[2]}分钟"),
                            ("线上培训", f"{values[3]}分钟"),
                            ("合计", f"{values[4]}小时"),
                        ],
                    )
                ],
            )

    def on_new_courseware_clicked(self) -> None:
        if CoursewareDialog(self.store, self).exec():
            self.refresh()

    def on_new_training_clicked(self) -> None:
        if TrainingDialog(self.store, self).exec():
            self.view.setCurrentIndex(1)
            self.refresh()

    def on_attendance_clicked(self) -> None:
        training_id = self.current_id() if self.current_view == "trainings" else None
        if training_id is None:
            inform(self, tr("请先在“线上培训”中选择一次培训。"), tr("提示"))
            return
        if AttendanceDialog(self.store, training_id, self).exec():
            self.refresh()

    def on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("导入观看记录"), "", tr("Excel 或 CSV 文件 (*.xlsx *.xls *.csv)")
        )
        if path:
            self.start_import(path)

    def start_import(self, path: str) -> None:
        def work(progress: Progress) -> ViewingImport:
            return import_viewings(self.store, path, on_progress=progress.report)

        run_task(
            work,
            parent=self,
            title=tr("正在导入观看记录…"),
            on_done=self.on_import_done,
            on_error=lambda exc: show_error(self, exc),
        )

    def on_import_done(self, result: ViewingImport) -> None:
        if result.errors:
            shown = "\n".join(result.errors[:20])
            more = f"\n……另有{len(result.errors) - 20}行" if len(result.errors) > 20 else ""
            show_error(self, f"{result.summary}\n{shown}{more}", tr("导入未完成"))
            return
        inform(self, tr(result.summary))
        self.refresh()
