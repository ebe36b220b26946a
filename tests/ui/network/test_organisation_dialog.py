"""工具 → 组织架构: rename, merge and retire from the dialog (QInputDialog answered by a stub)."""

from __future__ import annotations

from xhdesk.data.network import organisation as org
from xhdesk.data.network.template import fill_from_template
from xhdesk.ui.network.organisation_dialog import OrganisationDialog


def test_rename_merge_and_retire_from_the_dialog(qtbot, store, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *a: said.append(text)
    )
    monkeypatch.setattr("xhdesk.ui.network.organisation_dialog.confirm", lambda *a, **k: True)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("交通运输新业态党委", True)
    )
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getItem",
        lambda _p, _t, _l, items, *a: (next(i for i in items if "KD" in i), True),
    )
    fill_from_template(store)
    codes = {u.code: u.id for u in org.list_org_units(store, "committee")}
    org.create_unit(store, "station", {"name": "城东驿站", "committee_id": codes["JT"]})
    dialog = OrganisationDialog(store)
    qtbot.addWidget(dialog)
    changed: list[object] = []
    dialog.changed.connect(changed.append)
    page = dialog.page("committee")
    page.buttons["rename"].click()
    assert said == ["请先在列表中选中一行。"]
    page.select_name("交通运输行业党委")
    page.buttons["rename"].click()
    assert [u.name for u in page.units if u.code == "JT"] == ["交通运输新业态党委"]
    page.select_name("交通运输新业态党委")
    page.buttons["merge"].click()  # JT into KD: its station follows
    assert "JT" not in [u.code for u in page.units]
    assert "快递外卖行业党委" in dialog.page("station").units[0].detail
    page = dialog.page("committee")
    page.select_name("网络名人行业党委")
    page.buttons["retire"].click()
    assert [u.code for u in page.units] == ["KD"]
    assert len(changed) == 3
