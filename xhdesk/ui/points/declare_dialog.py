"""The declaration dialog: one deed of one person, or one activity with many attendees (batch)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.points import Deed, declare, declare_batch, list_rules, node_scope
from xhdesk.data.points.vocab import CATEGORIES, UNITS
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import run_task
from xhdesk.ui.points.model import fmt_points
from xhdesk.ui.points.person_picker import PersonPicker

IMAGE_FILTER = "证明材料 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)"


class DeclareDialog(QDialog):
    """``batch=False``: one person, optional evidence files. ``batch=True``: many attendees."""

    def __init__(self, store: Store, *, batch: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.batch = store, batch
        self.changes: Changes | None = None
        self.files: list[Path] = []
        self.setWindowTitle(tr("批量申报（一次活动，多名参加人员）") if batch else tr("积分申报"))
        self.resize(820, 520)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(tr("参加人员（可多选）") if batch else tr("申报人"), self))
        # A branch node declares for its own members; other nodes pick from the whole registry.
        branch = node_scope(store).branch_id if store.node_role == "branch" else None
        self.picker = PersonPicker(store, multi=batch, branch_id=branch, parent=self)
        left.addWidget(self.picker, 1)
        outer.addLayout(left, 1)
        right = QVBoxLayout()
        right.addLayout(self._build_form())
        right.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("提交申报"))
        self.ok.setProperty("primary", True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        right.addWidget(self.buttons)
        outer.addLayout(right, 1)
        self.picker.selection_changed.connect(self._update_preview)
        self._update_preview()

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.rule = QComboBox(self)
        today = date.today()
        for rule in list_rules(self.store, today.year):
            unit = UNITS.get(rule.unit, rule.unit)
            text = (
                f"【{CATEGORIES.get(rule.category, rule.category)}】{rule.title}"
                f"  {fmt_points(rule.points)}分/{unit}"
            )
            self.rule.addItem(text, rule)
        self.rule.currentIndexChanged.connect(self._update_preview)
        form.addRow(tr("积分细则"), self.rule)
        self.deed_date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.deed_date.setCalendarPopup(True)
        self.deed_date.setDisplayFormat("yyyy-MM-dd")
        self.deed_date.setMaximumDate(QDate(today.year, today.month, today.day))
        form.addRow(tr("事项日期"), self.deed_date)
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0.5, 1000)
        self.quantity.setDecimals(1)
        self.quantity.setSingleStep(0.5)
        self.quantity.setValue(1)
        self.quantity.valueChanged.connect(self._update_preview)
        form.addRow(tr("数量"), self.quantity)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(tr("如：城东暖蜂驿站"))
        form.addRow(tr("地点"), self.place)
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(tr("简要写明做了什么，便于支部审核"))
        self.description.setFixedHeight(80)
        form.addRow(tr("事项说明"), self.description)
        if not self.batch:
            form.addRow(tr("证明材料"), self._build_files())
        self.preview = QLabel(self)
        self.preview.setStyleSheet("color: #C8161D;")
        form.addRow("", self.preview)
        return form

    def _build_files(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_list = QListWidget(box)
        self.file_list.setFixedHeight(64)
        layout.addWidget(self.file_list)
        add = QPushButton(tr("添加照片或扫描件…"), box)
        add.clicked.connect(self._add_files)
        layout.addWidget(add, alignment=Qt.AlignmentFlag.AlignLeft)
        return box

    def _add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("选择证明材料"), "", tr(IMAGE_FILTER))
        for name in names:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        self.files.append(path)
        self.file_list.addItem(path.name)

    def _update_preview(self) -> None:
        rule = self.rule.currentData()
        people = len(self.picker.selected_ids())
        if rule is None:
            self.preview.setText(tr("还没有积分细则，请由服务中心先建立细则目录。"))
            self.ok.setEnabled(False)
            return
        each = rule.points * self.quantity.value()
        text = tr(f"每人 {fmt_points(each)} 分")
        if self.batch:
            text += tr(f"，共 {people} 人")
        self.preview.setText(text)
        self.ok.setEnabled(people > 0)

    def deed(self) -> Deed:
        qd = self.deed_date.date()
        return Deed(
            rule_id=self.rule.currentData().id,
            deed_date=date(qd.year(), qd.month(), qd.day()),
            quantity=self.quantity.value(),
            description=self.description.toPlainText().strip(),
            place=self.place.text().strip(),
        )

    def submit(self) -> None:
        """Write in the background; the dialog stays open (and shows why) if it is refused."""
        people, deed, files = self.picker.selected_ids(), self.deed(), list(self.files)
        store = self.store

        def work(_progress: object) -> Changes:
            if self.batch:
                return declare_batch(store, people, deed)
            attachments = [(p.name, p.read_bytes()) for p in files]
            return declare(store, people[0], deed, attachments=attachments)

        self.ok.setEnabled(False)
        run_task(
            work, parent=self, title=tr("正在提交申报…"), on_done=self._done, on_error=self._failed
        )

    def _done(self, changes: Changes) -> None:
        self.changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(exc, OSError):
            show_error(self, tr(f"无法读取证明材料文件：{exc.strerror or exc}"))
        else:
            show_error(self, exc)
