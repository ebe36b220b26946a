"""党员队伍: the registry of workers and party members, with 双核双找 views."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QToolBar

from xhdesk.data.core.errors import NotFoundError, XhdeskError
from xhdesk.data.core.listing import Criteria
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import mask_id_number, mask_phone
from xhdesk.data.core.vocab import (
    DEVELOPMENT_STAGES,
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PARTY_STATUSES,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
    VERIFICATION_STATES,
    label,
)
from xhdesk.data.models import Branch, Committee, Enterprise, Station
from xhdesk.data.registry.details import options, person_detail
from xhdesk.data.registry.listings import persons_listing
from xhdesk.data.registry.persons import VERIFICATION_KINDS, delete_persons, restore_persons
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.list_actions import RecordOps
from xhdesk.ui.common.list_tab import FilterSpec, ListTab
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.registry.person_dialog import PersonDialog
from xhdesk.ui.registry.verification_dialog import VerificationDialog

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
    ops = RecordOps("person", PersonDialog, delete_persons, restore_persons)

    def extend_toolbar(self, bar: QToolBar) -> None:
        bar.addSeparator()
        self.act_verify = self._action("fa5s.user-check", "记录核实", self.action_verify)
        self.act_verify.setToolTip(tr("双核：记录组织部门或行业部门对选中党员的核实"))
        self.act_enterprises = self._action("fa5s.building", "企业档案", self.action_enterprises)
        self.act_enterprises.setToolTip(tr("一企一档：平台企业、党建指导员和走访记录"))
        self.act_development = self._action("fa5s.user-plus", "党员发展", self.action_development)
        self.act_development.setToolTip(tr("党员发展：待办、发展记录、办理步骤、公示和发展计划"))
        bar.addAction(self.act_verify)
        bar.addAction(self.act_development)
        bar.addAction(self.act_enterprises)

    def context_actions(self) -> list[QAction | None]:
        return [self.act_edit, self.act_verify, self.act_delete, None, self.act_print]

    def action_verify(self) -> None:
        """记录核实 for the current person (a party member): who checked, when, which department."""
        row_id = self.current_id()
        if not row_id or self.recycle_toggle.isChecked():
            return
        try:
            dialog = VerificationDialog(self.store, row_id, self)
        except XhdeskError as exc:
            show_error(self, exc)
            return
        if dialog.person.political_status not in PARTY_STATUSES:
            show_error(self, tr(f"{dialog.person.name} 不是党员，无需双核核实。"))
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes is not None:
            self._written(dialog.changes, row_id)

    def action_development(self) -> None:
        """党员发展 in its own window, on the selected person if any."""
        from xhdesk.ui.development.window import DevelopmentWindow

        person_id = None if self.recycle_toggle.isChecked() else self.current_id()
        window = DevelopmentWindow(self.store, self, person_id)
        window.data_changed.connect(self._on_enterprises_changed)
        window.exec()

    def action_enterprises(self) -> None:
        """一企一档: the enterprise and instructor files in their own window."""
        from xhdesk.ui.registry.enterprises_window import EnterprisesWindow

        window = EnterprisesWindow(self.store, self)
        window.data_changed.connect(self._on_enterprises_changed)
        window.exec()

    def _on_enterprises_changed(self, changes: Changes) -> None:
        self.refresh()
        self.data_changed.emit(changes)

    def filter_specs(self) -> list[FilterSpec]:
        return [
            FilterSpec("occupation", "职业", lambda: list(OCCUPATIONS.items())),
            FilterSpec(
                "political_status",
                "政治面貌",
                lambda: [("party", "党员（含预备）"), *POLITICAL_STATUSES.items()],
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

    def total_detail(self) -> str:
        party = Criteria(filters={"political_status": "party"})
        members = self.model.cached_total("party", lambda: self.listing.count(self.store, party))
        return tr(f"（党员 {members:,} 人）")

    def show_detail(self, row_id: str | None) -> None:
        if row_id is None:
            self.detail.show_empty(
                tr("在左侧表格中选择一名人员，这里显示其档案、核实记录和变更历史。")
            )
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
            checks = [
                (v.checked_on.isoformat(), label(VERIFICATION_KINDS, v.kind), v.checked_by)
                for v in d.verifications
            ]
            sections.append(("双核记录", html_list(["日期", "核实", "核实人"], checks, "尚未核实")))
        elif p.development_stage:
            sections.append(
                ("入党发展", [("发展阶段", label(DEVELOPMENT_STAGES, p.development_stage))])
            )
        sections += _programme_sections(self.store, row_id)
        history = [
            (h.when.strftime("%Y-%m-%d %H:%M"), h.author, h.node, h.summary())
            for h in d.history[:12]
        ]
        sections.append(("变更记录", html_list(["时间", "操作人", "节点", "内容"], history)))
        subtitle = (
            label(POLITICAL_STATUSES, p.political_status) + " · " + label(OCCUPATIONS, p.occupation)
        )
        self.detail.show_record(p.name, subtitle, sections)


def _programme_sections(store: Store, person_id: str) -> list:
    """五员 roles and 四亮 marks with their dates (issue #17), when the person has any."""
    from xhdesk.data.showcase.marks import marks_of
    from xhdesk.data.volunteering.roles import roles_of

    out: list = []
    duty = [
        (r.role, f"{r.from_on:%Y-%m-%d}", f"{r.to_on:%Y-%m-%d}" if r.to_on else "至今")
        for r in roles_of(store, person_id)
    ]
    if duty:
        out.append(("五员", html_list(["角色", "担任", "卸任"], duty)))
    marks = [(m.label, m.text, f"{m.set_on:%Y-%m-%d}") for m in marks_of(store, person_id).values()]
    if marks:
        out.append(("四亮与示范岗", html_list(["项目", "内容", "设立日期"], marks)))
    return out
