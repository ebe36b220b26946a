"""What ``install(window)`` adds to the 工具 menu: 数据体检."""

from __future__ import annotations

from typing import Any

from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta


def show_check(window: Any) -> None:
    from xhdesk.ui.check.check_dialog import CheckDialog

    dialog = CheckDialog(window.store, window)
    dialog.repaired.connect(lambda: window.refresh_all())
    dialog.exec()


def install(window: Any) -> None:
    menu = window.menus["tools"]
    menu.addSeparator()
    action = menu.addAction(qta.icon("fa5s.stethoscope", color="#444"), tr("数据体检…"))
    action.triggered.connect(lambda _=False: show_check(window))
