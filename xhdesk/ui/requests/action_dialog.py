"""One dialog for the quick actions (转办, 办理中, 办结, 回访, 关闭, 撤回, 合并, 重新办理).

The dialog writes through the flow service when OK is pressed; a refusal or a missing field shows
its message and the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.requests import catalogue, flow
from xhdesk.data.requests.details import RequestDetail
from xhdesk.data.requests.vocab import SATISFACTION
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error

TITLES = {
    "forwarded": "转办",
    "in_progress": "登记办理中",
    "resolved": "办结",
    "return_visit": "回访",
    "closed": "关闭",
    "withdrawn": "撤回",
    "merged": "合并重复诉求",
    "reopened": "重新办理",
}
NOTE_LABELS = {
    "forwarded": "转办意见",
    "in_progress": "办理情况",
    "resolved": "办理结果",
    "return_visit": "回访记录",
    "closed": "关闭说明",
    "withdrawn": "撤回原因",
    "merged": "合并说明",
    "reopened": "重新办理原因",
}


class RequestActionDialog(QDialog):
    def __init__(
        self, store: Store, kind: str, detail: RequestDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.kind, self.detail = store, kind, detail
        self.changes: Changes | None = None
        self.setWindowTitle(tr(f"{TITLES[kind]} — {detail.request.number}"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        heading = QLabel(
            tr(f"{detail.request.number} · {detail.kind_name} · {detail.request.requester_name}"),
            self,
        )
        heading.setProperty("role", "muted")
        layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self._build_fields()
        self.note = QPlainTextEdit(self)
        self.note.setMaximumHeight(110)
        self.form.addRow(tr(NOTE_LABELS[kind]), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _build_fields(self) -> None:
        self.department: QComboBox | None = None
        self.contact: QLineEdit | None = None
        self.target: QLineEdit | None = None
        self.satisfaction: QButtonGroup | None = None
        if self.kind == "forwarded":
            self.department = QComboBox(self)
            self._contacts = {}
            for dept_id, name, contact in catalogue.department_choices(self.store):
                self.department.addItem(name, dept_id)
                self._contacts[dept_id] = contact
            self.department.setCurrentIndex(
                max(self.department.findData(self.detail.department_id), 0)
            )
            self.contact = QLineEdit(self)
            self.contact.setText(self._contacts.get(self.department.currentData(), ""))
            self.department.currentIndexChanged.connect(
                lambda _i: self.contact.setText(
                    self._contacts.get(self.department.currentData(), "")
                )
            )
            self.form.addRow(tr("承办部门"), self.department)
            self.form.addRow(tr("联系人/科室"), self.contact)
        elif self.kind == "merged":
            self.target = QLineEdit(self)
            self.target.setPlaceholderText(tr("被合并到的诉求编号，如 XH-20261128-S07-003"))
            self.form.addRow(tr("合并到"), self.target)
        elif self.kind == "return_visit":
            box = QWidget(self)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            self.satisfaction = QButtonGroup(box)
            for code, text in SATISFACTION.items():
                radio = QRadioButton(tr(text), box)
                radio.setProperty("code", code)
                radio.setChecked(code == "satisfied")
                self.satisfaction.addButton(radio)
                row.addWidget(radio)
            row.addStretch(1)
            self.form.addRow(tr("群众评价"), box)
            hint = QLabel(tr("选择“不满意”将重新办理，并按服务事项时限重新计算办结时限。"), self)
            hint.setProperty("role", "muted")
            self.form.addRow("", hint)

    def set_satisfaction(self, code: str) -> None:
        for button in self.satisfaction.buttons() if self.satisfaction else ():
            button.setChecked(button.property("code") == code)

    def _operation(self) -> Callable[[], Changes]:
        number, note = self.detail.request.number, self.note.toPlainText()
        ops: dict[str, Callable[[], Changes]] = {
            "forwarded": lambda: flow.forward(
                self.store, number, self.department.currentData(), self.contact.text(), note
            ),
            "in_progress": lambda: flow.start_work(self.store, number, note),
            "resolved": lambda: flow.resolve(self.store, number, note),
            "return_visit": lambda: flow.return_visit(
                self.store, number, self.satisfaction.checkedButton().property("code"), note
            ),
            "closed": lambda: flow.close(self.store, number, note),
            "withdrawn": lambda: flow.withdraw(self.store, number, note),
            "merged": lambda: flow.merge(self.store, number, self.target.text(), note),
            "reopened": lambda: flow.reopen(self.store, number, note),
        }
        return ops[self.kind]

    def accept(self) -> None:
        try:
            self.changes = self._operation()()
        except XhdeskError as exc:
            show_error(self, exc)
            return
        super().accept()
