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

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.requests.deadlines import overdue_report
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import inform, show_error


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
        self.print_button = buttons.addButton(tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_list)
        self.export_button = buttons.addButton(
            tr("导出Excel…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self.export_list)
        for button in (self.print_button, self.export_button):
            button.setEnabled(bool(groups))
        layout.addWidget(buttons)
        self.store, self.today = store, today
        self.last_preview: QDialog | None = None

    def print_list(self) -> None:
        """Preview the 超期清单 as a printable list (督办 meetings want it on paper)."""
        from xhdesk.data.core.print_settings import print_settings
        from xhdesk.data.requests.overdue_list import HEADERS, NUMERIC, WIDTHS, overdue_list
        from xhdesk.printing.fonts import load_fonts
        from xhdesk.printing.roster import Roster, render_roster
        from xhdesk.ui.printing.preview import show_preview

        sheet = overdue_list(self.store, self.today)
        roster = Roster(
            title=sheet.title,
            subtitle=sheet.subtitle,
            headers=HEADERS,
            widths=WIDTHS,
            rows=[[str(v) for v in row] for row in sheet.rows],
            numeric=NUMERIC,
            issuer=self.store.node_name,
        )
        try:
            pdf = render_roster(roster, load_fonts(print_settings(self.store).font))
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.last_preview = show_preview(
            self, pdf, tr("超期清单"), f"超期清单_{self.today:%Y%m%d}.pdf"
        )

    def export_list(self) -> None:
        from xhdesk.data.requests.overdue_list import export_overdue
        from xhdesk.ui.common.excel_export import ask_path

        path = ask_path(self, tr("超期清单"))
        if path is None:
            return
        try:
            count = export_overdue(self.store, self.today, path)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        inform(self, tr(f"已导出 {count} 件超期诉求到：{path}"))
