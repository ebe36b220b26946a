"""新增/编辑活动: title, kind, organiser, place (a station or an address), time, capacity."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from sqlmodel import select

from xhdesk.data.activities import ActivityInput, create_activity, update_activity
from xhdesk.data.activities.vocab import GROUPS, KINDS, ORGANISER_KINDS
from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Committee, Station
from xhdesk.data.models.activities import Activity
from xhdesk.data.points.rules import list_rules
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error


def _names(store: Store, model: type) -> list[tuple[str, str]]:
    with store.session() as session:
        rows = session.exec(select(model).where(model.deleted == False))  # type: ignore[attr-defined]  # noqa: E712
        return sorted(((r.id, r.name) for r in rows), key=lambda x: x[1])


def _dt(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def _py(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0)


class ActivityDialog(QDialog):
    """New activity (``activity`` None) or edit one; ``saved_id`` holds the id after OK."""

    def __init__(
        self, store: Store, activity: Activity | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.activity = store, activity
        self.saved_id: str | None = None
        self.setWindowTitle(tr("编辑活动") if activity else tr("新增活动"))
        self.resize(560, 520)
        self.title = QLineEdit(self)
        self.title.setMaxLength(80)
        self.title.setPlaceholderText(tr("如：主题党日：重温入党誓词"))
        self.kind = QComboBox(self)
        for code, text in KINDS.items():
            self.kind.addItem(
                tr(f"{GROUPS[code]} · {text}" if GROUPS[code] != text else text), code
            )
        self.organiser_kind = QComboBox(self)
        for code, text in ORGANISER_KINDS.items():
            if code != "team":  # teams come with the 志愿队伍 page
                self.organiser_kind.addItem(tr(text), code)
        self.organiser = QComboBox(self)
        self.organiser.setEditable(False)
        self.station = QComboBox(self)
        self.station.addItem(tr("（不在驿站，填写地址）"), None)
        for sid, name in _names(store, Station):
            self.station.addItem(name, sid)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(tr("不在驿站阵地时填写详细地址"))
        start = (datetime.now() + timedelta(days=1)).replace(hour=14, minute=30)
        self.starts = QDateTimeEdit(_dt(start), self)
        self.ends = QDateTimeEdit(_dt(start + timedelta(hours=2)), self)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.capacity = QSpinBox(self)
        self.capacity.setRange(0, 100_000)
        self.capacity.setSpecialValueText(tr("不限"))
        self.rule = QComboBox(self)
        self.rule.addItem(tr("（按活动类型自动匹配）"), None)
        for rule in list_rules(store):
            if rule.points > 0:
                self.rule.addItem(f"{rule.code} {rule.title}", rule.id)
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(tr("活动内容与安排（印在活动通知正文中）"))
        form = QFormLayout(self)
        for text, widget in (
            ("活动名称", self.title),
            ("活动类型", self.kind),
            ("组织单位类别", self.organiser_kind),
            ("组织单位", self.organiser),
            ("活动阵地", self.station),
            ("活动地址", self.address),
            ("开始时间", self.starts),
            ("结束时间", self.ends),
            ("人数上限", self.capacity),
            ("积分细则", self.rule),
            ("活动内容", self.description),
        ):
            form.addRow(tr(text), widget)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        box.accepted.connect(self.on_save_clicked)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.organiser_kind.currentIndexChanged.connect(lambda _i: self._fill_organisers())
        self._fill_organisers()
        if activity is not None:
            self._load(activity)

    def _fill_organisers(self, current: str | None = None) -> None:
        kind = self.organiser_kind.currentData()
        model = {"branch": Branch, "committee": Committee, "station": Station}[kind]
        self.organiser.clear()
        for oid, name in _names(self.store, model):
            self.organiser.addItem(name, oid)
        if current:
            self.organiser.setCurrentIndex(max(self.organiser.findData(current), 0))

    def _load(self, a: Activity) -> None:
        self.title.setText(a.title)
        self.kind.setCurrentIndex(max(self.kind.findData(a.kind), 0))
        self.organiser_kind.setCurrentIndex(max(self.organiser_kind.findData(a.organiser_kind), 0))
        self._fill_organisers(a.organiser_id)
        self.station.setCurrentIndex(max(self.station.findData(a.station_id), 0))
        self.address.setText(a.address)
        self.starts.setDateTime(_dt(a.starts_at))
        self.ends.setDateTime(_dt(a.ends_at))
        self.capacity.setValue(a.capacity or 0)
        self.rule.setCurrentIndex(max(self.rule.findData(a.rule_id), 0))
        self.description.setPlainText(a.description)

    def values(self) -> ActivityInput:
        return ActivityInput(
            title=self.title.text(),
            kind=self.kind.currentData(),
            organiser_kind=self.organiser_kind.currentData(),
            organiser_id=self.organiser.currentData() or "",
            starts_at=_py(self.starts),
            ends_at=_py(self.ends),
            station_id=self.station.currentData(),
            address=self.address.text(),
            capacity=self.capacity.value() or None,
            description=self.description.toPlainText(),
            rule_id=self.rule.currentData(),
        )

    def on_save_clicked(self) -> None:
        try:
            if self.activity is None:
                self.saved_id = create_activity(self.store, self.values())
            else:
                update_activity(self.store, self.activity.id, self.values())
                self.saved_id = self.activity.id
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.accept()
