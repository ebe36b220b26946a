"""The main window: menus, the tabs (工作概览 first), the status bar; geometry remembered between runs.

The window is built in two steps so that it appears at once: ``MainWindow()`` is the shell (menu
bar, tab bar, status bar — Qt only), and ``attach_store`` loads the data layer, fills the menus and
builds the current tab. Each tab is built the first time it is shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xhdesk import APP_TITLE, __version__
from xhdesk.data.core import paths
from xhdesk.data.core.vocab import ROLES, label
from xhdesk.i18n import tr
from xhdesk.ui.common.qt_translations import install_qt_translations

if TYPE_CHECKING:
    from xhdesk.data.core.store import Store
    from xhdesk.data.core.unit_of_work import Changes
    from xhdesk.ui.common.tab import Tab

# (title, module, class): imported when the tab is first shown.
TAB_SPECS = [
    ("工作概览", "xhdesk.ui.overview.overview_tab", "OverviewTab"),
    ("驿站阵地", "xhdesk.ui.registry.stations_tab", "StationsTab"),
    ("党员队伍", "xhdesk.ui.registry.members_tab", "MembersTab"),
    ("积分审核", "xhdesk.ui.points.points_tab", "PointsTab"),
    ("诉求服务", "xhdesk.ui.requests.requests_tab", "RequestsTab"),
    ("活动学习", "xhdesk.ui.activities.activities_tab", "ActivitiesTab"),
]


class _LazyPage(QWidget):
    """The tab widget's page; the real tab is put inside it when first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


WRITE_METHODS = ("action_new", "action_edit", "action_delete")

MENU_TITLES = {
    "file": "文件",
    "edit": "编辑",
    "sync": "同步",
    "print": "打印",
    "tools": "工具",
    "help": "帮助",
}


DEFAULT_SIZE = QSize(1280, 680)  # fits 1366×768 with a taskbar and the title bar
FRAME_ALLOWANCE = QSize(16, 40)  # window frame and title bar around the client area


def default_size(available: QSize) -> QSize:
    """The first-run window size: 1280×680, smaller on a smaller screen (status bar visible)."""
    room = available - FRAME_ALLOWANCE
    return QSize(min(DEFAULT_SIZE.width(), room.width()), min(DEFAULT_SIZE.height(), room.height()))


