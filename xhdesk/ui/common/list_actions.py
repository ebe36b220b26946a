"""What a list tab writes: add/edit through its dialog, delete to and restore from the recycle
bin, export the view to Excel, print it as a roster. Mixed into :class:`ListTab`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import confirm, show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox


@dataclass(frozen=True)
class RecordOps:
    """How a tab writes its records: the add/edit dialog and the recycle-bin services."""

    table: str  # the table name, for the Changes of an add
    editor: Callable[..., QDialog]  # (store, row_id | None, parent) → a FormDialog
    delete: Callable[[Store, list[str]], Changes]
    restore: Callable[[Store, list[str]], Changes]


class RecordActions:
    """The writing half of a list tab; relies on the attributes :class:`ListTab` builds."""

    ops: RecordOps | None = None
    _captions: dict[str, str]
    filters: dict[str, QComboBox]
    store: Store
    model: Any
    listing: Any
    title: str

    def _on_recycle_toggled(self, on: bool) -> None:
        """In the recycle bin the delete action restores, and nothing new is added there."""
        self.act_delete.setText(tr("恢复") if on else tr("删除"))
        self.act_delete.setIcon(qta.icon("fa5s.undo" if on else "fa5s.trash-alt", color="#444"))
        self.act_new.setEnabled(not on)
        self.act_edit.setEnabled(not on)
        self.apply_criteria()

    def _written(self, changes: Changes, select: str | None = None) -> None:
        self.model.reload()
        self._update_empty_state()
        self._emit_status()
        if select and not self.select_id(select):
            self.show_detail(select)
        elif not select:
            self.show_detail(self.current_id())
        self.data_changed.emit(changes)

    def open_editor(self, row_id: str | None) -> None:
        if self.ops is None:
            return
        if row_id is not None:  # a record outside this node's place is not offered for editing
            from xhdesk.data.network.scope import edit_refusal

            reason = edit_refusal(self.store, self.ops.table, row_id)
            if reason:
                show_error(self, reason)
                return
        try:
            dialog = self.ops.editor(self.store, row_id, self)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new_id = row_id or getattr(dialog, f"{self.ops.table}_id", None)
        changes = dialog.changes or Changes()
        if row_id is None and new_id:
            changes.inserted[self.ops.table] += 1
            changes.row_ids.add(new_id)
        self._written(changes, new_id)

    def action_new(self) -> None:
        if not self.recycle_toggle.isChecked():
            self.open_editor(None)

    def action_edit(self) -> None:
        row_id = self.current_id()
        if row_id and not self.recycle_toggle.isChecked():
            self.open_editor(row_id)

    def action_delete(self) -> None:
        """Delete (to the recycle bin, after one question) or, in the recycle bin, restore."""
        ids = self.selected_ids()
        if not ids or self.ops is None:
            return
        restoring = self.recycle_toggle.isChecked()
        if not restoring and not confirm(
            self, tr(f"确定删除选中的 {len(ids)} 条记录？可在回收站恢复。"), tr("删除")
        ):
            return
        try:
            changes = (self.ops.restore if restoring else self.ops.delete)(self.store, ids)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self._written(changes)
        verb = "恢复" if restoring else "移入回收站"
        self.status_changed.emit(self.status_text() + tr(f" · 已{verb} {len(ids)} 条"))

    def action_export(self) -> None:
        from xhdesk.ui.common.excel_export import ask_path

        path = ask_path(self, self.title)
        if path is not None:
            self.export_to(path)

    def filter_captions(self) -> list[tuple[str, QComboBox]]:
        return [(self._captions[key], combo) for key, combo in self.filters.items()]

    def describe_view(self, count: int) -> str:
        """ "筛选：职业 外卖骑手；搜索 “zs” · 共 12 人" — what the printed list is."""
        parts = [
            f"{caption} {combo.currentText()}"
            for caption, combo in self.filter_captions()
            if combo.currentData() not in (None, "all")
        ]
        if self.search_box.text().strip():
            parts.append(tr(f"搜索“{self.search_box.text().strip()}”"))
        scope = tr("筛选：") + "；".join(parts) if parts else tr("全部记录")
        return f"{scope} · {tr(f'共 {count:,} {self.noun}')}"

    def action_print(self):  # noqa: ANN201 — the background Task, or None
        """打印: the current list as a roster (名册), in the print preview."""
        from xhdesk.ui.common.roster_print import print_roster

        count = self.model.rowCount()
        criteria = replace(self.model.criteria, filters=dict(self.model.criteria.filters))

        def keep(preview: object) -> None:
            self.last_preview = preview

        return print_roster(
            self,
            self.store,
            self.listing,
            criteria,
            count,
            tr(f"{self.title}名册"),
            self.describe_view(count),
            keep,
        )

    def export_to(self, path: object):  # noqa: ANN201 — the background Task
        """Export exactly what the table shows (same columns, same masked values) to ``path``."""
        from pathlib import Path

        from xhdesk.ui.common.excel_export import export_view

        criteria = replace(self.model.criteria, filters=dict(self.model.criteria.filters))

        def done(rows: int) -> None:
            self.status_changed.emit(tr(f"已导出 {rows:,} 条记录到 {path}"))

        return export_view(
            self, self.store, self.listing, criteria, Path(str(path)), self.title, done
        )
