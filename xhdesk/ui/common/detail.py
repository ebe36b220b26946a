"""The detail pane: a selected record rendered as calm HTML sections (read, copy, follow links)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

Rows = Sequence[tuple[str, object]]

CSS = """
<style>
h2 { font-size: 13pt; margin: 0 0 4px 0; color: #1f1f1f; }
h3 { font-size: 10pt; margin: 12px 0 4px 0; color: #C8161D; border-bottom: 1px solid #eee; }
td.k { color: #6b6b6b; padding: 2px 10px 2px 0; white-space: nowrap; vertical-align: top; }
td.v { padding: 2px 0; }
table.list td { padding: 2px 8px 2px 0; border-bottom: 1px solid #f0f0f0; }
.muted { color: #8a8a8a; }
</style>
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


class DetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(280)
        self.show_empty("在左侧表格中选择一条记录，这里显示详细信息。")

    def show_empty(self, text: str) -> None:
        self.setHtml(CSS + f'<p class="muted" style="margin-top:24px">{esc(text)}</p>')

    def show_record(
        self, title: str, subtitle: str, sections: Sequence[tuple[str, Rows | str]]
    ) -> None:
        parts = [CSS, f"<h2>{esc(title)}</h2>"]
        if subtitle:
            parts.append(f'<div class="muted">{esc(subtitle)}</div>')
        for heading, body in sections:
            parts.append(f"<h3>{esc(heading)}</h3>")
            if isinstance(body, str):
                parts.append(body)
            else:
                rows = "".join(
                    f'<tr><td class="k">{esc(k)}</td><td class="v">{esc(v)}</td></tr>'
                    for k, v in body
                )
                parts.append(f"<table>{rows}</table>")
        self.setHtml("".join(parts))


def html_list(headers: Sequence[str], rows: Sequence[Sequence[object]], empty: str = "暂无") -> str:
    if not rows:
        return f'<p class="muted">{esc(empty)}</p>'
    head = "".join(f'<td class="muted">{esc(h)}</td>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="list"><tr>{head}</tr>{body}</table>'
