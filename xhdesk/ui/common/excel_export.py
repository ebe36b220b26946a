"""导出Excel: the current view of a list tab to .xlsx, off the UI thread with progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from xhdesk.data.core.excel import export_listing
from xhdesk.data.core.listing import Criteria, Listing
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.workers import Progress, Task, run_task

if TYPE_CHECKING:
    from collections.abc import Callable


def ask_path(parent: QWidget, title: str) -> Path | None:
    """A save dialog proposing 「党员队伍_20261128.xlsx」 in the Documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    proposal = str(Path(folder) / f"{title}_{date.today():%Y%m%d}.xlsx")
    path, _ = QFileDialog.getSaveFileName(
        parent, tr("导出到Excel"), proposal, tr("Excel 工作簿 (*.xlsx)")
    )
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def export_view(
    parent: QWidget,
    store: Store,
    listing: Listing,
    criteria: Criteria,
    path: Path,
    title: str,
    on_done: Callable[[int], None],
) -> Task:
    """Write the rows of ``criteria`` to ``path`` in the background; ``on_done(rows)`` after."""

    def work(progress: Progress) -> int:
        def report(done: int, total: int) -> None:
            progress.report(done, total, tr(f"正在导出 {done:,} / {total:,} 条…"))

        return export_listing(store, listing, criteria, path, sheet_title=title, progress=report)

    return run_task(work, parent=parent, title=tr("正在导出Excel…"), on_done=on_done)
