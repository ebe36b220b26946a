"""文件 → 导入: what ``install(window)`` adds to ``window.menus["file"]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.imports.columns import KINDS, Kind
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import inform, show_error
from xhdesk.ui.common.workers import Progress, run_task


def install(window: Any) -> QMenu:
    file_menu: QMenu = window.menus["file"]
    menu = QMenu(tr("导入"), file_menu)
    menu.setIcon(qta.icon("fa5s.file-import", color="#444"))
    menu.addAction(qta.icon("fa5s.file-excel", color="#444"), tr("从Excel导入…")).triggered.connect(
        lambda: open_wizard(window)
    )
    menu.addAction(qta.icon("fa5s.download", color="#444"), tr("下载模板…")).triggered.connect(
        lambda: save_template(window)
    )
    menu.addAction(tr("导出完整名册（可再导入）…")).triggered.connect(lambda: export_roster(window))
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertMenu(first, menu)
    file_menu.insertSeparator(first)
    return menu


def open_wizard(window: Any) -> None:
    from xhdesk.ui.imports.wizard import ImportWizard

    wizard = ImportWizard(window.store, window)
    wizard.imported.connect(window.broadcast_changes)
    wizard.exec()


def _pick_kind(parent: QWidget, title: str) -> Kind | None:
    labels = [tr(k.label) for k in KINDS.values()]
    label, ok = QInputDialog.getItem(parent, tr(title), tr("内容："), labels, 0, False)
    if not ok:
        return None
    return list(KINDS.values())[labels.index(label)]


def _save_path(parent: QWidget, title: str, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr(title), name, tr("Excel 工作簿 (*.xlsx)"))
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def save_template(window: Any) -> None:
    from xhdesk.data.imports.templates import write_template

    kind = _pick_kind(window, "下载导入模板")
    path = kind and _save_path(window, "保存模板", f"{kind.label}导入模板.xlsx")
    if kind is None or path is None:
        return
    try:
        write_template(kind, path, window.store)
    except XhdeskError as exc:
        show_error(window, exc)
        return
    inform(window, tr(f"模板已保存：{path}\n填写后用「文件 → 导入 → 从Excel导入」导入。"))


def export_roster(window: Any) -> None:
    """Every live record with unmasked values, in the template's columns (for another office)."""
    from xhdesk.data.imports.templates import export_full

    kind = _pick_kind(window, "导出完整名册")
    path = kind and _save_path(window, "导出完整名册", f"{kind.label}完整名册.xlsx")
    if kind is None or path is None:
        return

    def work(progress: Progress) -> int:
        return export_full(window.store, kind, path, lambda d, t: progress.report(d, t))

    run_task(
        work,
        parent=window,
        title=tr("正在导出…"),
        on_done=lambda n: inform(
            window,
            tr(f"已导出 {n:,} 条到 {path}。\n此文件含完整身份证号码和手机号码，请妥善保管。"),
        ),
    )
