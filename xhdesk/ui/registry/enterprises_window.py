"""一企一档: the enterprise files, their visits and the 党建指导员 instructors, in one window.

Opened from the members tab (企业档案). Two pages built on the same :class:`ListTab` as the main
tabs, so search, filters, the recycle bin, Excel export and remembered widths work the same.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QToolBar, QVBoxLayout, QWidget

from xhdesk.data.core.errors import NotFoundError, XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.vocab import ENTERPRISE_KINDS, label
from xhdesk.data.models import Committee, Instructor
from xhdesk.data.registry.details import enterprise_detail, instructor_detail, options, towns
from xhdesk.data.registry.enterprise_listings import (
    VISIT_DAYS,
    enterprises_listing,
    instructors_listing,
)
from xhdesk.data.registry.organisation import (
    delete_enterprises,
    delete_instructors,
    restore_enterprises,
    restore_instructors,
)
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.list_actions import RecordOps
from xhdesk.ui.common.list_tab import FilterSpec, ListTab
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.registry.enterprise_dialog import EnterpriseDialog
from xhdesk.ui.registry.instructor_dialog import InstructorDialog
from xhdesk.ui.registry.visit_dialog import VisitDialog


class EnterprisesPane(ListTab):
    title = tr("企业档案")
    listing = enterprises_listing()
    noun = "家企业"
    search_hint = "企业名称/信用代码/联系人/指导员 …"
    settings_key = "enterprises"
    ops = RecordOps("enterprise", EnterpriseDialog, delete_enterprises, restore_enterprises)

    def filter_specs(self) -> list[FilterSpec]:
        return [
            FilterSpec("kind", "类型", lambda: list(ENTERPRISE_KINDS.items())),
            FilterSpec("town", "镇街", lambda: [(t, t) for t in towns(self.store)]),
            FilterSpec("instructor", "党建指导员", lambda: options(self.store, Instructor)),
            FilterSpec(
                "not_visited", "走访", lambda: [(str(VISIT_DAYS), f"{VISIT_DAYS}天未走访企业")]
            ),
        ]

    def extend_toolbar(self, bar: QToolBar) -> None:
        bar.addSeparator()
        self.act_visit = self._action("fa5s.clipboard-list", "记录走访", self.action_visit)
        bar.addAction(self.act_visit)

    def context_actions(self) -> list[QAction | None]:
        return [self.act_edit, self.act_visit, None, self.act_delete]

    def empty_text(self) -> str:
        if self.filters["not_visited"].currentData() not in (None, "all"):
            return tr(f"所有企业在近{VISIT_DAYS}天内都已走访。")
        return super().empty_text()

    def action_visit(self) -> None:
        row_id = self.current_id()
        if not row_id or self.recycle_toggle.isChecked():
            return
        try:
            dialog = VisitDialog(self.store, row_id, self)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changes = Changes()
            changes.inserted["enterprise_visit"] += 1
            self._written(changes, row_id)

    def show_detail(self, row_id: str | None) -> None:
        if row_id is None:
            self.detail.show_empty(tr("选择一家企业，这里显示它的档案、联系人和走访记录。"))
            return
        try:
            d = enterprise_detail(self.store, row_id)
        except NotFoundError as exc:
            self.detail.show_empty(exc.message)
            return
        e = d.enterprise
        visits = [
            (v.visited_on.isoformat(), v.visitor, v.findings or "—", v.follow_up or "—")
            for v in d.visits
        ]
        instructor = f"{d.instructor.name}（{d.instructor.phone}）" if d.instructor else "未配备"
        self.detail.show_record(
            e.name,
            f"{label(ENTERPRISE_KINDS, e.kind)} · {e.credit_code}",
            [
                (
                    "一企一档",
                    [
                        ("分管领导", _role(e.liaison_leader, e.liaison_leader_since)),
                        ("职能科室人员", _role(e.section_staff, e.section_staff_since)),
                        ("专职党务工作者", _role(e.party_worker, e.party_worker_since)),
                        ("党建指导员", instructor),
                        ("行业党委", d.committee),
                    ],
                ),
                (
                    "基本信息",
                    [
                        ("镇街", e.town),
                        ("地址", e.address),
                        ("联系人", f"{e.contact_name} {e.contact_phone}".strip()),
                        ("从业人数", f"{e.workforce:,}"),
                        ("已登记人员", f"{d.persons_total:,} 人，其中党员 {d.members_total:,} 人"),
                    ],
                ),
                (
                    f"走访记录（{len(visits)} 次）",
                    html_list(["日期", "走访人", "发现问题", "跟进措施"], visits, "尚无走访记录"),
                ),
                (
                    "变更记录",
                    html_list(
                        ["时间", "操作人", "内容"],
                        [
                            (h.when.strftime("%Y-%m-%d %H:%M"), h.author, h.summary())
                            for h in d.history[:8]
                        ],
                    ),
                ),
            ],
        )


class InstructorsPane(ListTab):
    title = tr("党建指导员")
    listing = instructors_listing()
    noun = "名指导员"
    search_hint = "姓名/电话/工作单位 …"
    settings_key = "instructors"
    ops = RecordOps("instructor", InstructorDialog, delete_instructors, restore_instructors)

    def filter_specs(self) -> list[FilterSpec]:
        return [FilterSpec("committee", "行业党委", lambda: options(self.store, Committee))]

    def show_detail(self, row_id: str | None) -> None:
        if row_id is None:
            self.detail.show_empty(tr("选择一名党建指导员，这里显示其联系方式和指导的企业。"))
            return
        try:
            d = instructor_detail(self.store, row_id)
        except NotFoundError as exc:
            self.detail.show_empty(exc.message)
            return
        i = d.instructor
        enterprises = [(e.name, label(ENTERPRISE_KINDS, e.kind)) for e in d.enterprises]
        self.detail.show_record(
            i.name,
            i.unit,
            [
                (
                    "基本信息",
                    [("联系电话", i.phone), ("工作单位", i.unit), ("行业党委", d.committee)],
                ),
                (
                    f"指导企业（{len(enterprises)} 家）",
                    html_list(["企业", "类型"], enterprises, "尚未分配企业"),
                ),
            ],
        )


class EnterprisesWindow(QDialog):
    """企业档案与党建指导员; ``data_changed`` carries each write to the members tab."""

    data_changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("一企一档 · 平台企业与党建指导员"))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.enterprises = EnterprisesPane(store, self)
        self.instructors = InstructorsPane(store, self)
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        for pane in (self.enterprises, self.instructors):
            self.tabs.addTab(pane, pane.title)
            pane.status_changed.connect(lambda text, p=pane: self._on_status(p, text))
            pane.data_changed.connect(self._on_data_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.tabs.currentChanged.connect(lambda _i: self.status.setText(self._pane().status_text()))
        for key, slot in (
            (QKeySequence.StandardKey.New, lambda: self._pane().action_new()),
            (QKeySequence.StandardKey.Find, lambda: self._pane().focus_search()),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)
        self.status.setText(self.enterprises.status_text())
        geometry = QSettings("xhdesk", "xhdesk").value("enterprises_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 720)

    def _pane(self) -> ListTab:
        return self.enterprises if self.tabs.currentIndex() == 0 else self.instructors

    def _on_status(self, pane: ListTab, text: str) -> None:
        if pane is self._pane():
            self.status.setText(text)

    def _on_data_changed(self, changes: Changes) -> None:
        other = self.instructors if self.sender() is self.enterprises else self.enterprises
        other.refresh()
        self.data_changed.emit(changes)

    def done(self, result: int) -> None:  # noqa: D102 (Qt override) — remember layout on close
        QSettings("xhdesk", "xhdesk").setValue("enterprises_window/geometry", self.saveGeometry())
        for pane in (self.enterprises, self.instructors):
            pane.save_settings()
        super().done(result)


def _role(person: str, since: date | None) -> str:
    """一企一档 role holder for the detail pane: "张三（2024-03-01起）" or "未明确"."""
    if not person:
        return tr("未明确")
    return f"{person}（{since.isoformat()}起）" if since else person
