"""志愿服务队 page: the teams with person-times, their members and records; 五员 appointments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.volunteering import roles, teams
from xhdesk.data.volunteering.vocab import DUTY_ROLES, SERVICE_KINDS
from xhdesk.i18n import tr
from xhdesk.ui.activities.parts import Page, PersonSearch, SimpleDialog, qdate
from xhdesk.ui.common.detail import html_list
from xhdesk.ui.common.form import choice_box, date_edit

HEADERS = ("服务队", "队长", "队员", "服务次数", "服务人次", "服务时长（小时）")
WIDTHS = (150, 120, 60, 80, 80, 110)


class TeamDialog(SimpleDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("新增志愿服务队", parent)
        self.store = store
        self.name = self.add_row("队伍名称", QLineEdit(self))
        self.description = self.add_row("简介", QLineEdit(self))

    def save(self) -> object:
        return teams.create_team(self.store, self.name.text(), description=self.description.text())


class ServiceDialog(SimpleDialog):
    """登记服务: date, kind, hours, place, what was done, and who of the team took part."""

    def __init__(self, store: Store, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__("登记志愿服务", parent)
        self.store, self.team_id = store, team_id
        self.day = self.add_row("服务日期", date_edit(date.today(), maximum=date.today()))
        self.kind = self.add_row("服务类别", choice_box(list(SERVICE_KINDS.items())))
        self.hours = QDoubleSpinBox(self)
        self.hours.setRange(0.5, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(2)
        self.add_row("每人时长（小时）", self.hours)
        self.place = self.add_row("服务地点", QLineEdit(self))
        self.what = self.add_row("服务内容", QLineEdit(self))
        self.people = QListWidget(self)
        for person_id, name, role in teams.team_members(store, team_id):
            item = QListWidgetItem(f"{name}（{role}）", self.people)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.add_row("参加人员", self.people)

    def checked(self) -> list[str]:
        items = (self.people.item(i) for i in range(self.people.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> object:
        return teams.record_service(
            self.store,
            self.team_id,
            qdate(self.day),
            self.kind.currentData(),
            self.checked(),
            hours=self.hours.value(),
            place=self.place.text(),
            description=self.what.text(),
        )


class MemberDialog(SimpleDialog):
    """添加队员 (or 队长) found by the one search."""

    def __init__(self, store: Store, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__("添加队员", parent)
        self.store, self.team_id = store, team_id
        self.search = self.add_row("查找人员", PersonSearch(store, self))
        self.role = self.add_row("身份", choice_box([("member", "队员"), ("leader", "队长")]))

    def save(self) -> object:
        person_id = self.search.person_id()
        if not person_id:
            raise ValidationError("请先查找并选择一名人员。")
        return teams.add_members(
            self.store,
            self.team_id,
            [person_id],
            role=self.role.currentData(),
            joined_on=date.today(),
        )


class RoleDialog(SimpleDialog):
    """任命五员: a person, a role, the date from which it is held."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("任命“五员”", parent)
        self.store = store
        self.search = self.add_row("查找人员", PersonSearch(store, self))
        self.role = self.add_row("五员角色", choice_box(list(DUTY_ROLES.items())))
        self.day = self.add_row("担任日期", date_edit(date.today()))

    def save(self) -> object:
        person_id = self.search.person_id()
        if not person_id:
            raise ValidationError("请先查找并选择一名人员。")
        return roles.assign_role(
            self.store,
            person_id,
            self.role.currentData(),
            qdate(self.day),
        )


class TeamsPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, HEADERS, WIDTHS, parent)
        self.add_button("＋ 新增服务队", self.on_new_team_clicked, primary=True)
        self.add_button("添加队员", self.on_add_member_clicked)
        self.add_button("登记服务", self.on_record_clicked)
        self.add_button("任命五员", self.on_role_clicked)
        self.end_toolbar()
        self.refresh()

    def refresh(self) -> None:
        rows = [
            (t.id, t.name, t.leaders, t.members, t.records, t.person_times, t.hours)
            for t in teams.list_teams(self.store)
        ]
        self.show_rows(rows, "还没有志愿服务队，点击「新增服务队」建立第一支队伍。")
        total = sum(r[5] for r in rows)
        holders = len(roles.role_holders(self.store))
        self.status.setText(
            tr(f"共 {len(rows)} 支志愿服务队 · 累计服务 {total:,} 人次 · 在任“五员” {holders} 人")
        )

    def on_row_selected(self, row: int) -> None:
        if row < 0:
            return
        team_id = self.model.row_id(row)
        name = self.model.rows[row][1]
        members = teams.team_members(self.store, team_id)
        records = teams.team_records(self.store, team_id)
        self.detail.show_record(
            name,
            tr(f"队员 {len(members)} 人 · 服务 {len(records)} 次"),
            [
                ("队员", html_list(("姓名", "身份"), [(n, r) for _, n, r in members], "暂无队员")),
                (
                    "服务记录",
                    html_list(
                        ("日期", "类别", "地点", "人数"),
                        [(f"{r.served_on:%Y-%m-%d}", r.kind, r.place, r.persons) for r in records],
                        "暂无服务记录",
                    ),
                ),
            ],
        )

    def _run(self, dialog: SimpleDialog) -> None:
        if dialog.exec():
            self.refresh()

    def on_new_team_clicked(self) -> None:
        self._run(TeamDialog(self.store, self))

    def _team_or_hint(self) -> str | None:
        team_id = self.current_id()
        if team_id is None:
            from xhdesk.ui.common.messages import inform

            inform(self, tr("请先在表格中选择一支服务队。"), tr("提示"))
        return team_id

    def on_add_member_clicked(self) -> None:
        if team_id := self._team_or_hint():
            self._run(MemberDialog(self.store, team_id, self))

    def on_record_clicked(self) -> None:
        if team_id := self._team_or_hint():
            self._run(ServiceDialog(self.store, team_id, self))

    def on_role_clicked(self) -> None:
        self._run(RoleDialog(self.store, self))
