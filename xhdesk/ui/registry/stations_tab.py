"""驿站阵地: the 1+N station matrix."""

from __future__ import annotations

from sqlmodel import select

from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.vocab import (
    HOST_TYPES,
    OCCUPATIONS,
    POLITICAL_STATUSES,
    STATION_KINDS,
    STATION_STATUSES,
    label,
)
from xhdesk.data.models import Station
from xhdesk.data.registry.details import station_detail, station_kind_counts
from xhdesk.data.registry.listings import stations_listing
from xhdesk.data.registry.organisation import delete_stations, restore_stations
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.list_actions import RecordOps
from xhdesk.ui.common.list_tab import FilterSpec, ListTab
from xhdesk.ui.registry.station_dialog import StationDialog


class StationsTab(ListTab):
    title = tr("驿站阵地")
    listing = stations_listing()
    noun = "个阵地"
    search_hint = "名称/地址/负责人/电话 …"
    settings_key = "stations"
    ops = RecordOps("station", StationDialog, delete_stations, restore_stations)

    def filter_specs(self) -> list[FilterSpec]:
        return [
            FilterSpec("kind", "类型", lambda: list(STATION_KINDS.items())),
            FilterSpec("town", "镇街", self._towns),
            FilterSpec("status", "状态", lambda: list(STATION_STATUSES.items())),
            FilterSpec("host_type", "依托场所", lambda: list(HOST_TYPES.items())),
        ]

    def _towns(self) -> list[tuple[str, str]]:
        with self.store.session() as s:
            towns = s.exec(
                select(Station.town)
                .where(Station.deleted == False)
                .distinct()
                .order_by(Station.town)
            ).all()
        return [(t, t) for t in towns if t]

    def status_text(self) -> str:
        kind = self.filters["kind"].currentData()
        if kind not in (None, "all") and not self.recycle_toggle.isChecked():
            shown = self.model.rowCount()
            return (
                tr(f"{label(STATION_KINDS, kind)}：筛选出 {shown:,} 个")
                + " · "
                + super().status_text()
            )
        return super().status_text()

    def total_detail(self) -> str:
        counts = station_kind_counts(self.store)
        parts = [f"{label(STATION_KINDS, k)} {counts[k]}" for k in STATION_KINDS if counts.get(k)]
        return tr(f"（{' · '.join(parts)}）") if parts else ""

    def show_detail(self, row_id: str | None) -> None:
        if row_id is None:
            self.detail.show_empty(
                tr("在左侧表格中选择一个驿站，这里显示它的详细信息、常驻人员和提供的服务。")
            )
            return
        try:
            d = station_detail(self.store, row_id)
        except NotFoundError as exc:
            self.detail.show_empty(exc.message)
            return
        st = d.station
        people = [
            (
                p.name,
                label(OCCUPATIONS, p.occupation),
                label(POLITICAL_STATUSES, p.political_status),
            )
            for p in d.persons
        ]
        more = (
            f"<p class='muted'>另有 {d.persons_total - len(d.persons)} 人未列出</p>"
            if d.persons_total > len(d.persons)
            else ""
        )
        history = [
            (h.when.strftime("%Y-%m-%d %H:%M"), h.author, h.summary()) for h in d.history[:8]
        ]
        self.detail.show_record(
            st.name,
            f"{st.code} · {label(STATION_KINDS, st.kind)} · {label(STATION_STATUSES, st.status)}",
            [
                (
                    "基本信息",
                    [
                        ("所属党委", d.committee),
                        ("镇街", st.town),
                        ("地址", st.address),
                        ("依托场所", label(HOST_TYPES, st.host_type)),
                        ("负责人", st.manager),
                        ("联系电话", st.phone),
                        ("开放时间", st.opening_hours),
                    ],
                ),
                ("服务设施", st.amenities.replace("、", " · ") or "未登记"),
                (
                    f"常驻人员（{d.persons_total} 人，其中党员 {d.members_total} 人）",
                    html_list(["姓名", "职业", "政治面貌"], people) + more,
                ),
                ("变更记录", html_list(["时间", "操作人", "内容"], history)),
            ],
        )
