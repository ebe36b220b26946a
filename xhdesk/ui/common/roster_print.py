"""打印 on a list tab: the current view as a roster (名册) PDF, built off the UI thread, previewed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from xhdesk.data.core.listing import Criteria, Listing, display_rows, is_numeric
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.roster import Roster, render_roster
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Progress, Task

MAX_ROWS = 5000  # about 200 landscape pages; more than that is a job for the Excel export


def print_roster(
    parent: QWidget,
    store: Store,
    listing: Listing,
    criteria: Criteria,
    count: int,
    title: str,
    subtitle: str,
    on_preview: Callable[[Any], None],
) -> Task | None:
    """Build the roster of ``count`` rows of ``listing`` under ``criteria`` and preview it.

    Takes plain values rather than the tab, so that this module depends on nothing above it.
    """
    if count == 0:
        show_error(parent, tr("当前列表没有记录，没有可打印的内容。"))
        return None
    if count > MAX_ROWS:
        show_error(
            parent,
            tr(
                f"当前列表有 {count:,} 条记录，超过名册打印上限 {MAX_ROWS:,} 条。"
                "请先用筛选缩小范围，或使用「导出Excel」。"
            ),
        )
        return None

    def work(progress: Progress, fonts: FontSet) -> bytes:
        progress.report(0, 2, tr("正在读取列表…"))
        rows = display_rows(store, listing, criteria, MAX_ROWS)
        progress.report(1, 2, tr("正在排版名册…"))
        roster = Roster(
            title=title,
            subtitle=subtitle,
            headers=[c.title for c in listing.columns],
            widths=[c.width for c in listing.columns],
            rows=rows,
            numeric=[is_numeric(c) for c in listing.columns],
            issuer=store.node_name,
        )
        return render_roster(roster, fonts)

    def done(pdf: bytes) -> None:
        from xhdesk.ui.printing.preview import show_preview

        on_preview(show_preview(parent, pdf, title))

    from xhdesk.ui.printing.consent import run_print_task

    fonts = load_fonts(print_settings(store).font)
    return run_print_task(parent, work, fonts, tr("正在生成名册…"), done)
