"""工具 → 数据体检: the check runs in the background, lists each finding, and 修复 fixes them."""

from __future__ import annotations

import sqlite3

from xhdesk.ui.check.check_dialog import CheckDialog

SHOTS = None  # set to a folder path to save screenshots while developing


def _corrupt(store) -> None:
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute(
        "UPDATE ledger_total SET points = points + 3 WHERE (person_id, year, category, kind) = "
        "(SELECT person_id, year, category, kind FROM ledger_total LIMIT 1)"
    )
    conn.execute(
        "UPDATE person SET phone = '13900000000' WHERE rowid = (SELECT min(rowid) FROM person)"
    )
    conn.close()


def test_findings_are_listed_and_repair_clears_them(qtbot, demo_store):
    _corrupt(demo_store)
    dialog = CheckDialog(demo_store, start=False)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 520)
    dialog.show()
    with qtbot.waitSignal(dialog.finished_check, timeout=120_000):
        dialog.on_check_clicked()
    assert dialog.table.rowCount() == 2
    kinds = {dialog.table.item(r, 0).text() for r in range(2)}
    assert kinds == {"派生数据不符", "与变更记录不符"}
    assert "发现 2 处问题" in dialog.summary.text()
    assert dialog.repair_button.isEnabled()
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/check-findings.png")
    with qtbot.waitSignal(dialog.repaired, timeout=120_000):
        dialog.on_repair_clicked(ask=False)
    assert dialog.table.rowCount() == 0
    assert "数据体检通过" in dialog.summary.text() and "已修复 2 处" in dialog.summary.text()
    assert not dialog.repair_button.isEnabled()


def test_the_tools_menu_offers_the_check(qtbot, store):
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menus["tools"].actions()]
    assert "数据体检…" in texts
