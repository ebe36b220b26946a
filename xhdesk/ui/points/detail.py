"""The side panel of the review queue: the declaration, its rule, evidence, history and totals."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from xhdesk.data.core.store import Store
from xhdesk.data.points.declarations import attachment_data
from xhdesk.data.points.queries import DeclarationDetail, declaration_detail
from xhdesk.data.points.vocab import CATEGORIES, EVENT_KINDS, KINDS, STATES, UNITS
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane, esc, html_list
from xhdesk.ui.points.model import fmt_points

THUMB_WIDTH = 120


def local_time(value: datetime | None) -> str:
    """Event times are stored as naive UTC; show them in this computer's time zone."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _cap(value: float | None) -> str:
    return tr("不设上限") if value is None else f"{value:g} {tr('分')}"


class DeclarationPane(DetailPane):
    """Shows one declaration; evidence images inline, other files as links (``att:<id>``)."""

    attachment_clicked = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._images: dict[str, QImage] = {}
        self.anchorClicked.connect(self._on_anchor)
        self.show_empty(
            tr("在左侧选择一条申报，这里显示申报内容、证明材料、审核记录和本人年度积分。")
        )

    def show_declaration(self, declaration_id: str | None) -> None:
        if declaration_id is None:
            self.show_empty(
                tr("在左侧选择一条申报，这里显示申报内容、证明材料、审核记录和本人年度积分。")
            )
            return
        self.render(declaration_detail(self.store, declaration_id))

    def render(self, detail: DeclarationDetail) -> None:
        item, decl, rule = detail.item, detail.item.declaration, detail.item.rule
        confirmed = item.confirmed_points
        unit = UNITS.get(rule.unit, rule.unit)
        facts = [
            (tr("申报编号"), decl.number),
            (tr("状态"), STATES.get(detail.state, detail.state)),
            (tr("党支部"), detail.branch or tr("（未编入支部）")),
            (tr("行业党委"), detail.committee),
            (tr("事项日期"), decl.deed_date.isoformat()),
            (tr("数量"), f"{item.quantity:g} {unit}"),
            (tr("申报分值"), fmt_points(item.claimed_points)),
            (tr("认定分值"), fmt_points(confirmed) if confirmed is not None else "—"),
            (tr("地点"), decl.place or "—"),
            (tr("事项说明"), decl.description or "—"),
            (tr("申报人"), decl.declared_by),
        ]
        rule_rows = [
            (tr("细则"), f"{rule.code} {rule.title}"),
            (
                tr("类别"),
                f"{CATEGORIES.get(rule.category, rule.category)} · {KINDS.get(rule.kind)}",
            ),
            (tr("分值"), f"{fmt_points(rule.points)} {tr('分')}/{unit}"),
            (tr("每月上限"), _cap(rule.monthly_cap)),
            (tr("每年上限"), _cap(rule.yearly_cap)),
        ]
        sections = [
            (tr("申报内容"), facts),
            (tr("积分细则"), rule_rows),
            (tr("证明材料"), self._evidence(detail)),
            (tr("审核记录"), self._history(detail)),
            (f"{decl.deed_date.year}{tr('年本人已生效积分')}", self._totals(detail)),
        ]
        self.show_record(item.person_name, f"{decl.number}", sections)

    def _evidence(self, detail: DeclarationDetail) -> str:
        if not detail.attachments:
            return f'<p class="muted">{esc(tr("未上传证明材料"))}</p>'
        self._images.clear()
        parts = []
        for att in detail.attachments:
            url = f"att:{att.id}"
            if att.mime.startswith("image/"):
                _name, _mime, data = attachment_data(self.store, att.id)
                image = QImage.fromData(data)
                if not image.isNull():
                    self._images[url] = image
                    parts.append(f'<a href="{url}"><img src="{url}" width="{THUMB_WIDTH}"></a> ')
                    continue
            size = f"{att.size / 1024:.0f} KB"
            parts.append(
                f'<div><a href="{url}">{esc(att.filename)}</a> '
                f'<span class="muted">{size}</span></div>'
            )
        return "".join(parts)

    @staticmethod
    def _history(detail: DeclarationDetail) -> str:
        rows = []
        for ev in detail.item.events:
            what = EVENT_KINDS.get(ev.kind, ev.kind)
            if ev.kind == "committee_confirmed" and ev.points is not None:
                what += f"（{fmt_points(ev.points)}分）"
            if ev.kind == "notice_started" and ev.period_start and ev.period_end:
                what += f"（{ev.period_start:%m-%d}至{ev.period_end:%m-%d}）"
            if ev.kind == "resubmitted" and ev.quantity is not None:
                what += f"（数量改为{ev.quantity:g}）"
            when = local_time(ev.at)
            rows.append((when, what, ev.author, ev.reason))
        return html_list([tr("时间"), tr("步骤"), tr("经办"), tr("意见/原因")], rows)

    @staticmethod
    def _totals(detail: DeclarationDetail) -> str:
        rows = [
            (label, fmt_points(detail.year_totals[code]))
            for code, label in CATEGORIES.items()
            if code in detail.year_totals
        ]
        total = sum(detail.year_totals.values())
        rows.append((tr("合计"), fmt_points(total)))
        return html_list([tr("类别"), tr("积分")], rows, empty=tr("暂无已生效积分"))

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("att:"):
            self.attachment_clicked.emit(text[4:])

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt override)
        image = self._images.get(name.toString())
        return image if image is not None else super().loadResource(kind, name)
