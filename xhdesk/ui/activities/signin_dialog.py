"""签到 at a desk: by the person search, by scanning a member card, or from a ticked sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data.activities import (
    SignIn,
    attendees,
    get_activity,
    sheet_persons,
    sign_in,
    sign_in_code,
    sign_in_many,
    sign_up,
)
from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.registry.search import match_persons
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error

IdRole = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 30


class SignInDialog(QDialog):
    """One activity's desk; ``signed`` fires after each sign-in that wrote something."""

    signed = Signal()

    def __init__(self, store: Store, activity_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.activity_id = store, activity_id
        self._searched = ""
        activity = get_activity(store, activity_id)
        self.setWindowTitle(tr(f"签到 — {activity.title}（{activity.number}）"))
        self.resize(720, 600)
        layout = QVBoxLayout(self)
        self.pages = QTabWidget(self)
        self.pages.addTab(self._search_page(), tr("查找签到"))
        self.pages.addTab(self._scan_page(), tr("扫码签到"))
        self.pages.addTab(self._sheet_page(activity), tr("签到表补录"))
        layout.addWidget(self.pages, 1)
        self.feedback = QLabel(self)
        font = QFont(self.feedback.font())
        font.setPointSize(14)
        self.feedback.setFont(font)
        self.feedback.setMinimumHeight(36)
        layout.addWidget(self.feedback)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        close = QPushButton(tr("完成"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.pages.currentChanged.connect(self._focus_page)
        # Enter belongs to the search and scan fields (a scanner gun ends with Enter): no button
        # of the dialog may take it as its default, or one scan would also sign in or close.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._update_count()

    # -- pages -----------------------------------------------------------------------------------
    def _search_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.search = QLineEdit(page)
        self.search.setPlaceholderText(tr("输入姓名、拼音、首字母或手机号，回车签到第一位"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(page)
        signup = QPushButton(tr("报名所选人员"), page)
        signup.clicked.connect(self.on_sign_up_clicked)
        button = QPushButton(tr("签到所选人员"), page)
        button.clicked.connect(self.on_sign_in_clicked)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(signup)
        row.addWidget(button)
        layout.addLayout(row)
        self._debounced = qdebounced(self.reload_results, timeout=150)
        self.search.textChanged.connect(lambda _t: self._debounced())
        self.search.returnPressed.connect(self.on_sign_in_clicked)
        self.results.itemDoubleClicked.connect(lambda _item: self.on_sign_in_clicked())
        return page

    def _scan_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        hint = QLabel(
            tr("将光标放在下面的输入框中，用扫码枪扫描党员服务卡上的二维码（扫码后自动签到）。"),
            page,
        )
        hint.setWordWrap(True)
        self.code = QLineEdit(page)
        self.code.setPlaceholderText(tr("XHP1.…"))
        self.code.returnPressed.connect(self.on_code_entered)
        layout.addWidget(hint)
        layout.addWidget(self.code)
        layout.addStretch(1)
        return page

    def _sheet_page(self, activity: object) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("按纸质签到表勾选已签到的人员，然后点击「录入已勾选」。"), page))
        self.sheet = QListWidget(page)
        layout.addWidget(self.sheet, 1)
        row = QHBoxLayout()
        all_button = QPushButton(tr("全选"), page)
        none_button = QPushButton(tr("全不选"), page)
        enter = QPushButton(tr("录入已勾选"), page)
        all_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        none_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        enter.clicked.connect(self.on_sheet_entered)
        for b in (all_button, none_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(enter)
        layout.addLayout(row)
        self._fill_sheet(activity)
        return page

    def _fill_sheet(self, activity: object) -> None:
        present = {a.person_id for a in attendees(self.store, self.activity_id)}
        self.sheet.clear()
        # numbered as on the printed sheet (same persons, same order)
        persons = sheet_persons(self.store, activity)  # type: ignore[arg-type]
        for number, person in enumerate(persons, start=1):
            item = QListWidgetItem(f"{number:>3}. {person.name}　{person.unit}", self.sheet)
            item.setData(IdRole, person.person_id)
            if person.person_id in present:
                item.setText(item.text() + tr("　（已签到）"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for i in range(self.sheet.count()):
            item = self.sheet.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(state)

    def _focus_page(self, index: int) -> None:
        (self.search, self.code, self.sheet)[index].setFocus()

    # -- actions ---------------------------------------------------------------------------------
    def reload_results(self) -> None:
        self.results.clear()
        text = self.search.text().strip()
        self._searched = text
        if not text:
            return
        found = match_persons(self.store, text, limit=SEARCH_LIMIT, active_only=True)
        for person in found.persons:
            caption = f"{person.name}　{person.unit}　{person.public()['phone_masked']}"
            item = QListWidgetItem(caption, self.results)
            item.setData(IdRole, person.id)
        if found.persons:
            self.results.setCurrentRow(0)

    def on_sign_in_clicked(self) -> None:
        if self._searched != self.search.text().strip():  # typed faster than the debounce
            self.reload_results()
        item = self.results.currentItem() or self.results.item(0)
        if item is None:
            self._say(tr("没有找到此人，请换个写法（姓名、全拼、首字母或手机号）。"), False)
            return
        self._done(lambda: sign_in(self.store, self.activity_id, item.data(IdRole), "search"))
        self.search.clear()
        self.search.setFocus()

    def on_sign_up_clicked(self) -> None:
        """报名 (before the day): the person goes on the printed sheet."""
        item = self.results.currentItem()
        if item is None:
            self._say(tr("请先查找并选中要报名的人员。"), False)
            return
        try:
            new = sign_up(self.store, self.activity_id, item.data(IdRole))
        except XhdeskError as exc:
            self._say(exc.message, False)
            return
        name = item.text().split("　")[0]
        self._say(tr(f"{name} 报名成功") if new else tr(f"{name} 已报过名"), new)
        if new:
            self._fill_sheet(get_activity(self.store, self.activity_id))
            self.signed.emit()

    def on_code_entered(self) -> None:
        code = self.code.text().strip()
        self.code.clear()
        if code:
            self._done(lambda: sign_in_code(self.store, self.activity_id, code))

    def on_sheet_entered(self) -> None:
        ids = [
            self.sheet.item(i).data(IdRole)
            for i in range(self.sheet.count())
            if self.sheet.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
            and self.sheet.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not ids:
            self._say(tr("请先勾选签到表上已签到的人员。"), False)
            return
        try:
            results = sign_in_many(self.store, self.activity_id, ids)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        new = sum(not r.already for r in results)
        self._say(
            tr(f"已录入 {new} 人签到")
            + (tr(f"，{len(ids) - new} 人此前已签到") if new < len(ids) else ""),
            True,
        )
        self._fill_sheet(get_activity(self.store, self.activity_id))
        self._after_write()

    def _done(self, work: object) -> None:
        try:
            result: SignIn = work()  # type: ignore[operator]
        except XhdeskError as exc:
            self._say(exc.message, False)
            return
        self._say(result.message(), not result.already)
        if not result.already:
            self._after_write()

    def _after_write(self) -> None:
        self._update_count()
        self.signed.emit()

    def _say(self, text: str, good: bool) -> None:
        self.feedback.setStyleSheet(f"color: {'#1B7F3B' if good else '#C8161D'};")
        self.feedback.setText(text)

    def _update_count(self) -> None:
        n = len(attendees(self.store, self.activity_id))
        self.count.setText(tr(f"本活动已签到 {n:,} 人"))
