"""The window opens on the demo database with 工作概览 first, then the four list tabs."""

from __future__ import annotations

from xhdesk.ui.main_window import MainWindow


def test_window_shows_the_four_tabs_with_registry_rows(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["工作概览", "驿站阵地", "党员队伍", "积分审核", "诉求服务", "活动学习"]
    stations, members = window.tab_pages[1], window.tab_pages[2]
    assert stations.model.rowCount() == 81
    assert members.model.rowCount() == 600
    window.tabs.setCurrentIndex(1)
    assert "共 81 个阵地" in window.status_label.text()
    window.tabs.setCurrentIndex(2)
    assert "共 600 人" in window.status_label.text()
    assert "兴化市服务中心" in window.windowTitle() and "中心节点" in window.windowTitle()


def test_members_table_masks_id_numbers_and_phones(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    members = window.tab_pages[2]
    columns = [c.key for c in members.listing.columns]
    shown_id = members.model.index(0, columns.index("id_number")).data()
    shown_phone = members.model.index(0, columns.index("phone")).data()
    assert "********" in shown_id and len(shown_id) == 18
    assert "****" in shown_phone


def test_pinyin_initials_search_filters_the_members(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    members = window.tab_pages[2]
    window.tabs.setCurrentIndex(2)
    members.search_box.setText("wang")
    qtbot.waitUntil(lambda: 0 < members.model.rowCount() < 600, timeout=2000)
    names = {members.model.index(r, 0).data() for r in range(members.model.rowCount())}
    # the surname first (in pinyin order), and given names read "wang…" (issue 14) too
    assert any(n.startswith("王") for n in names)
    assert all("王" in n or "汪" in n or "旺" in n or "望" in n or "忘" in n for n in names), names
    assert "筛选出" in window.status_label.text()


def test_unusable_database_path_shows_the_error_screen(qtbot, tmp_path):
    """The window frame appears first; a database that cannot be opened is explained in place."""
    from xhdesk.ui.app import open_into, show_shell
    from xhdesk.ui.common.open_error import OpenErrorScreen

    window = show_shell()
    qtbot.addWidget(window)
    assert window.isVisible() and window.status_label.text() == "正在打开数据库…"
    assert open_into(window, str(tmp_path), demo=False) is False
    screen = window.centralWidget()
    assert isinstance(screen, OpenErrorScreen) and "文件夹" in screen.message.text()
    assert window.isVisible() and window.status_label.text() == "未打开数据库"


def test_the_frame_opens_on_a_database_after_it_is_shown(qtbot, demo_template):
    from xhdesk.ui.app import open_into, show_shell

    window = show_shell()
    qtbot.addWidget(window)
    assert open_into(window, str(demo_template), demo=False) is True
    login = window.login_dialog  # a database with accounts asks who is at the keyboard first
    login.login.setCurrentIndex(login.login.findData("admin"))
    login.password.setText("admin2026")
    login.on_ok_clicked()
    window.tabs.setCurrentIndex(1)
    assert window.current_tab().model.rowCount() > 0
    assert "兴化市服务中心" in window.windowTitle()
    window.store.close()


def test_screenshot_mode_writes_one_png_per_tab(qtbot, demo_template, tmp_path):
    from xhdesk.ui.app import run_window

    out = tmp_path / "shots"
    assert run_window(db=str(demo_template), screenshot=str(out)) == 0
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert pngs == [
        "01-工作概览.png",
        "02-驿站阵地.png",
        "03-党员队伍.png",
        "04-积分审核.png",
        "05-诉求服务.png",
        "06-活动学习.png",
    ]


def test_first_demo_run_builds_off_the_ui_thread_and_cancel_stops_it(qtbot, tmp_path, monkeypatch):
    """The demo database is written by a worker with progress; cancel leaves no database behind."""
    from xhdesk.data.core import paths
    from xhdesk.ui import app
    from xhdesk.ui.common import workers

    target = tmp_path / "demo.sqlite3"
    monkeypatch.setattr(paths, "demo_db", lambda: target)
    window = app.show_shell()
    qtbot.addWidget(window)
    exits: list[int] = []
    monkeypatch.setattr(app.make_app(), "exit", lambda code=0: exits.append(code))
    steps: list[int] = []

    def cancel_after_first_step(done: int, total: int) -> None:
        steps.append(done)
        raise workers.Cancelled

    real_build = app.build_demo_file
    monkeypatch.setattr(
        app, "build_demo_file", lambda path, on_step=None: real_build(path, cancel_after_first_step)
    )
    app._build_demo_then(window, lambda: exits.append(-1), app.make_app())
    assert "首次使用" in window.status_label.text()
    qtbot.waitUntil(lambda: exits == [2], timeout=60_000)
    assert steps == [1] and not target.exists()


def test_menu_actions_follow_what_the_current_tab_offers(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    enabled = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        enabled[window.tabs.tabText(index)] = {
            m for m, a in window._tab_actions.items() if a.isEnabled()
        }
    everything = {
        "action_new",
        "action_edit",
        "action_delete",
        "action_print",
        "action_export",
        "focus_search",
    }
    assert enabled["驿站阵地"] == enabled["党员队伍"] == everything
    # Declarations are append-only: nothing to edit or delete; 打印 prints the 积分公示.
    assert enabled["积分审核"] == {"action_new", "action_print", "action_export", "focus_search"}
    assert {"action_new", "action_print", "focus_search"} <= enabled["诉求服务"]
    # 工作概览 offers its period report (export and print), nothing to add, edit or delete.
    assert enabled["工作概览"] == {"action_print", "action_export"}
    assert "action_delete" not in enabled["诉求服务"]
    assert enabled["活动学习"] == {"action_new", "action_edit", "focus_search"}


def test_the_current_tabs_rows_are_painted_before_the_menus_are_built(qtbot, demo_template):
    """At start-up a person waits for rows, not for the eight capabilities' menus."""
    from xhdesk.ui.app import open_into, show_shell

    window = show_shell()
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(2)  # 党员队伍, as if closed there last time
    seen: list[tuple[int, int, bool]] = []

    def first_rows() -> None:
        table = window.current_tab().table
        seen.append(
            (len(window.menus["file"].actions()), table.model().rowCount(), table.isVisible())
        )

    window.on_first_rows = first_rows
    assert open_into(window, str(demo_template), demo=False) is True
    login = window.login_dialog
    login.login.setCurrentIndex(login.login.findData("admin"))
    login.password.setText("admin2026")
    login.on_ok_clicked()
    assert len(seen) == 1
    menus_then, rows, visible = seen[0]
    assert menus_then == 0 and rows > 0 and visible
    assert window.menus["file"].actions()  # and then the menus, in the same start
    window.store.close()
