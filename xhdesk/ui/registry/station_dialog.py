"""新增/编辑阵地: a station of the 1+N matrix."""

from __future__ import annotations

from typing import Any

from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text
from xhdesk.data.core.vocab import HOST_TYPES, STATION_KINDS, STATION_STATUSES
from xhdesk.data.models import Committee, Station
from xhdesk.data.registry.details import get_record, options, towns
from xhdesk.data.registry.organisation import add_station, update_station, validate_contact_phone
from xhdesk.i18n import tr
from xhdesk.ui.common.form import FormDialog, choice_box, line_edit, picker, town_box


class StationDialog(FormDialog):
    columns = 2

    def __init__(self, store, station_id: str | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "编辑阵地" if station_id else "新增阵地", parent)
        self.station_id = station_id
        st: Station | None = get_record(store, Station, station_id) if station_id else None
        self.station = st
        self.set_heading(
            tr("带 * 的为必填项。编号留空则自动编号。")
            if st is None
            else tr(f"正在编辑：{st.code} {st.name}")
        )
        self.add_field(
            "name",
            "名称",
            line_edit(st.name if st else "", "如：城东快递外卖指导站暖蜂驿站", 80),
            lambda v: require_text(v, field="name", label="名称", max_length=80),
            required=True,
            span=2,
        )
        self.add_field(
            "kind",
            "类型",
            choice_box(list(STATION_KINDS.items()), st.kind if st else None, st is None),
            required=True,
        )
        self.add_field("code", "编号", line_edit(st.code if st else "", "如 S57（可留空）", 8))
        self.add_field(
            "town",
            "镇街",
            town_box(towns(store), st.town if st else None),
        )
        self.add_field(
            "host_type",
            "依托场所",
            choice_box(list(HOST_TYPES.items()), st.host_type if st else None, True),
        )
        self.add_field("address", "地址", line_edit(st.address if st else "", "", 120), span=2)
        self.add_field("manager", "负责人", line_edit(st.manager if st else "", "", 30))
        self.add_field(
            "phone",
            "联系电话",
            line_edit(st.phone if st else "", "手机或座机，如 0523-83211234", 20),
            validate_contact_phone,
        )
        self.add_field(
            "opening_hours",
            "开放时间",
            line_edit(st.opening_hours if st else "", "如 07:00–21:00", 60),
        )
        self.add_field(
            "status",
            "运营状态",
            choice_box(list(STATION_STATUSES.items()), st.status if st else "open"),
            required=True,
        )
        self.add_field(
            "committee_id",
            "所属行业党委",
            picker(options(store, Committee), st.committee_id if st else None),
        )
        self.add_field(
            "amenities",
            "服务设施",
            line_edit(st.amenities if st else "", "用顿号分隔，如：饮用水、微波炉、充电设施", 200),
            span=2,
        )
        self.finish()
        self.resize(720, self.sizeHint().height())

    def save(self) -> Changes | None:
        values: dict[str, Any] = self.values()
        for key in ("town", "host_type"):
            values[key] = values[key] or ""
        if not values["code"]:
            values.pop("code")  # a new station is numbered automatically; an old one keeps its code
        else:
            values["code"] = values["code"].upper()
        if self.station is None:
            self.station_id = add_station(self.store, values).id
            return None
        changed = {k: v for k, v in values.items() if v != getattr(self.station, k)}
        return update_station(self.store, self.station.id, changed) if changed else None
