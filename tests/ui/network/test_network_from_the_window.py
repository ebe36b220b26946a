"""Issue 11 (Done when): from an empty folder to a working network, only through the window.

A centre is made from the template, a committee, a branch and a station are created, three node
files are issued, three new databases join with them, and packages go centre → each node and
back, with the 同步 menu's own dialogs. File dialogs are answered by a monkeypatched getter;
message boxes are recorded. Set XHDESK_SHOTS=<folder> to keep a screenshot of every step.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QWizard
from signin_helpers import finish_sign_in

from xhdesk.data.check.run import check
from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.network import organisation as org
from xhdesk.data.registry.persons import update_person
from xhdesk.data.sync.nodes import list_nodes

SIZE = (1366, 728)  # 1366×768 less the taskbar
SHOTS = os.environ.get("XHDESK_SHOTS")


class Answers:
    """What the file dialogs answer, in order."""

    def __init__(self) -> None:
        self.queue: list[str] = []

    def __call__(self, *_args, **_kwargs) -> tuple[str, str]:
        return (self.queue.pop(0) if self.queue else "", "")


@pytest.fixture
def answers(monkeypatch) -> Answers:
    a = Answers()
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", a)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", a)
    return a


@pytest.fixture
def messages(monkeypatch) -> list[str]:
    said: list[str] = []

    def record(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        said.append(text)

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", record)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", record)
    monkeypatch.setattr("xhdesk.ui.common.messages.confirm", lambda *a, **k: True)
    monkeypatch.setattr("xhdesk.ui.network.nodes_dialog.confirm", lambda *a, **k: True)
    return said


def shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def find_action(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text() == text:
            return action
    raise AssertionError(f"no menu action {text}: {[a.text() for a in menu.actions()]}")


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions()]


def new_window(qtbot, path: Path):  # noqa: ANN201 — MainWindow with its first-run wizard open
    from xhdesk.ui.app import open_into, show_shell

    window = show_shell()
    qtbot.addWidget(window)
    window.resize(*SIZE)
    assert open_into(window, str(path), demo=False, daily_backup=False) is True
    return window, window.setup_wizard


def create_centre(qtbot, path: Path):  # noqa: ANN201
    window, wizard = new_window(qtbot, path)
    shot(wizard, "01-wizard-choice")
    wizard.choice.centre.click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.centre.template.click()
    shot(wizard, "02-wizard-centre")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.created, timeout=30_000)  # written off the UI thread
    shot(window.login_dialog, "03-first-admin")
    finish_sign_in(window)
    shot(window, "04-centre-window")
    return window


def join(qtbot, answers: Answers, path: Path, node_file: Path, passphrase: str, name: str):  # noqa: ANN201
    window, wizard = new_window(qtbot, path)
    wizard.choice.join.click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    answers.queue.append(str(node_file))
    wizard.join.browse.click()
    wizard.join.passphrase.setText(passphrase)
    shot(wizard, f"10-wizard-join-{name}")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.created, timeout=30_000)  # written off the UI thread
    finish_sign_in(window)
    return window


def create_unit(qtbot, dialog, kind: str, name: str, code: str = "", committee: str = "") -> None:
    page = dialog.page(kind)
    page.buttons["new"].click()
    editor = dialog.editor
    editor.name.setText(name)
    editor.code.setText(code)
    if committee:
        editor.parent_box.setCurrentIndex(editor.parent_box.findText(committee))
    shot(editor, f"05-new-{kind}")
    editor.buttons.button(editor.buttons.StandardButton.Ok).click()
    assert any(u.name == name for u in page.units)


def issue(qtbot, answers: Answers, nodes, place: str, out: Path, passphrase: str = "") -> str:
    nodes.buttons["issue"].click()
    dialog = nodes.issue_dialog
    dialog.place.setCurrentIndex(dialog.place.findText(place))
    dialog.passphrase.setText(passphrase)
    answers.queue.append(str(out))
    dialog.browse.click()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.enrolled is not None, timeout=20_000)
    shot(dialog, f"07-issued-{out.stem}")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # 关闭
    assert out.exists()
    return dialog.enrolled.passphrase


def run_modal(trigger, drive) -> None:  # noqa: ANN001
    """Trigger a menu action that opens a modal dialog, and drive the dialog once it is up."""

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        drive(dialog)

    QTimer.singleShot(0, later)
    trigger()


def export_to(qtbot, window, peer_name: str, out: Path) -> None:
    def drive(dialog) -> None:  # noqa: ANN001
        index = next(
            i for i in range(dialog.peer.count()) if dialog.peer.itemText(i).startswith(peer_name)
        )
        dialog.peer.setCurrentIndex(index)
        dialog.path.setText(str(out))
        shot(dialog, f"20-export-{window.store.node_name}")
        dialog.on_export_clicked()

    run_modal(find_action(window.menus["sync"], "导出同步包…").trigger, drive)
    assert out.exists()


def import_from(qtbot, window, package: Path) -> None:
    def drive(dialog) -> None:  # noqa: ANN001
        dialog.path.setText(str(package))
        dialog.imported.connect(lambda _r: QTimer.singleShot(0, dialog.accept))
        dialog.on_import_clicked()

    run_modal(find_action(window.menus["sync"], "导入同步包…").trigger, drive)


def committee_adds_a_station(qtbot, window) -> None:  # noqa: ANN001 — the committee's window
    find_action(window.menus["tools"], "组织架构…").trigger()
    dialog = window.organisation_dialog
    page = dialog.page("station")
    page.buttons["new"].click()
    editor = dialog.editor
    assert [editor.parent_box.itemText(i) for i in range(editor.parent_box.count())] == [
        "QS 外卖骑手行业党委"
    ]
    editor.name.setText("城北驿站")
    editor.buttons.button(editor.buttons.StandardButton.Ok).click()
    assert [u.code for u in page.units if u.name == "城北驿站"] == ["S02"]
    shot(dialog, "12-committee-organisation")
    for kind in ("committee", "department", "service_kind"):  # the centre's to manage
        assert not any(b.isEnabled() for b in dialog.page(kind).buttons.values())
    dialog.accept()
    with pytest.raises(PermissionDenied):
        org.create_unit(
            window.store,
            "branch",
            {"name": "越权支部", "kind": "mobile", "committee_id": _id_of(window, "KD")},
        )


def _id_of(window, code: str) -> str:  # noqa: ANN001
    return next(u.id for u in org.list_org_units(window.store, "committee") if u.code == code)


def full_id(n: int) -> str:
    from xhdesk.data.core.validation import id_check_char

    first17 = f"32128119900{n % 10}01{n:03d}"[:17]
    return first17 + id_check_char(first17)


def person_dialog(window, row_id: str | None, drive) -> None:  # noqa: ANN001
    """新增 / 编辑 on 党员队伍, the person dialog driven by ``drive``."""
    window.tabs.setCurrentIndex(2)
    tab = window.current_tab()
    run_modal(lambda: tab.open_editor(row_id), drive)


def add_person(window, name: str, id_number: str, station: str) -> None:  # noqa: ANN001
    def drive(d) -> None:  # noqa: ANN001
        d.widget("name").setText(name)
        d.widget("occupation").setCurrentIndex(d.widget("occupation").findData("rider"))
        d.widget("id_number").setText(id_number)
        pick_station(d, station)
        shot(d, "30-new-person")
        d.ok_button.click()

    person_dialog(window, None, drive)


def pick_station(d, station: str) -> None:  # noqa: ANN001
    box = d.widget("station_id")
    box.setCurrentIndex(next(i for i in range(box.count()) if station in box.itemText(i)))


def person_id(window, name: str) -> str:  # noqa: ANN001
    with window.store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT id FROM person WHERE name = ?", (name,)).scalar()


def file_holds(path: Path, text: str) -> bool:
    """Whether the database file (and its WAL) holds ``text`` anywhere, read byte by byte."""
    data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    return text.encode("utf-8") in data


def round_trip(qtbot, centre, window, place: str, folder: Path, name: str) -> None:  # noqa: ANN001
    package = folder / f"{name}.xhsync"
    export_to(qtbot, centre, place, package)
    import_from(qtbot, window, package)


def test_from_an_empty_folder_to_a_working_network(qtbot, tmp_path, answers, messages):
    folder = tmp_path / "网络"
    folder.mkdir()
    # The windows open on 驿站阵地 (remembered tab): four 工作概览 with charts are slow to redraw
    # after every import, and they are not what this test is about.
    QSettings("xhdesk", "xhdesk").setValue("window/tab", 1)
    centre = create_centre(qtbot, folder / "中心.sqlite3")
    assert "兴化市服务中心（中心节点）" in centre.windowTitle()
    assert "兴化市服务中心" in centre.place_label.text()

    # 工具 → 组织架构: a committee, a branch and a station
    find_action(centre.menus["tools"], "组织架构…").trigger()
    organisation = centre.organisation_dialog
    organisation.resize(900, 560)
    create_unit(qtbot, organisation, "committee", "外卖骑手行业党委", code="QS")
    create_unit(
        qtbot, organisation, "branch", "城东骑手流动党支部", committee="QS 外卖骑手行业党委"
    )
    create_unit(qtbot, organisation, "station", "城东暖蜂驿站", committee="QS 外卖骑手行业党委")
    shot(organisation, "06-organisation")
    organisation.accept()
    units = {
        u.name: u.code
        for k in ("committee", "branch", "station")
        for u in org.list_org_units(centre.store, k)
    }
    assert units["外卖骑手行业党委"] == "QS" and units["城东骑手流动党支部"] == "B01"
    assert units["城东暖蜂驿站"] == "S01"

    # 同步 → 节点管理: three node files, one with a typed passphrase, two generated
    find_action(centre.menus["sync"], "节点管理…").trigger()
    nodes = centre.nodes_dialog
    files = {name: folder / f"{name}.xhnode" for name in ("committee", "branch", "station")}
    secrets = {
        "committee": issue(
            qtbot, answers, nodes, "行业党委：QS 外卖骑手行业党委", files["committee"], "水乡红2026"
        ),
        "branch": issue(qtbot, answers, nodes, "党支部：B01 城东骑手流动党支部", files["branch"]),
        "station": issue(qtbot, answers, nodes, "驿站：S01 城东暖蜂驿站", files["station"]),
    }
    assert secrets["committee"] == "水乡红2026" and len(secrets["station"]) >= 8
    assert nodes.table.rowCount() == 4
    shot(nodes, "08-nodes")

    # three new databases join with them
    places = {
        "committee": "外卖骑手行业党委",
        "branch": "城东骑手流动党支部",
        "station": "城东暖蜂驿站",
    }
    windows = {
        kind: join(qtbot, answers, folder / f"{kind}.sqlite3", files[kind], secrets[kind], kind)
        for kind in files
    }
    for kind, window in windows.items():
        assert places[kind] in window.windowTitle() and f"{kind}.sqlite3" in window.windowTitle()
        assert places[kind] in window.place_label.text()
    shot(windows["station"], "11-station-window")

    # the window offers only what the place may do
    assert "组织架构…" in texts(windows["committee"].menus["tools"])
    for kind in ("branch", "station"):
        assert "组织架构…" not in texts(windows[kind].menus["tools"])
    for window in windows.values():
        assert "节点管理…" not in texts(window.menus["sync"])

    # packages centre → each node, and back
    for kind, window in windows.items():
        package = folder / f"中心-{kind}.xhsync"
        export_to(qtbot, centre, places[kind], package)
        import_from(qtbot, window, package)
        shot(window, f"22-{kind}-after-import")
        names = {u.name for u in org.list_org_units(window.store, "station")}
        assert "城东暖蜂驿站" in names
        if kind == "committee":  # a committee adds a station below itself, and only there
            committee_adds_a_station(qtbot, window)
        back = folder / f"{kind}-中心.xhsync"
        export_to(qtbot, window, "兴化市服务中心", back)
        import_from(qtbot, centre, back)
    assert "城北驿站" in {u.name for u in org.list_org_units(centre.store, "station")}
    # data by place: the station holds full records of its own people only
    add_person(centre, "甲骑手", full_id(1), "城东暖蜂驿站")
    add_person(centre, "乙骑手", full_id(2), "城北驿站")
    station = windows["station"]
    round_trip(qtbot, centre, station, places["station"], folder, "中心-驿站-2")
    station_db = station.store.path
    assert file_holds(station_db, full_id(1)) and not file_holds(station_db, full_id(2))
    station.tabs.setCurrentIndex(2)
    shot(station, "31-station-people")

    # a step outside the place: the station is not offered the editor, the service refuses it
    outsider = person_id(station, "乙骑手")

    before = len(messages)
    station.tabs.setCurrentIndex(2)
    station.current_tab().open_editor(outsider)  # 编辑 on 乙: refused before any form opens
    assert [m for m in messages[before:] if "只能办理本驿站范围内的事务" in m], messages[before:]
    del messages[before:]
    with pytest.raises(PermissionDenied, match="只能办理本驿站范围内的事务"):
        update_person(station.store, outsider, {"address": "越权修改的住址"})
    with station.store.engine.connect() as conn:
        address = conn.exec_driver_sql(
            "SELECT address FROM person WHERE id = ?", (outsider,)
        ).scalar()
    assert address != "越权修改的住址"

    # 乙 moves to the station: the next package brings the full record
    def move(d) -> None:  # noqa: ANN001
        pick_station(d, "城东暖蜂驿站")
        d.ok_button.click()

    person_dialog(centre, person_id(centre, "乙骑手"), move)
    round_trip(qtbot, centre, station, places["station"], folder, "中心-驿站-3")
    assert file_holds(station_db, full_id(2))

    seen = {n.name: n.last_package_at for n in list_nodes(centre.store)}
    assert all(seen[places[kind]] for kind in places), seen
    nodes.reload()
    shot(nodes, "21-nodes-after-sync")
    assert not [m for m in messages if "无法" in m or "错误" in m], messages
    for window in (centre, *windows.values()):  # 数据体检 finds nothing on any of them
        assert [(f.kind, f.table) for f in check(window.store).findings] == []
        window.store.close()
