"""The selected request in the detail pane: what was asked, the deadline, and the timeline."""

from __future__ import annotations

from xhdesk.data.core.validation import mask_phone
from xhdesk.data.core.vocab import label
from xhdesk.data.requests.deadlines import DUE_SOON, OVERDUE
from xhdesk.data.requests.details import RequestDetail
from xhdesk.data.requests.vocab import CHANNELS, STATES, URGENCIES
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane, esc

EVENT_COLOURS = {
    "accepted": "#2f6fb0",
    "forwarded": "#2f6fb0",
    "in_progress": "#2f6fb0",
    "resolved": "#2e7d32",
    "return_visit": "#2e7d32",
    "closed": "#6b6b6b",
    "reopened": "#b26a00",
    "merged": "#6b6b6b",
    "withdrawn": "#6b6b6b",
    "escalated": "#C8161D",
}


def _deadline(detail: RequestDetail) -> str:
    due = f"{detail.due_on:%Y-%m-%d}"
    if detail.flag == OVERDUE:
        return tr(f"{due}（已超期 {detail.days_late} 天）")
    if detail.flag == DUE_SOON:
        return tr(f"{due}（1个工作日内到期）")
    if detail.state in ("accepted", "forwarded", "in_progress", "reopened"):
        return tr(f"{due}（剩余 {detail.working_days_left} 个工作日）")
    return due


def timeline_html(detail: RequestDetail) -> str:
    rows = []
    for entry in reversed(detail.timeline):
        colour = EVENT_COLOURS.get(entry.kind, "#444")
        text = f"<br><span>{esc(entry.text)}</span>" if entry.text else ""
        rows.append(
            f'<tr><td class="k">{entry.at:%Y-%m-%d %H:%M}</td>'
            f'<td class="v"><b style="color:{colour}">● {esc(entry.title)}</b>'
            f'<span class="muted">　{esc(entry.author)}</span>{text}</td></tr>'
        )
    return "<table>" + "".join(rows) + "</table>"


def show_request(pane: DetailPane, detail: RequestDetail) -> None:
    r = detail.request
    subtitle = f"{label(STATES, detail.state)} · {detail.kind_name} · {detail.department_name}"
    info = [
        (tr("诉求人"), f"{r.requester_name}（{'登记人员' if r.person_id else '临时来访'}）"),
        (tr("联系电话"), mask_phone(r.requester_phone)),
        (tr("服务事项"), f"{detail.kind_name}（时限 {detail.time_limit_days} 个工作日）"),
        (tr("受理驿站"), detail.station_name or tr("（未指定）")),
        (tr("受理渠道"), label(CHANNELS, r.channel)),
        (tr("紧急程度"), label(URGENCIES, r.urgency)),
        (tr("受理时间"), f"{r.accepted_at:%Y-%m-%d %H:%M}（{r.accepted_by}）"),
        (tr("承办部门"), detail.department_name or tr("（未转办）")),
        (tr("办结时限"), _deadline(detail)),
    ]
    if detail.merged_into:
        info.append((tr("合并至"), detail.merged_into))
    pane.show_record(
        r.number,
        subtitle,
        [
            (tr("诉求内容"), f"<p>{esc(r.description)}</p>"),
            (tr("基本信息"), info),
            (tr("办理经过"), timeline_html(detail)),
        ],
    )
