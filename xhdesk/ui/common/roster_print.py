"""打印 on a list tab: the current view as a roster (名册) PDF, built off the UI thread, previewed."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from xhdesk.data.core.listing import display_rows, is_numeric
from xhdesk.data.core.print_settings import print_settings
from xhdesk.i18n import tr
from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.printing.roster import Roster, render_roster
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Progress, Task

if TYPE_CHECKING:
    from xhdesk.ui.common.list_tab import ListTab

MAX_ROWS = 5000  # about 200 landscape pages; more than that is a job for the Excel export


def roster_title(tab: ListTab) -> str:
    return tr(f"{tab.title}名册")


def describe_view(tab: ListTab, count: int) -> str:
    """ "筛选：职业 外卖骑手；搜索 “zs” · 共 12 人" — what the printed list is."""
    parts = [
        f"{caption} {combo.currentText()}"
        for caption, combo in tab.filter_captions()
        if combo.currentData() not in (None, "all")
    ]
    if tab.search_box.text().strip():
        parts.append(tr(f"搜索“{tab.search_box.text().strip()}”"))
    scope = tr("筛选：") + "；".join(parts) if parts else tr("全部记录")
    return f"{scope} · {tr(f'共 {count:,} {tab.noun}')}"


def print_roster(tab: ListTab) -> Task | None:
    """Build the roster of what ``tab`` shows and open the print preview on it."""
    count = tab.model.rowCount()
    if count == 0:
        show_error(tab, tr("当前列表没有记录，没有可打印的内容。"))
        return None
    if count > MAX_ROWS:
        show_error(
            tab,
            tr(
                f"当前列表有 {count:,} 条记录，超过名册打印上限 {MAX_ROWS:,} 条。"
                "请先用筛选缩小范围，或使用「导出Excel」。"
            ),
        )
        return None
    store, listing = tab.store, tab.listing
    criteria = replace(tab.model.criteria, filters=dict(tab.model.criteria.filters))
    title, subtitle = roster_title(tab), describe_view(tab, count)

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

        tab.last_preview = show_preview(tab, pdf, title)

    from xhdesk.ui.printing.consent import run_print_task

    fonts = load_fonts(print_settings(store).font)
    return run_print_task(tab, work, fonts, tr("正在生成名册…"), done)