class MainWindow(QMainWindow):
    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # What to do when a database cannot be opened (the error screen); set by the launcher so
        # that the window's features need not import it.
        self.open_failed: Callable[[MainWindow, BaseException, Path], None] | None = None
        install_qt_translations()
        self.store: Store = None  # type: ignore[assignment]  # set by attach_store
        self.setWindowTitle(APP_TITLE)
        icon = paths.resources_dir() / "xhdesk.png"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._pages: dict[int, Tab] = {}
        self._tab_actions: dict[str, QAction] = {}
        self._attached = False
        # Told once the first rows of the current tab are on screen (the start-up bench).
        self.on_first_rows: Callable[[], None] | None = None
        for title, _module, _cls in TAB_SPECS:
            self.tabs.addTab(_LazyPage(self.tabs), tr(title))
        self.status_label = QLabel(tr("正在打开数据库…"), self)
        self.sync_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)
        self.place_label = QLabel(self)  # which place this database is (the node)
        self.statusBar().addPermanentWidget(self.place_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.setup_wizard: QWidget | None = None  # the first-run wizard while it is open
        self.menus: dict[str, QMenu] = {
            key: self.menuBar().addMenu(tr(t)) for key, t in MENU_TITLES.items()
        }
        self._restore_geometry()
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        """Open the window on ``store``: title, menus, the current tab, the sync label."""
        self.store = store
        if self.centralWidget() is not self.tabs:  # leaving the error screen
            self.setCentralWidget(self.tabs)
        self._attached = True
        place = f"{store.node_name}（{label(ROLES, store.node_role)}）"
        self.setWindowTitle(f"{APP_TITLE} — {place} — {store.path.name}")
        from xhdesk.data.registry.units import node_summary

        summary = node_summary(store)
        unit = " · ".join(v for v in (summary["unit"], summary["code"]) if v)
        self.place_label.setText(tr(f"本节点：{place}" + (f" · {unit}" if unit else "")))
        self.place_label.setToolTip(tr(f"数据库：{store.path}"))
        # The current tab first, painted at once: its rows are what the person waits for; the
        # menus (eight capabilities' modules to import) follow while they read.
        self._on_tab_changed(self.tabs.currentIndex())
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the tab gets its size
        self.repaint()
        if self.on_first_rows is not None:
            self.on_first_rows()
        self._build_menus()
        self._install_features()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._update_tab_actions(self.current_tab())
        self.update_sync_label()

    def reload_store(self, store: Store) -> None:
        """Show another (or a restored) database in this window: tabs and menus built anew.

        The person signed in stays signed in when the other file has the same account (a restored
        backup of this node); otherwise nobody is, and the file's own accounts apply next time.
        """
        previous = self.store.user if self.store is not None else None
        if previous is not None and store.user is None:
            from xhdesk.data.users.signin import carry_over

            carry_over(store, previous)
        self._detach()
        self.attach_store(store)

    def _detach(self) -> None:
        """Forget the tabs and menus built for the previous database (if any)."""
        for tab in self._pages.values():
            tab.setParent(None)
            tab.deleteLater()
        self._pages.clear()
        for menu in self.menus.values():
            menu.clear()
        self._tab_actions = {}  # cleared with their menus
        if self._attached:
            self.tabs.currentChanged.disconnect(self._on_tab_changed)
            self._attached = False

    def show_open_error(self, screen: QWidget) -> None:
        """Put ``screen`` (what went wrong, what to do) where the tabs were; keep the tabs."""
        self._detach()  # no menu action may reach a database that is not open
        self.store = None  # type: ignore[assignment]
        if self.centralWidget() is self.tabs:
            self.takeCentralWidget()
        self.setCentralWidget(screen)
        screen.show()
        self.status_label.setText(tr("未打开数据库"))

    # -- tabs ----------------------------------------------------------------------------------
    def page(self, index: int) -> Tab:
        """The tab at ``index``, built on first use so that start-up stays quick."""
        tab = self._pages.get(index)
        if tab is None:
            _title, module, name = TAB_SPECS[index]
            tab = getattr(importlib.import_module(module), name)(self.store, self)
            tab.status_changed.connect(lambda text, t=tab: self._on_tab_status(t, text))
            tab.data_changed.connect(self.broadcast_changes)
            self.tabs.widget(index).layout().addWidget(tab)
            tab.show()  # now, not when the layout's queued show runs: it is painted at once
            self._pages[index] = tab
            if self.store.user is not None:
                from xhdesk.ui.users.menu import apply_to_tab

                apply_to_tab(tab, self.store.user.role)
        return tab

    @property
    def tab_pages(self) -> list[Tab]:
        """Every tab (building those not yet opened)."""
        return [self.page(i) for i in range(len(TAB_SPECS))]

    def built_tabs(self) -> list[Tab]:
        return list(self._pages.values())

    def current_tab(self) -> Tab:
        return self.page(self.tabs.currentIndex())

    def _on_tab_status(self, tab: Tab, text: str) -> None:
        if tab is self.current_tab():
            self.status_label.setText(text)

    def _on_tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.status_label.setText(tab.status_text())
        self._update_tab_actions(tab)

    def broadcast_changes(self, changes: Changes) -> None:
        """After a write (or an import), every other tab decides whether to refresh."""
        sender = self.sender()
        for tab in self.built_tabs():
            if tab is not sender:
                tab.on_changes(changes)
        self.update_sync_label()

    def refresh_current(self) -> None:
        """F5: reload the current tab from the database."""
        self.current_tab().refresh()
        self.update_sync_label()

    def refresh_all(self) -> None:
        for tab in self.built_tabs():
            tab.refresh()
        self.update_sync_label()

    def update_sync_label(self) -> None:
        text = tr("尚未与其他节点同步")
        try:
            from xhdesk.data.sync import last_exchange  # provided by the sync capability
        except ImportError:
            last_exchange = None
        if last_exchange is not None:
            last = last_exchange(self.store)
            if last is not None:
                when, peer = last
                text = tr(f"上次同步：{when:%m月%d日 %H:%M}（{peer}）")
        self.sync_label.setText(text)

    # -- menus ---------------------------------------------------------------------------------
    def _act(
        self, menu: QMenu, icon: str | None, text: str, slot: object, shortcut: object = None
    ) -> QAction:
        from xhdesk.ui.common.icons import qta  # icon fonts load after the window is on screen

        action = menu.addAction(qta.icon(icon, color="#444") if icon else QIcon(), tr(text))
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _tab_action(
        self, menu: QMenu, icon: str, text: str, method: str, shortcut: object = None
    ) -> None:
        """A menu action forwarded to the current tab; disabled on tabs that do not offer it."""
        action = self._act(
            menu, icon, text, lambda: getattr(self.current_tab(), method)(), shortcut
        )
        self._tab_actions[method] = action

    def _build_menus(self) -> None:
        m = self.menus
        self._tab_actions = {}
        self._act(m["file"], "fa5s.folder-open", "打开数据库目录", self._open_data_dir)
        m["file"].addSeparator()
        self._act(m["file"], None, "退出", self.close, QKeySequence.StandardKey.Quit)
        self._tab_action(m["edit"], "fa5s.plus", "新增", "action_new", QKeySequence.StandardKey.New)
        self._tab_action(m["edit"], "fa5s.pen", "编辑", "action_edit")
        self._tab_action(
            m["edit"], "fa5s.trash-alt", "删除", "action_delete", QKeySequence.StandardKey.Delete
        )
        m["edit"].addSeparator()
        self._tab_action(
            m["edit"], "fa5s.search", "查找", "focus_search", QKeySequence.StandardKey.Find
        )
        self._tab_action(
            m["print"], "fa5s.print", "打印当前页面", "action_print", QKeySequence.StandardKey.Print
        )
        self._act(
            m["tools"], "fa5s.sync", "刷新", self.refresh_current, QKeySequence(Qt.Key.Key_F5)
        )
        self._tab_action(m["tools"], "fa5s.file-excel", "导出当前列表到Excel", "action_export")
        self._act(m["help"], "fa5s.folder", "打开日志目录", self._open_log_dir)
        self._act(m["help"], "fa5s.info-circle", "关于", self._about)

    def _update_tab_actions(self, tab: Tab) -> None:
        from xhdesk.data.users.roles import can_write
        from xhdesk.ui.common.tab import Tab

        writer = can_write(self.store.user.role if self.store.user else None)
        for method, action in self._tab_actions.items():
            offered = getattr(type(tab), method) is not getattr(Tab, method)
            action.setEnabled(offered and (writer or method not in WRITE_METHODS))

    def _install_features(self) -> None:
        """Each capability adds its menu actions here (one line each)."""
        from xhdesk.ui.backup import menu as backup_menu
        from xhdesk.ui.check import menu as check_menu
        from xhdesk.ui.imports import menu as imports_menu
        from xhdesk.ui.network import file_menu as network_file_menu
        from xhdesk.ui.network import menu as network_menu
        from xhdesk.ui.printing import menu as printing_menu
        from xhdesk.ui.sync import menu as sync_menu
        from xhdesk.ui.users import menu as users_menu

        imports_menu.install(self)
        network_file_menu.install(self)  # after 导入: 新建 / 打开 / 最近使用 come first
        printing_menu.install(self)
        sync_menu.install(self)
        backup_menu.install(self)
        users_menu.install(self)
        check_menu.install(self)
        network_menu.install(self)

    def on_user_changed(self) -> None:
        """Another account signed in (切换用户): say who, and offer what their role may do."""
        from xhdesk.ui.users import menu as users_menu

        users_menu.apply_user(self)

    def _open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.path.parent)))

    def _open_log_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            tr("关于"),
            tr(
                f"<b>{APP_TITLE}</b><br>版本 {__version__}<br><br>本节点：{self.store.node_name}"
                f"（{label(ROLES, self.store.node_role)}）<br>数据库：{self.store.path}"
            ),
        )

    # -- remembered between runs ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = QSettings("xhdesk", "xhdesk")
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(default_size(self.screen().availableGeometry().size()))
        self.tabs.setCurrentIndex(int(s.value("window/tab", 0)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        s = QSettings("xhdesk", "xhdesk")
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/tab", self.tabs.currentIndex())
        for tab in self.built_tabs():
            save = getattr(tab, "save_settings", None)
            if save is not None:
                save()
        super().closeEvent(event)
