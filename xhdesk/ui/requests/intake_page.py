"""The intake screen (点单): the 14 kinds as large buttons, the requester, and a few choices.

Built for a station counter with a rider waiting: pick a kind, find the person (name, pinyin or
phone) or type a walk-in's name and phone, say what is needed, press 受理.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_phone
from xhdesk.data.core.vocab import OCCUPATIONS, label
from xhdesk.data.requests import intake
from xhdesk.data.requests.vocab import CHANNELS, URGENCIES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error

GRID_COLUMNS = 5
KIND_BUTTON_HEIGHT = 72
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_STYLE = """
QPushButton[kind="true"] { background: #ffffff; border: 1px solid #d0d0d0; border-radius: 6px;
  padding: 6px 10px; text-align: left; color: #1f1f1f; }
QPushButton[kind="true"]:hover { border-color: #C8161D; background: #fff7f7; }
QPushButton[kind="true"]:checked { border: 2px solid #C8161D; background: #fdecec; font-weight: bold; }
QPushButton[kind="true"]:disabled { color: #b0b0b0; background: #f4f4f4; }
QPushButton[choice="true"] { padding: 6px 14px; border: 1px solid #c8c8c8; border-radius: 4px;
  background: #ffffff; }
QPushButton[choice="true"]:checked { border: 2px solid #C8161D; background: #fdecec; }
"""


def _big_font(points: float) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    return font


class IntakePage(QWidget):
    """Emits ``accepted(number)`` after a request was taken, ``cancelled`` on 返回."""

    accepted = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setStyleSheet(KIND_STYLE)
        self.kind_buttons: dict[str, QPushButton] = {}
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        self._person_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(self._build_header())
        self.grid_box = QWidget(self)
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        layout.addWidget(self.grid_box)
        self.summary = QLabel(tr("请先点击上方的服务事项。"), self)
        self.summary.setProperty("role", "muted")
        layout.addWidget(self.summary)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(self._build_requester(), 1)
        lower.addWidget(self._build_request(), 1)
        layout.addLayout(lower, 1)
        self.reload()

    # -- building ------------------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        back = QPushButton(qta.icon("fa5s.arrow-left", color="#444"), tr("返回列表"), self)
        back.clicked.connect(self.cancelled)
        title = QLabel(tr("点单受理 · 请选择群众需要的服务"), self)
        title.setProperty("role", "heading")
        self.station_combo = QComboBox(self)
        self.station_combo.setMinimumWidth(260)
        self.station_combo.currentIndexChanged.connect(lambda _i: self._apply_offerings())
        row.addWidget(back)
        row.addSpacing(12)
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(QLabel(tr("受理驿站"), self))
        row.addWidget(self.station_combo)
        return row

    def _choice_row(self, options: dict[str, str], default: str) -> tuple[QWidget, QButtonGroup]:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        for code, text in options.items():
            button = QPushButton(tr(text), box)
            button.setCheckable(True)
            button.setProperty("choice", True)
            button.setProperty("code", code)
            button.setChecked(code == default)
            button.setMinimumHeight(32)
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        return box, group

    def _build_requester(self) -> QGroupBox:
        box = QGroupBox(tr("诉求人"), self)
        v = QVBoxLayout(box)
        modes = QHBoxLayout()
        self.registered_radio = QRadioButton(tr("已登记人员"), box)
        self.walk_in_radio = QRadioButton(tr("临时来访（未登记）"), box)
        self.registered_radio.setChecked(True)
        modes.addWidget(self.registered_radio)
        modes.addWidget(self.walk_in_radio)
        modes.addStretch(1)
        v.addLayout(modes)
        self.requester_stack = QStackedWidget(box)
        search_page = QWidget(box)
        sv = QVBoxLayout(search_page)
        sv.setContentsMargins(0, 0, 0, 0)
        self.person_search = QLineEdit(search_page)
        self.person_search.setPlaceholderText(
            tr("输入姓名、拼音、首字母或手机号查找，如 zxb、138…")
        )
        self.person_search.setClearButtonEnabled(True)
        self.person_search.setMinimumHeight(30)
        self.person_search.addAction(
            qta.icon("fa5s.search", color="#888"), QLineEdit.ActionPosition.LeadingPosition
        )
        self._debounced = qdebounced(self._search_people, timeout=150)
        self.person_search.textChanged.connect(lambda _t: self._debounced())
        self.person_list = QListWidget(search_page)
        self.person_list.currentItemChanged.connect(self._on_person_chosen)
        self.chosen_label = QLabel(tr("尚未选择诉求人"), search_page)
        self.chosen_label.setProperty("role", "muted")
        sv.addWidget(self.person_search)
        sv.addWidget(self.person_list, 1)
        sv.addWidget(self.chosen_label)
        walk_page = QWidget(box)
        form = QFormLayout(walk_page)
        self.walk_name = QLineEdit(walk_page)
        self.walk_phone = QLineEdit(walk_page)
        self.walk_phone.setPlaceholderText(tr("11位手机号，用于回访"))
        self.walk_phone.setMaxLength(13)
        form.addRow(tr("姓名"), self.walk_name)
        form.addRow(tr("手机号"), self.walk_phone)
        self.requester_stack.addWidget(search_page)
        self.requester_stack.addWidget(walk_page)
        v.addWidget(self.requester_stack, 1)
        self.walk_in_radio.toggled.connect(
            lambda on: self.requester_stack.setCurrentIndex(1 if on else 0)
        )
        return box

    def _build_request(self) -> QGroupBox:
        box = QGroupBox(tr("诉求内容"), self)
        form = QFormLayout(box)
        self.description = QPlainTextEdit(box)
        self.description.setPlaceholderText(
            tr("简要记录群众反映的问题和诉求（可留空，默认为服务事项名称）")
        )
        form.addRow(tr("诉求描述"), self.description)
        channels, self.channel_group = self._choice_row(CHANNELS, "onsite")
        urgencies, self.urgency_group = self._choice_row(URGENCIES, "normal")
        form.addRow(tr("受理渠道"), channels)
        form.addRow(tr("紧急程度"), urgencies)
        buttons = QHBoxLayout()
        self.print_after = QCheckBox(tr("受理后预览回执"), box)
        self.print_after.setChecked(True)
        buttons.addWidget(self.print_after)
        buttons.addStretch(1)
        clear = QPushButton(tr("重新填写"), box)
        clear.clicked.connect(self.reset)
        self.submit_button = QPushButton(
            qta.icon("fa5s.check", color="white"), tr("受理并生成回执"), box
        )
        self.submit_button.setProperty("primary", True)
        self.submit_button.setMinimumHeight(40)
        self.submit_button.setFont(_big_font(12))
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(clear)
        buttons.addWidget(self.submit_button)
        form.addRow(buttons)
        return box

    # -- data ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the catalogue and the stations (after the centre edited them)."""
        self.choices = intake.intake_choices(self.store)
        for button in self.kind_buttons.values():
            self.kind_group.removeButton(button)
            button.deleteLater()
        self.kind_buttons.clear()
        self._show_empty_catalogue(not self.choices.kinds)
        for i, kind in enumerate(self.choices.kinds):
            button = QPushButton(
                qta.icon(kind.icon or "fa5s.concierge-bell", color="#C8161D"),
                f" {kind.name}",
                self.grid_box,
            )
            button.setProperty("kind", True)
            button.setCheckable(True)
            button.setMinimumHeight(KIND_BUTTON_HEIGHT)
            button.setIconSize(QSize(26, 26))
            button.setFont(_big_font(15))
            button.setToolTip(
                tr(
                    f"{kind.description}\n承办部门：{kind.department} · 时限 {kind.time_limit_days} 个工作日"
                )
            )
            button.clicked.connect(lambda _c=False, k=kind.id: self._on_kind_chosen(k))
            self.kind_group.addButton(button)
            self.kind_buttons[kind.id] = button
            self.grid.addWidget(button, i // GRID_COLUMNS, i % GRID_COLUMNS)
        self.station_combo.blockSignals(True)
        self.station_combo.clear()
        self.station_combo.addItem(tr("（中心直接受理，不指定驿站）"), None)
        for station_id, name in self.choices.stations:
            self.station_combo.addItem(name, station_id)
        index = self.station_combo.findData(self.choices.default_station_id)
        self.station_combo.setCurrentIndex(max(index, 0))
        self.station_combo.blockSignals(False)
        self._apply_offerings()

    def _show_empty_catalogue(self, empty: bool) -> None:
        if not hasattr(self, "empty_box"):
            self.empty_box = QWidget(self.grid_box)
            row = QHBoxLayout(self.empty_box)
            text = QLabel(
                tr(
                    "尚未设置服务事项目录。中心节点可一键装入14项服务事项和15个职能部门，之后可在目录中修改。"
                )
            )
            text.setWordWrap(True)
            install = QPushButton(qta.icon("fa5s.magic", color="#444"), tr("装入默认服务事项"))
            install.setEnabled(self.store.node_role == "centre")
            install.clicked.connect(self._install_catalogue)
            row.addWidget(text, 1)
            row.addWidget(install)
            self.grid.addWidget(self.empty_box, 0, 0, 1, GRID_COLUMNS)
        self.empty_box.setVisible(empty)

    def _install_catalogue(self) -> None:
        from xhdesk.data.requests.catalogue import install_default_catalogue

        try:
            install_default_catalogue(self.store)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.reload()

    def _apply_offerings(self) -> None:
        station_id = self.station_combo.currentData()
        offered = self.choices.offered.get(station_id) if station_id else None
        for kind_id, button in self.kind_buttons.items():
            available = offered is None or kind_id in offered
            button.setEnabled(available)
            if not available and button.isChecked():
                self.kind_group.setExclusive(False)
                button.setChecked(False)
                self.kind_group.setExclusive(True)
        self._update_summary()

    def selected_kind(self) -> str | None:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), None)

    def _on_kind_chosen(self, _kind_id: str) -> None:
        self._update_summary()
        if self.registered_radio.isChecked() and not self._person_id:
            self.person_search.setFocus()

    def _update_summary(self) -> None:
        kind_id = self.selected_kind()
        kind = next((k for k in self.choices.kinds if k.id == kind_id), None)
        if kind is None:
            self.summary.setText(tr("请先点击上方的服务事项。灰色按钮表示本驿站暂未提供该项服务。"))
            return
        due = intake.expected_due(self.store, kind.id, date.today())
        self.summary.setText(
            tr(
                f"已选：{kind.name} · 承办部门 {kind.department or '待指定'} · 时限 "
                f"{kind.time_limit_days} 个工作日（今日受理应于 {due:%Y-%m-%d} 前办结）"
            )
        )

    def _search_people(self) -> None:
        self.person_list.clear()
        people, total = intake.find_requesters(self.store, self.person_search.text())
        for person_id, name, phone, occupation in people:
            text = f"{name}　{mask_phone(phone)}　{label(OCCUPATIONS, occupation)}"
            item = QListWidgetItem(text)
            item.setData(PERSON_ROLE, (person_id, name))
            self.person_list.addItem(item)
        if total > len(people):
            more = QListWidgetItem(
                tr(f"还有 {total - len(people)} 人未列出，请输入更多字缩小范围…")
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.person_list.addItem(more)
        if len(people) == 1:
            self.person_list.setCurrentRow(0)

    def _on_person_chosen(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is None or item.data(PERSON_ROLE) is None:
            return
        self._person_id, name = item.data(PERSON_ROLE)
        self.chosen_label.setText(tr(f"诉求人：{name}"))

    # -- actions -------------------------------------------------------------------------------
    def values(self) -> dict:
        walk_in = self.walk_in_radio.isChecked()
        return {
            "kind_id": self.selected_kind(),
            "station_id": self.station_combo.currentData(),
            "person_id": None if walk_in else self._person_id,
            "requester_name": self.walk_name.text() if walk_in else "",
            "requester_phone": self.walk_phone.text() if walk_in else "",
            "description": self.description.toPlainText(),
            "urgency": self.urgency_group.checkedButton().property("code"),
            "channel": self.channel_group.checkedButton().property("code"),
        }

    def submit(self) -> None:
        values = self.values()
        if not values["kind_id"]:
            show_error(self, tr("请先点击选择服务事项。"))
            return
        if not self.walk_in_radio.isChecked() and not values["person_id"]:
            show_error(
                self, tr("请查找并选择诉求人；未登记的群众请选择“临时来访”，填写姓名和手机号。")
            )
            return
        try:
            request = intake.take_request(self.store, values)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.reset()
        self.accepted.emit(request.number)

    def reset(self) -> None:
        self.kind_group.setExclusive(False)
        for button in self.kind_buttons.values():
            button.setChecked(False)
        self.kind_group.setExclusive(True)
        self._person_id = None
        self.person_search.clear()
        self.person_list.clear()
        self.chosen_label.setText(tr("尚未选择诉求人"))
        self.walk_name.clear()
        self.walk_phone.clear()
        self.description.clear()
        self.registered_radio.setChecked(True)
        for group, default in ((self.channel_group, "onsite"), (self.urgency_group, "normal")):
            for button in group.buttons():
                button.setChecked(button.property("code") == default)
        self._update_summary()
