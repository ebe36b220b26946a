"""党员队伍: the registry of workers and party members, with 双核双找 views."""

from __future__ import annotations

from xhdesk.data.details import options, person_detail
from xhdesk.data.errors import NotFoundError
from xhdesk.data.listings import persons_listing
from xhdesk.data.models import Branch, Committee, Enterprise, Station
from xhdesk.data.persons import VERIFICATION_KINDS
from xhdesk.data.validation import mask_id_number, mask_phone
from xhdesk.data.vocab import (
    DEVELOPMENT_STAGES,
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
    VERIFICATION_STATES,
    label,
)
from xhdesk.i18n import tr
from xhdesk.ui.detail import html_list
from xhdesk.ui.list_tab import FilterSpec, ListTab

VIEWS = [
    ("unverified_claims", "双核：自报党员未核实"),
    ("unattached_members", "双找：党员无企业无驿站"),
]


class MembersTab(ListTab):
    title = tr("党员队伍")
    listing = persons_listing()
    noun = "人"
    search_hint = "姓名/拼音/首字母/手机号/身份证后几位 …"
    settings_key = "members"

    def filter_specs(self) -> list[FilterSpec]:
        return [
            FilterSpec("occupation", "职业", lambda: list(OCCUPATIONS.items())),
            FilterSpec(
                "political_status", "政治面貌", lambda: [("party", "党员（含预备）"), *POLITICAL_STATUSES.items()]
            ),
            FilterSpec("committee", "行业党委", lambda: options(self.store, Committee)),
            FilterSpec("branch", "党支部", lambda: options(self.store, Branch)),
            FilterSpec("enterprise", "企业", lambda: options(self.store, Enterprise)),
            FilterSpec("station", "驿站", lambda: options(self.store, Station, "code")),
            FilterSpec("verification", "双核", lambda: list(VERIFICATION_STATES.items())),
            FilterSpec("mobile", "流动党员", lambda: [("yes", "仅流动党员")]),
            FilterSpec("view", "工作清单", lambda: VIEWS),
        ]

    def criteria(self):  # noqa: ANN201 — a Criteria with the work-list view folded into filters
        criteria = super().criteria()
        view = criteria.filters.pop("view", "all")
        if view not in (None, "all"):
            criteria.filters[view] = True
        return criteria

    def show_detail(self, row_id: str | None) -> None:
        if row_id is None:
            self.detail.show_empty(tr("在左侧表格中选择一名人员，这里显示其档案、核实记录和变更历史。"))
            return
        try:
            d = person_detail(self.store, row_id)
        except NotFoundError as exc:
            self.detail.show_empty(exc.message)
            return
        p = d.person
        basic = [
            ("性别", p.gender),
            ("出生日期", p.birth_date.isoformat() if p.birth_date else ""),
            ("身份证号", mask_id_number(p.id_number)),
            ("手机号", mask_phone(p.phone)),
            ("职业群体", label(OCCUPATIONS, p.occupation)),
            ("所属企业", d.enterprise.name if d.enterprise else "未登记"),
            ("常驻驿站", d.station.name if d.station else "未登记"),
            ("镇街", p.town),
            ("状态", label(PERSON_STATUSES, p.status)),
        ]
        sections: list = [("基本信息", basic)]
        if p.political_status in ("member", "probationary"):
            sections.append(
                (
                    "党员信息",
                    [
                        ("政治面貌", label(POLITICAL_STATUSES, p.political_status)),
                        ("入党日期", p.joined_party_on.isoformat() if p.joined_party_on else ""),
                        ("所在党支部", d.branch.name if d.branch else "未编入支部"),
                        ("行业党委", d.committee),
                        ("组织关系", label(MEMBERSHIP_RELATIONS, p.membership_relation)),
                        ("先锋示范岗", p.pioneer_post or "—"),
                        ("党员责任区", p.responsibility_area or "—"),
                        ("党建指导员", d.instructor or "—"),
                    ],
                )
            )
            checks = [(v.checked_on.isoformat(), label(VERIFICATION_KINDS, v.kind), v.checked_by) for v in d.verifications]
            sections.append(("双核记录", html_list(["日期", "核实", "核实人"], checks, "尚未核实")))
        elif p.development_stage:
            sections.append(("入党发展", [("发展阶段", label(DEVELOPMENT_STAGES, p.development_stage))]))
        history = [(h.when.strftime("%Y-%m-%d %H:%M"), h.author, h.node, h.summary()) for h in d.history[:12]]
        sections.append(("变更记录", html_list(["时间", "操作人", "节点", "内容"], history)))
        subtitle = label(POLITICAL_STATUSES, p.political_status) + " · " + label(OCCUPATIONS, p.occupation)
        self.detail.show_record(p.name, subtitle, sections)
