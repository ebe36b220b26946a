"""Pick persons from the registry by 汉字, pinyin or initials (one or many)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from superqt.utils import qdebounced

from xhdesk.data.core.store import Store
from xhdesk.data.points.people import find_persons_counted
from xhdesk.i18n import tr

IdRole = Qt.ItemDataRole.UserRole + 1


class PersonPicker(QWidget):
    """A search box over a list; in ``multi`` mode every row has a check box and ticks persist."""

    selection_changed = Signal()

    def __init__(
        self,
        store: Store,
        *,
        multi: bool,
        branch_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.multi, self.branch_id = store, multi, branch_id
        self.checked: dict[str, str] = {}  # id → caption, kept across searches
        self.total = 0  # all matches of the last search, also those not listed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("输入姓名、拼音或首字母（如 zs）"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self._debounced = qdebounced(self.reload, timeout=150)
        self.search.textChanged.connect(lambda _t: self._debounced())
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentItemChanged.connect(lambda *_: self.selection_changed.emit())
        self.reload()

    def reload(self) -> None:
        hits, self.total = find_persons_counted(
            self.store, self.search.text(), branch_id=self.branch_id
        )
        self.list.blockSignals(True)
        self.list.clear()
        for hit in hits:
            item = QListWidgetItem(hit.caption(), self.list)
            item.setData(IdRole, hit.id)
            if self.multi:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if hit.id in self.checked else Qt.CheckState.Unchecked
                item.setCheckState(state)
        self.list.blockSignals(False)
        if not hits:
            self.summary.setText(tr("没有找到符合的人员，请换个写法（姓名、全拼或首字母）。"))
        else:
            self._update_summary()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        pid = item.data(IdRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.checked[pid] = item.text()
        else:
            self.checked.pop(pid, None)
        self._update_summary()
        self.selection_changed.emit()

    def _update_summary(self) -> None:
        if self.multi:
            names = "、".join(c.split("（")[0] for c in list(self.checked.values())[:8])
            more = "…" if len(self.checked) > 8 else ""
            self.summary.setText(
                tr(f"已选 {len(self.checked)} 人") + (f"：{names}{more}" if names else "")
            )
        else:
            shown = self.list.count()
            text = tr("共找到 {n} 人").replace("{n}", f"{self.total:,}")
            if self.total > shown:
                text += tr(f"，列出前 {shown} 人（再输入几个字缩小范围）")
            self.summary.setText(text)

    def set_checked(self, person_id: str, checked: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(IdRole) == person_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_ids(self) -> list[str]:
        if self.multi:
            return list(self.checked)
        item = self.list.currentItem()
        return [item.data(IdRole)] if item is not None else []
