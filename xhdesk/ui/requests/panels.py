"""Small panels of the requests tab: the queue list on the left and the month's figures below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from xhdesk.data.requests.figures import MonthFigures, format_rate
from xhdesk.data.requests.listing import QUEUES
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta

QUEUE_ROLE = Qt.ItemDataRole.UserRole + 1
# (key, icon); "due_soon"/"overdue" are deadline queues, the rest filter on the state
QUEUE_ITEMS = [
    ("all", "fa5s.inbox"),
    ("open", "fa5s.spinner"),
    ("overdue", "fa5s.exclamation-circle"),
    ("due_soon", "fa5s.hourglass-half"),
    ("accepted", "fa5s.file-signature"),
    ("forwarded", "fa5s.share"),
    ("in_progress", "fa5s.tasks"),
    ("reopened", "fa5s.redo"),
    ("resolved", "fa5s.phone"),
    ("visited", "fa5s.smile"),
    ("closed", "fa5s.archive"),
    ("merged", "fa5s.compress-alt"),
    ("withdrawn", "fa5s.undo"),
]
QUEUE_LABELS = {**QUEUES, "overdue": "已超期", "due_soon": "即将到期"}
QUEUE_COLOURS = {"overdue": "#C8161D", "due_soon": "#b26a00"}


class QueueList(QListWidget):
    """Queues by state with their counts; emits the chosen queue key."""

    queue_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(128)
        self.setMaximumWidth(170)
        self.setStyleSheet(
            "QListWidget { border: none; background: #fafafa; }"
            "QListWidget::item { padding: 5px 4px; }"
            "QListWidget::item:selected { background: #fdecec; color: #1f1f1f;"
            " border-left: 3px solid #C8161D; }"
        )
        for key, icon in QUEUE_ITEMS:
            item = QListWidgetItem(qta.icon(icon, color=QUEUE_COLOURS.get(key, "#555")), "")
            item.setData(QUEUE_ROLE, key)
            self.addItem(item)
        self.set_counts({})
        self.setCurrentRow(1)
        self.currentItemChanged.connect(
            lambda item, _prev: item is not None and self.queue_chosen.emit(item.data(QUEUE_ROLE))
        )

    def current_queue(self) -> str:
        item = self.currentItem()
        return item.data(QUEUE_ROLE) if item is not None else "all"

    def select_queue(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(QUEUE_ROLE) == key:
                self.setCurrentRow(row)
                return

    def set_counts(self, counts: dict[str, int]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            key = item.data(QUEUE_ROLE)
            n = counts.get(key)
            text = tr(QUEUE_LABELS[key])
            item.setText(f"{text}  {n:,}" if n is not None else text)


class FiguresFooter(QFrame):
    """本月受理 · 在办 · 超期 · 按时办结率 · 满意率."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figures")
        self.setStyleSheet(
            "QFrame#figures { background: #ffffff; border-top: 1px solid #e1e1e1; }"
            "QLabel[role='figure'] { font-size: 12pt; font-weight: bold; color: #1f1f1f; }"
            "QLabel[role='figure-red'] { font-size: 12pt; font-weight: bold; color: #C8161D; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.title = QLabel(self)
        self.title.setProperty("role", "muted")
        row.addWidget(self.title)
        self.values: dict[str, QLabel] = {}
        for key, caption in (
            ("received", "本月受理"),
            ("open", "在办"),
            ("overdue", "超期"),
            ("on_time", "按时办结率"),
            ("satisfaction", "满意率"),
        ):
            row.addSpacing(18)
            row.addWidget(QLabel(tr(caption), self))
            value = QLabel("—", self)
            value.setProperty("role", "figure-red" if key == "overdue" else "figure")
            self.values[key] = value
            row.addWidget(value)
        row.addStretch(1)
        self.note = QLabel(self)
        self.note.setProperty("role", "muted")
        row.addWidget(self.note)

    def show_figures(self, fig: MonthFigures, calendar_label: str) -> None:
        self.title.setText(tr(f"{fig.month:%Y年%m月}"))
        self.values["received"].setText(f"{fig.received:,}")
        self.values["open"].setText(f"{fig.open:,}")
        self.values["overdue"].setText(f"{fig.overdue:,}")
        self.values["on_time"].setText(format_rate(fig.on_time_rate))
        self.values["on_time"].setToolTip(
            tr(f"本月办结 {fig.resolved} 件，按时 {fig.resolved_on_time} 件")
        )
        self.values["satisfaction"].setText(format_rate(fig.satisfaction_rate))
        self.values["satisfaction"].setToolTip(
            tr(f"本月回访 {fig.visits} 次，满意或基本满意 {fig.satisfied} 次")
        )
        self.note.setText(tr(f"工作日历：{calendar_label}"))
