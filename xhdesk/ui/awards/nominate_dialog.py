"""推荐人员: find an eligible person by name or pinyin and give the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from xhdesk.data.awards.nominations import find_nominees
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr


class NominateDialog(QDialog):
    def __init__(
        self, store: Store, award_id: str, award_title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.award_id = store, award_id
        self.setWindowTitle(tr("推荐人员 — ") + award_title)
        self.resize(520, 460)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("姓名 / 拼音 / 首字母 / 手机号"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #666")
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            tr("主要事迹（将印在评选结果公示上，请勿填写身份证号、手机号）")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("推荐"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("查找人员"), self.search)
        form.addRow("", self.hint)
        form.addRow(tr("符合条件的人员"), self.results)
        form.addRow(tr("推荐理由"), self.reason)
        form.addRow(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.refresh()

    def refresh(self) -> None:
        self.results.clear()
        found = find_nominees(self.store, self.award_id, self.search.text())
        for person in found:
            item = QListWidgetItem(f"{person.name}　{person.occupation}　{person.unit}")
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.hint.setText(
            tr(f"显示 {len(found)} 人（只列出符合本项评选条件的在岗人员；输入姓名或拼音缩小范围）")
            if found
            else tr("没有符合条件的人员：换个姓名或拼音试试。")
        )

    def person_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()
