"""The person's detail in 党员队伍 shows the 五员 roles and 四亮 marks with their dates."""

from __future__ import annotations

from datetime import date

from registry_seed import seed

from xhdesk.data.showcase.marks import set_mark
from xhdesk.data.volunteering.roles import assign_role
from xhdesk.ui.registry.members_tab import MembersTab


def test_member_detail_lists_duty_roles_and_marks(qtbot, store):
    reg = seed(store)
    person_id = reg.persons["zhang"]
    assign_role(store, person_id, "grid", date(2025, 3, 1))
    set_mark(store, "person", person_id, "identity", "佩戴党徽上岗", date(2025, 5, 4))
    tab = MembersTab(store)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    for row in range(tab.model.rowCount()):
        tab.table.selectRow(row)
        text = tab.detail.toPlainText()
        if "网格治理信息员" in text:
            break
    assert "网格治理信息员" in text and "2025-03-01" in text and "至今" in text
    assert "佩戴党徽上岗" in text and "2025-05-04" in text
