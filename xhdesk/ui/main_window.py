"""The main window: menus, the four tabs, the status bar; geometry remembered between runs.

The window is built in two steps so that it appears at once: ``MainWindow()`` is the shell (menu
bar, tab bar, status bar — Qt only), and ``attach_store`` loads the data layer, fills the menus and
builds the current tab. Each tab is built the first time it is shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
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

if TYPE_CHECKING:
    from xhdesk.data.core.store import Store
    from xhdesk.data.core.unit_of_work import Changes
    from xhdesk.ui.common.tab import Tab

# (title, module, class): imported when the tab is first shown.
TAB_SPECS = [
    ("驿站阵地", "xhdesk.ui.registry.stations_tab", "StationsTab"),
    ("党员队伍", "xhdesk.ui.registry.members_tab", "MembersTab"),
    ("积分审核", "xhdesk.ui.points.points_tab", "PointsTab"),
    ("诉求服务", "xhdesk.ui.requests.requests_tab", "RequestsTab"),
]


class _LazyPage(QWidget):
    """The tab widget's page; the real tab is put inside it when first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


MENU_TITLES = {
    "file": "文件",
    "edit": "编辑",
    "sync": "同步",
    "print": "打印",
    "tools": "工具",
    "help": "帮助",
}


class MainWindow(QMainWindow):
    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store = None  # type: ignore[assignment]  # set by attach_store
        self.setWindowTitle(APP_TITLE)
        icon = paths.resources_dir() / "xhdesk.png"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._pages: dict[int, Tab] = {}
        for title, _module, _cls in TAB_SPECS:
            self.tabs.addTab(_LazyPage(self.tabs), tr(title))
        self.status_label = QLabel(tr("正在打开数据库…"), self)
        self.sync_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.menus: dict[str, QMenu] = {
            key: self.menuBar().addMenu(tr(t)) for key, t in MENU_TITLES.items()
        }
        self._restore_geometry()
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        """Open the window on ``store``: title, menus, the current tab, the sync label."""
        self.store = store
        self.setWindowTitle(f"{APP_TITLE} — {store.node_name}（{label(ROLES, store.node_role)}）")
        self._build_menus()
        self._install_features()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._on_tab_changed(self.tabs.currentIndex())
        self.update_sync_label()

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
            self._pages[index] = tab
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
        import qtawesome as qta  # icon fonts load after the window is on screen

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
        self._tab_actions: dict[str, QAction] = {}
        self._act(m["file"], "fa5s.folder-open", "打开数据库目录", self._open_data_dir)
        m["file"].addSeparator()
        self._act(m["file"], None, "退出", self.close, QKeySequence.StandardKey.Quit)
        self._tab_action(m["edit"], "fa5s.plus", "新增", "action_new", QKeySequence.StandardKey.New)
        self._tab_action(m["edit"], "fa5s.pen", "编辑", "action_edit")
        self._tab_action(m["edit"], "fa5s.trash-alt", "删除", "action_delete")
        m["edit"].addSeparator()
        self._tab_action(
            m["edit"], "fa5s.search", "查找", "focus_search", QKeySequence.StandardKey.Find
        )
        self._tab_action(m["print"], "fa5s.print", "打印当前页面", "action_print")
        self._act(m["tools"], "fa5s.sync", "刷新", self.refresh_all, QKeySequence(Qt.Key.Key_F5))
        self._tab_action(m["tools"], "fa5s.file-excel", "导出当前列表到Excel", "action_export")
        self._act(m["help"], "fa5s.folder", "打开日志目录", self._open_log_dir)
        self._act(m["help"], "fa5s.info-circle", "关于", self._about)

    def _update_tab_actions(self, tab: Tab) -> None:
        from xhdesk.ui.common.tab import Tab

        for method, action in self._tab_actions.items():
            action.setEnabled(getattr(type(tab), method) is not getattr(Tab, method))

    def _install_features(self) -> None:
        """Each capability adds its menu actions here (one line each)."""
        from xhdesk.ui.check import menu as check_menu
        from xhdesk.ui.printing import menu as printing_menu
        from xhdesk.ui.sync import menu as sync_menu

        printing_menu.install(self)
        sync_menu.install(self)
        check_menu.install(self)

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
            self.resize(1280, 800)
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
