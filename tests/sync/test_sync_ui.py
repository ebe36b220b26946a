"""The 同步 menu's dialogs: export to a peer, import with a summary, peers, conflicts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from synckit import add_person, edit, open_nodes

from xhdesk.data.models import Person
from xhdesk.data.sync import export_package, import_package, list_conflicts
from xhdesk.ui.sync.conflicts_dialog import ConflictsDialog
from xhdesk.ui.sync.export_dialog import ExportDialog
from xhdesk.ui.sync.import_dialog import ImportDialog
from xhdesk.ui.sync.peers_dialog import PeersDialog

SHOTS = None  # set to a folder path to save screenshots while developing


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 3)
    yield stores
    for s in stores:
        s.close()


def _shot(widget, name):
    if SHOTS:
        widget.grab().save(f"{SHOTS}/{name}.png")


def test_export_dialog_writes_a_package_for_the_chosen_peer(qtbot, nodes, tmp_path, monkeypatch):
    monkeypatch.setattr("xhdesk.ui.sync.export_dialog.inform", lambda *a, **k: None)
    centre, station = nodes[0], nodes[2]
    add_person(centre, "张三", 1)
    dialog = ExportDialog(centre)
    qtbot.addWidget(dialog)
    names = [dialog.peer.itemText(i) for i in range(dialog.peer.count())]
    assert any(station.node_name in n for n in names)
    dialog.peer.setCurrentIndex(next(i for i, n in enumerate(names) if station.node_name in n))
    dialog.path.setText(str(tmp_path / "out.xhsync"))
    dialog.show()
    _shot(dialog, "export")
    dialog.on_export_clicked()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.peer.id == station.node_id and (tmp_path / "out.xhsync").exists()


def test_import_dialog_shows_new_updated_conflicts_refused(qtbot, nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    export_package(centre, tmp_path / "0.xhsync")
    import_package(station, tmp_path / "0.xhsync")
    edit(centre, Person, pid, phone="13800000001")
    edit(station, Person, pid, phone="13900000002")
    add_person(station, "李四", 2)
    export_package(station, tmp_path / "s.xhsync")
    opened = []
    dialog = ImportDialog(centre, show_conflicts=lambda: opened.append(True))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "s.xhsync"))
    dialog.show()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.on_import_clicked()
    assert dialog.numbers["inserted"].text() == "1"
    assert dialog.numbers["conflicts"].text() == "1"
    assert dialog.numbers["refused"].text() == "0"
    assert "冲突 1 条待处理" in dialog.message.text()
    assert dialog.conflicts_button.isVisible()
    _shot(dialog, "import")
    dialog.on_conflicts_clicked()
    assert opened == [True]


def test_import_dialog_reports_a_damaged_file_and_changes_nothing(
    qtbot, nodes, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(
        "xhdesk.ui.sync.import_dialog.show_error", lambda _p, exc: shown.append(str(exc))
    )
    bad = tmp_path / "bad.xhsync"
    bad.write_bytes(b"PK\x03\x04 not a package")
    dialog = ImportDialog(nodes[0])
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.on_import_clicked()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "已拒绝" in shown[0] and "未导入" in dialog.message.text()
    assert dialog.report is None


def test_conflicts_view_shows_both_values_and_the_pick_becomes_a_change(qtbot, nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    pid = add_person(centre, "张三", 1)
    export_package(centre, tmp_path / "0.xhsync")
    import_package(station, tmp_path / "0.xhsync")
    edit(centre, Person, pid, town="戴南镇")
    edit(station, Person, pid, town="张郭镇")
    export_package(station, tmp_path / "s.xhsync")
    import_package(centre, tmp_path / "s.xhsync")
    dialog = ConflictsDialog(centre)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 520)
    dialog.show()
    assert dialog.model.rowCount() == 1
    row = dialog.current()
    assert row.record == "从业人员 · 张三" and row.field == "镇街"
    assert {row.shown, row.other} == {"戴南镇", "张郭镇"}
    assert "城东暖蜂驿站" in row.shown_by + row.other_by
    _shot(dialog, "conflicts")
    other = row.other
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.other.keep.click()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    assert list_conflicts(centre) == []
    with centre.session() as s:
        assert s.get(Person, pid).town == other


def test_peers_list_shows_every_other_node_and_the_last_exchange(qtbot, nodes, tmp_path):
    centre, station = nodes[0], nodes[2]
    export_package(centre, tmp_path / "p.xhsync", station.node_id)
    dialog = PeersDialog(centre)
    qtbot.addWidget(dialog)
    dialog.show()
    _shot(dialog, "peers")
    rows = {dialog.model.row_at(i).name: i for i in range(dialog.model.rowCount())}
    assert station.node_name in rows and centre.node_name not in rows
    when = dialog.model.index(rows[station.node_name], 2).data()
    assert when != "从未交换"
    # tidy (issue 14): as tall as its rows, not a large empty area below them
    rows_height = sum(dialog.view.rowHeight(r) for r in range(dialog.model.rowCount()))
    spare = dialog.view.viewport().height() - rows_height
    assert spare < 2 * dialog.view.rowHeight(0)


def test_the_window_has_the_sync_menu(qtbot, nodes):
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow(nodes[0])
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menus["sync"].actions()]
    assert {"导出同步包…", "导入同步包…", "同步对象…", "冲突处理…"} <= set(texts)


def test_quarantine_lists_every_refused_change_and_exports_it(qtbot, nodes, tmp_path):
    import csv

    from synckit import forge

    from xhdesk.ui.sync.quarantine_dialog import QuarantineDialog

    centre, station = nodes[0], nodes[2]
    for n in range(25):  # more than the 20 the import summary lists
        forge(station, "person", f"p-{n}", "insert", {"id": f"p-{n}", "name": "李四"})
    path = tmp_path / "s.xhsync"
    export_package(station, path, centre.node_id)
    assert import_package(centre, path, backup=False).refused == 25
    dialog = QuarantineDialog(centre)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 480)
    dialog.show()
    _shot(dialog, "quarantine")
    assert dialog.model.rowCount() == 25
    row = dialog.model.row_at(0)
    assert row.origin == "城东暖蜂驿站" and row.author == "伪造" and row.op == "新增"
    assert "缺少必填字段" in row.reason and "李四" in row.tried
    assert dialog.export_to(tmp_path / "q.csv") == 25
    with (tmp_path / "q.csv").open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:3] == ["来源节点", "操作人", "拒绝原因"] and len(lines) == 26
