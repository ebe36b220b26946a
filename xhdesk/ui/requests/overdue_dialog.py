"""The overdue list per department (超期清单), for the weekly 督办 meeting."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.requests.deadlines import overdue_report
from xhdesk.i18n import tr


class OverdueDialog(QDialog):
    def __init__(self, store: Store, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("超期诉求清单（按承办部门）"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        groups = overdue_report(store, today)
        total = sum(len(rows) for rows in groups.values())
        caption = QLabel(
            tr(
                f"截至 {today:%Y-%m-%d}，共 {total} 件诉求超过办结时限，涉及 {len(groups)} 个部门。"
            ),
            self,
        )
        caption.setProperty("role", "heading")
        layout.addWidget(caption)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [tr(t) for t in ("部门 / 诉求编号", "诉求人", "服务事项", "办结时限", "超期天数")]
        )
        for dept, rows in groups.items():
            parent = QTreeWidgetItem([f"{dept}（{len(rows)} 件）"])
            for r in rows:
                parent.addChild(
                    QTreeWidgetItem(
                        [
                            r.number,
                            r.requester_name,
                            r.kind,
                            r.due_on.isoformat(),
                            str(r.days_late),
                        ]
                    )
                )
            self.tree.addTopLevelItem(parent)
        self.tree.expandAll()
        for col in range(5):
            self.tree.resizeColumnToContents(col)
        if not groups:
            layout.addWidget(QLabel(tr("没有超期的诉求。"), self))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
