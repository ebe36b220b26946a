"""The 活动 page: list with filters, detail with attendees, and the desk's actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data.activities import (
    ActivityFilter,
    attendees,
    count_activities,
    generate_declarations,
    get_activity,
    list_activities,
)
from xhdesk.data.activities.declarations import declared_count
from xhdesk.data.activities.plans import activity_place, organiser_name
from xhdesk.data.activities.vocab import KINDS, STATES
from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.i18n import tr
from xhdesk.ui.activities import papers
from xhdesk.ui.activities.model import WIDTHS, ActivityModel
from xhdesk.ui.common.detail import DetailPane, html_list
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import confirm, inform, show_error
from xhdesk.ui.common.tables import empty_hint, office_table, search_moves_to_table

ACTIVITY_TABLES = ("activity", "activity_signin", "activity_signup", "declaration")


class ActivitiesPage(QWidget):
    status_changed = Signal(str)
    data_changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.total = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addLayout(self._filters())
        self.model = ActivityModel(self)
        self.table = office_table(self.model, self, WIDTHS, multi_select=False)
        self.table.setSortingEnabled(False)  # rows come newest first; a header click sorts
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.hint = empty_hint(self.table)
        self.detail = DetailPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1060, 290])  # the whole table beside the detail at 1366 px
        layout.addWidget(self.splitter, 1)
        search_moves_to_table(self.search, self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.table.doubleClicked.connect(lambda _i: self.action_edit())
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.refresh()

    # -- building --------------------------------------------------------------------------------
    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions_by_name = {}
        for name, icon, text, slot in (
            ("new", "fa5s.plus", "新增", self.action_new),
            ("edit", "fa5s.edit", "编辑", self.action_edit),
            ("sign_in", "fa5s.user-check", "签到", self.on_sign_in_clicked),
            ("declare", "fa5s.file-signature", "生成积分申报", self.on_declare_clicked),
            ("close", "fa5s.flag-checkered", "关闭活动", self.on_close_clicked),
            ("notice", "fa5s.bullhorn", "活动通知", self.on_notice_clicked),
            ("sheet", "fa5s.clipboard-list", "签到表", self.on_sheet_clicked),
            ("cards", "fa5s.id-card", "党员服务卡", self.on_cards_clicked),
        ):
            action = bar.addAction(qta.icon(icon, color="#444"), tr(text))
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.actions_by_name[name] = action
            if name in ("edit", "close"):
                bar.addSeparator()
        return bar

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("活动名称、编号或地址"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.addItem(tr("全部"), "")
        for code, text in KINDS.items():
            self.kind.addItem(tr(text), code)
        self.state = QComboBox(self)
        self.state.addItem(tr("全部"), "")
        for code, text in STATES.items():
            self.state.addItem(tr(text), code)
        for text, widget in (("类型", self.kind), ("状态", self.state)):
            row.addWidget(QLabel(tr(text), self))
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.search, 1)
        debounced = qdebounced(self.refresh, timeout=150)
        self.search.textChanged.connect(lambda _t: debounced())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        return row

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_id()
        flt = ActivityFilter(
            text=self.search.text(), kind=self.kind.currentData(), state=self.state.currentData()
        )
        self.model.set_rows(list_activities(self.store, flt))
        self.total = count_activities(self.store, flt)
        if self.model.rows:
            self.hint.hide()
        else:
            self.hint.setText(tr("还没有活动，点击「新增」组织一次活动。"))
            self.hint.show()
        rows = [i for i, r in enumerate(self.model.rows) if r.id == current]
        if rows or self.model.rows:
            self.table.selectRow(rows[0] if rows else 0)
        self.show_detail()
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        shown = len(self.model.rows)
        people = sum(r.attendees for r in self.model.rows)
        if shown < self.total:
            return tr(
                f"共 {self.total:,} 项活动 · 列出最近 {shown:,} 项（签到 {people:,} 人次），"
                "可按类型、状态或名称筛选"
            )
        return tr(f"共 {self.total:,} 项活动 · 签到 {people:,} 人次")

    def current_id(self) -> str | None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        return self.model.row_id(index.row()) if index is not None and index.isValid() else None

    def show_detail(self) -> None:
        aid = self.current_id()
        for name in ("edit", "sign_in", "declare", "close", "notice", "sheet"):
            self.actions_by_name[name].setEnabled(aid is not None)
        if aid is None:
            self.detail.show_empty(tr("在左侧选择一项活动，这里显示签到名单。"))
            return
        a = get_activity(self.store, aid)
        people = attendees(self.store, aid)
        info = [
            (tr("类型"), KINDS.get(a.kind, a.kind)),
            (tr("组织单位"), organiser_name(self.store, a)),
            (tr("地点"), activity_place(self.store, a)),
            (tr("时间"), f"{a.starts_at:%Y-%m-%d %H:%M} — {a.ends_at:%H:%M}"),
            (tr("人数上限"), str(a.capacity) if a.capacity else tr("不限")),
            (tr("状态"), tr("已关闭") if a.closed else tr("未关闭")),
            (tr("积分申报"), tr(f"已生成 {declared_count(self.store, aid)} 条")),
        ]
        rows = [(p.name, p.branch, p.method_label) for p in people]
        self.detail.show_record(
            a.title,
            a.number,
            [
                (tr("活动信息"), info),
                (
                    tr(f"签到名单（{len(people)} 人）"),
                    html_list(("姓名", "党支部", "方式"), rows, tr("还没有人签到")),
                ),
            ],
        )

    def _on_header_clicked(self, section: int) -> None:
        self._sort_order = (
            Qt.SortOrder.DescendingOrder
            if self._sort_order == Qt.SortOrder.AscendingOrder
            else Qt.SortOrder.AscendingOrder
        )
        self.model.sort(section, self._sort_order)

    # -- actions ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh()
        self.data_changed.emit(Changes())

    def action_new(self) -> None:
        from xhdesk.ui.activities.activity_dialog import ActivityDialog

        dialog = ActivityDialog(self.store, None, self)
        if dialog.exec():
            self.search.clear()
            self._select(dialog.saved_id)
            self._changed()

    def action_edit(self) -> None:
        from xhdesk.ui.activities.activity_dialog import ActivityDialog

        aid = self.current_id()
        if aid is None:
            return
        dialog = ActivityDialog(self.store, get_activity(self.store, aid), self)
        if dialog.exec():
            self._changed()

    def _select(self, activity_id: str | None) -> None:
        self.refresh()
        for i, row in enumerate(self.model.rows):
            if row.id == activity_id:
                self.table.selectRow(i)

    def on_sign_in_clicked(self) -> None:
        from xhdesk.ui.activities.signin_dialog import SignInDialog

        aid = self.current_id()
        if aid is None:
            return
        dialog = SignInDialog(self.store, aid, self)
        dialog.signed.connect(self.show_detail)
        dialog.exec()
        self._changed()

    def _declare(self, close: bool) -> None:
        aid = self.current_id()
        if aid is None:
            return
        question = (
            tr("关闭活动后不能再签到，并为全部签到人员生成积分申报（提交支部审核）。确定关闭？")
            if close
            else tr("为全部签到人员生成积分申报（已生成的不再重复），提交支部审核？")
        )
        if not confirm(self, question):
            return
        try:
            result = generate_declarations(self.store, aid, close=close)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self._changed()
        inform(self, result.summary())

    def on_declare_clicked(self) -> None:
        self._declare(close=False)

    def on_close_clicked(self) -> None:
        self._declare(close=True)

    def on_notice_clicked(self) -> None:
        if (aid := self.current_id()) is not None:
            papers.print_notice(self, self.store, aid)

    def on_sheet_clicked(self) -> None:
        if (aid := self.current_id()) is not None:
            papers.print_sheet(self, self.store, aid)

    def on_cards_clicked(self) -> None:
        papers.print_cards(self, self.store, self.current_id())
