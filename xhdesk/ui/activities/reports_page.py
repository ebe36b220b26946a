"""随手拍 page: reports taken at the station, forwarded to departments, accepted, resolved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.governance import flow
from xhdesk.data.governance.listing import list_reports
from xhdesk.data.governance.reports import photos_of, take_report
from xhdesk.data.governance.vocab import REPORT_KINDS, STATES
from xhdesk.data.requests.catalogue import list_departments
from xhdesk.i18n import tr
from xhdesk.ui.activities.parts import AMBER, RED, Page, PersonSearch, SimpleDialog
from xhdesk.ui.common.detail import esc, html_list
from xhdesk.ui.common.form import choice_box
from xhdesk.ui.common.messages import inform

HEADERS = ("编号", "报送时间", "报送人", "驿站", "类别", "地点", "状态", "承办部门", "答复期限")
WIDTHS = (150, 120, 70, 130, 80, 150, 60, 110, 90)


class ReportDialog(SimpleDialog):
    """随手拍登记: who reports, what kind, where, what was seen, and photos."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("随手拍登记", parent)
        self.store = store
        self.search = self.add_row("报送人", PersonSearch(store, self))
        self.kind = self.add_row("类别", choice_box(list(REPORT_KINDS.items())))
        self.place = self.add_row("地点", QLineEdit(self))
        self.text = QPlainTextEdit(self)
        self.text.setFixedHeight(80)
        self.add_row("情况描述", self.text)
        box = QWidget(self)
        self.photos = QListWidget(box)
        self.photos.setMaximumHeight(70)
        add = QPushButton(tr("添加照片…"), box)
        add.clicked.connect(self.on_add_photo_clicked)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.photos)
        layout.addWidget(add)
        self.add_row("照片", box)
        self.files: list[Path] = []

    def on_add_photo_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            tr("选择照片"),
            "",
            tr("照片 (*.jpg *.jpeg *.png *.heic *.bmp *.gif *.webp *.pdf)"),
        )
        for path in paths:
            self.files.append(Path(path))
            self.photos.addItem(Path(path).name)

    def save(self) -> object:
        person_id = self.search.person_id()
        if not person_id:
            raise ValidationError("请先查找并选择报送人。")
        try:
            photos = [(p.name, p.read_bytes()) for p in self.files]
        except OSError as exc:
            raise ValidationError(f"无法读取照片：{exc.strerror or exc}") from exc
        return take_report(
            self.store,
            person_id,
            self.kind.currentData(),
            self.place.text(),
            self.text.toPlainText(),
            photos=photos,
        )


class ForwardDialog(SimpleDialog):
    def __init__(self, store: Store, report_id: str, parent: QWidget | None = None) -> None:
        super().__init__("转办到职能部门", parent)
        self.store, self.report_id = store, report_id
        with store.session() as session:
            items = [(d.id, d.name) for d in list_departments(session)]
        self.department = self.add_row("承办部门", choice_box(items))
        self.note = self.add_row("转办说明", QLineEdit(self))

    def save(self) -> object:
        return flow.forward(
            self.store, self.report_id, self.department.currentData() or "", self.note.text()
        )


class TextStepDialog(SimpleDialog):
    """采纳 / 办结 / 不予采纳 with the one text each needs."""

    def __init__(
        self, store: Store, report_id: str, step: str, parent: QWidget | None = None
    ) -> None:
        titles = {
            "accept": ("采纳", "采纳说明"),
            "resolve": ("办结", "办理结果"),
            "decline": ("不予采纳", "原因"),
        }
        title, label = titles[step]
        super().__init__(title, parent)
        self.store, self.report_id, self.step = store, report_id, step
        self.text = self.add_row(label, QLineEdit(self))

    def save(self) -> object:
        if self.step == "accept":
            return flow.accept(self.store, self.report_id, self.text.text())
        if self.step == "resolve":
            return flow.resolve(self.store, self.report_id, self.text.text())
        return flow.decline(self.store, self.report_id, self.text.text())


class ReportsPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, HEADERS, WIDTHS, parent)
        self.add_button("＋ 随手拍登记", self.on_new_clicked, primary=True)
        self.add_button("转办", self.on_forward_clicked)
        self.add_button("采纳", lambda: self._step("accept"))
        self.add_button("办结", lambda: self._step("resolve"))
        self.add_button("不予采纳", lambda: self._step("decline"))
        self.state = choice_box(list(STATES.items()), None, empty=True)
        self.state.setItemText(0, tr("全部状态"))
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.toolbar.addSpacing(12)
        self.toolbar.addWidget(self.state)
        self.end_toolbar()
        self.refresh()

    def refresh(self) -> None:
        today = date.today()
        rows = list_reports(self.store, state=self.state.currentData() or None, today=today)
        self.show_rows(
            [
                (
                    r.id,
                    r.number,
                    r.reported_at,
                    r.reporter,
                    r.station,
                    r.kind,
                    r.place,
                    r.state_label,
                    r.department,
                    r.due_on,
                )
                for r in rows
            ],
            "暂无随手拍报送，点击「随手拍登记」录入“五员”报送的隐患和线索。",
            [
                RED
                if r.overdue
                else AMBER
                if r.due_on == today and r.state == "forwarded"
                else None
                for r in rows
            ],
        )
        overdue = sum(1 for r in rows if r.overdue)
        self.status.setText(tr(f"共 {len(rows)} 条随手拍 · 超期未答复 {overdue} 条"))

    def on_row_selected(self, row: int) -> None:
        if row < 0:
            return
        report_id = self.model.row_id(row)
        steps = flow.timeline(self.store, report_id)
        photos = photos_of(self.store, report_id)
        number = self.model.rows[row][1]
        self.detail.show_record(
            number,
            f"{self.model.rows[row][3]} · {self.model.rows[row][5]} · {self.model.rows[row][7]}",
            [
                ("地点", esc(self.model.rows[row][6])),
                (
                    "办理经过",
                    html_list(
                        ("时间", "环节", "经办", "说明"),
                        [(f"{s.at:%Y-%m-%d %H:%M}", s.label, s.author, s.text) for s in steps],
                    ),
                ),
                (
                    "照片",
                    html_list(
                        ("文件", "大小"),
                        [(n, f"{s / 1024:.0f} KB") for _, n, s in photos],
                        "无照片",
                    ),
                ),
            ],
        )

    def _selected(self) -> str | None:
        report_id = self.current_id()
        if report_id is None:
            inform(self, tr("请先在表格中选择一条随手拍。"), tr("提示"))
        return report_id

    def on_new_clicked(self) -> None:
        if ReportDialog(self.store, self).exec():
            self.refresh()

    def on_forward_clicked(self) -> None:
        if (report_id := self._selected()) and ForwardDialog(self.store, report_id, self).exec():
            self.refresh()

    def _step(self, step: str) -> None:
        report_id = self._selected()
        if report_id is None:
            return
        dialog = TextStepDialog(self.store, report_id, step, self)
        if dialog.exec():
            outcome = dialog.result_value
            if step == "accept" and outcome.note:
                inform(self, tr(f"已采纳。{outcome.note}。"), tr("提示"))
            elif step == "accept":
                inform(self, tr("已采纳，已为报送人生成一条基层治理积分申报，等待支部审核。"))
            self.refresh()
