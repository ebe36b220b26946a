"""党员发展: the 待办 list per branch, a person's development record, the yearly plan.

Opened from the 党员队伍 tab (toolbar 党员发展). The 待办 page lists everyone in the pipeline with
the next step and its deadline (red overdue, amber due within a week); the detail pane shows the
selected person's record; 办理步骤 records the next step. The 发展计划 page shows each committee's
and branch's quota, used and remaining. Everything shown is recomputed from the step events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from tempfile import gettempdir

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.vocab import OCCUPATIONS, label
from xhdesk.data.development.queries import Record, development_record, todo_list
from xhdesk.data.development.quota import QuotaRow, quota_usage, quota_warnings
from xhdesk.data.development.vocab import DECISIONS, FLAGS, STAGES, STEPS
from xhdesk.data.models import Branch
from xhdesk.data.points.scope import node_scope
from xhdesk.data.registry.details import options
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane, esc, html_list
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.tables import office_table
from xhdesk.ui.development.todo_model import PERSON_ID_ROLE, RED, WIDTHS, TodoModel

QUOTA_COLUMNS = ["单位", "计划数", "其中新就业群体", "已发展", "其中新就业群体", "剩余", "提示"]


class DevelopmentWindow(QDialog):
    data_changed = Signal(object)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        person_id: str | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or date.today()
        self.person_id = person_id
        self.setWindowTitle(tr("党员发展 — 待办、发展记录与发展计划"))
        geometry = QSettings("xhdesk", "xhdesk").value("development/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1240, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(self._toolbar())
        layout.addLayout(self._filter_row())
        self.pages = QTabWidget(self)
        self.pages.addTab(self._todo_page(), tr("待办"))
        self.pages.addTab(self._quota_page(), tr("发展计划"))
        layout.addWidget(self.pages, 1)
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        layout.addWidget(self.status)
        self.refresh()
        if person_id:
            self.show_person(person_id)

    # -- building ------------------------------------------------------------------------------
    def _action(self, bar: QToolBar, icon: str, text: str, slot: Callable[[], None]) -> QAction:
        action = bar.addAction(qta.icon(icon, color="#444"), tr(text))
        action.triggered.connect(slot)
        return action

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.act_step = self._action(bar, "fa5s.clipboard-check", "办理步骤", self.action_step)
        bar.addSeparator()
        self._action(bar, "fa5s.bullhorn", "发展对象公示", lambda: self.print_notice("candidate"))
        self._action(bar, "fa5s.bullhorn", "转正公示", lambda: self.print_notice("probationary"))
        self._action(bar, "fa5s.folder-open", "政审材料封面", self.print_cover)
        self._action(bar, "fa5s.list-ol", "入党材料目录", self.print_record)
        bar.addSeparator()
        self._action(bar, "fa5s.sync", "刷新", self.refresh)
        return bar

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.branch_box = QComboBox(self)
        self.branch_box.addItem(tr("全部党支部"), None)
        for branch_id, name in options(self.store, Branch):
            self.branch_box.addItem(name, branch_id)
        scope = node_scope(self.store)
        if scope.branch_id:
            self.branch_box.setCurrentIndex(max(self.branch_box.findData(scope.branch_id), 0))
        self.flagged = QCheckBox(tr("只看逾期和即将到期"), self)
        self.day_edit = QDateEdit(QDate(self.today.year, self.today.month, self.today.day), self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        for label_text, widget in (
            ("党支部", self.branch_box),
            ("", self.flagged),
            ("以此日期计算", self.day_edit),
        ):
            if label_text:
                row.addWidget(QLabel(tr(label_text), self))
            row.addWidget(widget)
        row.addStretch(1)
        self.branch_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.flagged.toggled.connect(lambda _c: self.refresh())
        self.day_edit.dateChanged.connect(self._on_day_changed)
        return row

    def _todo_page(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = TodoModel(self)
        self.table = office_table(self.model, split, WIDTHS, multi_select=False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.doubleClicked.connect(lambda _i: self.action_step())
        self.detail = DetailPane(split)
        self.detail.anchorClicked.connect(self._on_anchor)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([820, 400])
        return split

    def _quota_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        top = QHBoxLayout()
        self.year_box = QSpinBox(page)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(self.today.year)
        self.year_box.valueChanged.connect(lambda _v: self.refresh_quota())
        top.addWidget(QLabel(tr("年度"), page))
        top.addWidget(self.year_box)
        bar = QToolBar(page)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._action(bar, "fa5s.edit", "下达计划…", self.action_quota)
        top.addWidget(bar)
        top.addStretch(1)
        box.addLayout(top)
        self.quota_table = QTableWidget(0, len(QUOTA_COLUMNS), page)
        self.quota_table.setHorizontalHeaderLabels([tr(c) for c in QUOTA_COLUMNS])
        self.quota_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.quota_table.setAlternatingRowColors(True)
        self.quota_table.verticalHeader().setVisible(False)
        self.quota_table.horizontalHeader().setStretchLastSection(True)
        self.quota_table.setColumnWidth(0, 220)
        box.addWidget(self.quota_table, 1)
        return page

    # -- data ----------------------------------------------------------------------------------
    def _on_day_changed(self, day: QDate) -> None:
        self.today = date(day.year(), day.month(), day.day())
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = todo_list(
                self.store,
                self.today,
                branch_id=self.branch_box.currentData(),
                flagged_only=self.flagged.isChecked(),
            )
        except XhdeskError as exc:
            show_error(self, exc)
            return
        current = self.person_id
        self.model.set_rows(rows)
        overdue = sum(r.flag == "overdue" for r in rows)
        soon = sum(r.flag == "due_soon" for r in rows)
        self.status.setText(
            tr(f"共 {len(rows)} 人在发展中 · 已逾期 {overdue} 人 · 一周内到期 {soon} 人")
            if rows
            else tr("暂无待办。在「党员队伍」中选中一名群众，点「党员发展」登记入党申请。")
        )
        for i, row in enumerate(rows):
            if row.person_id == current:
                self.table.selectRow(i)
                break
        self.refresh_quota()

    def refresh_quota(self) -> None:
        year = self.year_box.value()
        rows = quota_usage(self.store, year)
        self.quota_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self._quota_row(i, r, year)

    def _quota_row(self, i: int, r: QuotaRow, year: int) -> None:
        def num(v: int | None) -> str:
            return "—" if v is None else f"{v:,}"

        values = [
            r.unit if r.branch_id is None else "　　" + r.unit,
            num(r.total),
            num(r.new_employment),
            num(r.used),
            num(r.used_new_employment),
            num(r.remaining),
            tr("超出计划") if r.over else ("" if r.total is not None else tr("未下达计划")),
        ]
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            if 0 < col < 6:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r.over:
                item.setBackground(RED)
            self.quota_table.setItem(i, col, item)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person_id = current.data(PERSON_ID_ROLE) if current.isValid() else None
        if person_id:
            self.show_person(person_id)

    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        try:
            record = development_record(self.store, person_id)
        except XhdeskError as exc:
            self.detail.show_empty(exc.message)
            return
        self.detail.show_record(*self._record_sections(record))

    def _record_sections(self, rec: Record) -> tuple[str, str, list]:
        p, prog = rec.person, rec.progress
        stage = STAGES.get(prog.stage, "尚未申请入党")
        basic = [
            ("发展阶段", stage),
            ("所在党支部", rec.branch or "未确定"),
            ("上级党委", rec.committee),
            ("职业群体", label(OCCUPATIONS, p.occupation)),
        ]
        if prog.probation_end:
            basic.append(("预备期满", prog.probation_end.isoformat()))
        due = [
            (
                w.label,
                w.earliest.isoformat() if w.earliest else "",
                w.latest.isoformat() if w.latest else "",
                FLAGS.get(w.flag(self.today), ""),
            )
            for w in rec.windows()
        ]
        steps = [
            (
                e.happened_on.isoformat(),
                STEPS[e.step].label if e.step in STEPS else e.step,
                DECISIONS.get(e.decision, e.decision)
                + ("（逾期）" if prog.late.get(e.step) and e.step != "assessment" else ""),
                e.recorder,
                "、".join(name for _id, name, _size in rec.attachments.get(e.id, [])),
            )
            for e in rec.events
        ]
        files = [
            f'<a href="att:{att_id}">{esc(name)}</a>'
            f'<span class="muted">（{esc(STEPS[e.step].label if e.step in STEPS else e.step)}）</span>'
            for e in rec.events
            for att_id, name, _size in rec.attachments.get(e.id, [])
        ]
        sections = [
            ("发展情况", basic),
            ("待办步骤", html_list(["步骤", "可办理", "最迟", "状态"], due, "无待办步骤")),
            (
                "发展记录",
                html_list(["日期", "步骤", "决定", "记录人", "材料"], steps, "尚无发展记录"),
            ),
            ("材料（点击打开）", "<br>".join(files) or '<p class="muted">尚未上传材料</p>'),
        ]
        return p.name, f"{stage} · {label(OCCUPATIONS, p.occupation)}", sections

    # -- actions -------------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("att:"):
            self.open_attachment(text[4:])

    def open_attachment(self, attachment_id: str) -> None:
        """Write the document to a temporary file and open it with the system's viewer."""
        from xhdesk.data.development.queries import attachment_data

        try:
            name, _mime, data = attachment_data(self.store, attachment_id)
            target = Path(gettempdir()) / "xhdesk-development" / f"{attachment_id[:8]}-{name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            show_error(self, tr(f"无法打开材料：{exc.strerror or exc}"))
            return
        except XhdeskError as exc:
            show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def action_step(self) -> None:
        if not self.person_id:
            show_error(self, tr("请先在待办列表中选择一名人员。"))
            return
        from xhdesk.ui.development.step_dialog import StepDialog

        try:
            dialog = StepDialog(self.store, self.person_id, self, self.today)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes is not None:
            self._written(dialog.changes)
            self._warn_quota(dialog.value("step"))

    def _warn_quota(self, step: str) -> None:
        if step != "general_meeting":
            return
        rec = development_record(self.store, self.person_id or "")
        branch_id = next((e.branch_id for e in reversed(rec.events) if e.branch_id), None)
        warnings = quota_warnings(self.store, self.today.year, branch_id)
        if warnings:
            show_error(self, "\n".join(warnings), tr("超出发展党员计划"))

    def action_quota(self) -> None:
        from xhdesk.ui.development.quota_dialog import QuotaDialog

        dialog = QuotaDialog(self.store, self.year_box.value(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes is not None:
            self._written(dialog.changes)

    def _written(self, changes: Changes) -> None:
        self.refresh()
        if self.person_id:
            self.show_person(self.person_id)
        self.data_changed.emit(changes)

    def _preview(self, make: Callable[[], bytes], title: str) -> None:
        from xhdesk.ui.printing.preview import show_preview

        try:
            data = make()
        except Exception as exc:  # noqa: BLE001 — shown in words (or logged if a bug)
            show_error(self, exc)
            return
        show_preview(self, data, title)

    def print_notice(self, kind: str) -> None:
        from xhdesk.data.development.notices import NOTICE_KINDS
        from xhdesk.documents.development import notice_pdf

        def make() -> bytes:
            pdf, count = notice_pdf(
                self.store, kind, branch_id=self.branch_box.currentData(), as_of=self.today
            )
            if not count:
                inform(self, tr("当前没有需要公示的人员，预览为空白公示。"), tr("公示"))
            return pdf

        self._preview(make, NOTICE_KINDS[kind])

    def _person_document(self, make: Callable[[Store, str], bytes], title: str) -> None:
        if not self.person_id:
            show_error(self, tr("请先在待办列表中选择一名人员。"))
            return
        person_id = self.person_id
        self._preview(lambda: make(self.store, person_id), title)

    def print_cover(self) -> None:
        from xhdesk.documents.development import review_cover_pdf

        self._person_document(review_cover_pdf, tr("政治审查材料封面"))

    def print_record(self) -> None:
        from xhdesk.documents.development import record_pdf

        self._person_document(record_pdf, tr("入党材料目录"))

    def done(self, result: int) -> None:  # noqa: D401 — Qt override: remember the size
        QSettings("xhdesk", "xhdesk").setValue("development/geometry", self.saveGeometry())
        super().done(result)
