"""Table models for the sync screens (a handful of rows each: peers, open conflicts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from xhdesk.data.core.vocab import ROLES, label
from xhdesk.data.sync.peers import PeerRow
from xhdesk.data.sync.quarantine import QuarantineRow
from xhdesk.data.sync.views import ConflictRow
from xhdesk.i18n import tr

Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], str]]


class RowsModel(QAbstractTableModel):
    """Rows of plain objects shown through (header, getter) columns."""

    columns: Sequence[Column] = ()

    def __init__(self, rows: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self.columns[index.column()][1](self._rows[index.row()])

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.columns[section][0])
        return None


def _when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else tr("从未交换")


class PeersModel(RowsModel):
    columns: Sequence[Column] = (
        ("节点", lambda p: p.name),
        ("角色", lambda p: label(ROLES, p.role)),
        ("上次交换", lambda p: _when(p.last_exchange)),
        ("方式", lambda p: {"import": tr("导入"), "export": tr("导出")}.get(p.last_direction, "")),
        ("对方已有变更", lambda p: f"{p.known_changes:,}" if p.last_exchange else ""),
    )

    def row_at(self, row: int) -> PeerRow:
        return self._rows[row]


class ConflictsModel(RowsModel):
    columns: Sequence[Column] = (
        ("记录", lambda c: c.record),
        ("字段", lambda c: c.field),
        ("当前值", lambda c: c.shown),
        ("当前值来自", lambda c: f"{c.shown_by} · {c.shown_at:%m-%d %H:%M}"),
        ("另一值", lambda c: c.other),
        ("另一值来自", lambda c: f"{c.other_by} · {c.other_at:%m-%d %H:%M}"),
    )

    def row_at(self, row: int) -> ConflictRow:
        return self._rows[row]


class QuarantineModel(RowsModel):
    columns: Sequence[Column] = (
        ("来源节点", lambda q: q.origin),
        ("操作人", lambda q: q.author),
        ("拒绝原因", lambda q: q.reason),
        ("记录", lambda q: q.record),
        ("操作", lambda q: q.op),
        ("试图写入", lambda q: q.tried),
        ("收到时间", lambda q: q.received_at),
    )

    def row_at(self, row: int) -> QuarantineRow:
        return self._rows[row]
