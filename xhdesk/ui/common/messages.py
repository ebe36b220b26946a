"""Messages to the person at the keyboard: errors in words, confirmations, notices."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from xhdesk.data.core.errors import XhdeskError
from xhdesk.i18n import tr

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException | str, title: str = "") -> None:
    """A user/environment error shows its Chinese message; a bug shows a generic one and is logged."""
    from xhdesk.data.core.faults import is_environment_fault, storage_fault

    if isinstance(exc, str):
        text = exc
    elif isinstance(exc, XhdeskError):
        text = exc.message
    elif is_environment_fault(exc):  # disk full, file locked, read-only, damaged: in words
        log.warning("environment fault", exc_info=exc)
        text = storage_fault(exc).message
    else:
        log.error("unexpected error", exc_info=exc)
        text = tr("操作未完成：程序遇到意外错误。详细信息已写入日志（帮助 → 打开日志目录）。")
    QMessageBox.warning(parent, title or tr("提示"), text)


def confirm(parent: QWidget | None, text: str, title: str = "") -> bool:
    answer = QMessageBox.question(
        parent,
        title or tr("请确认"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, text: str, title: str = "") -> None:
    QMessageBox.information(parent, title or tr("完成"), text)


def ask_retry(parent: QWidget | None, exc: BaseException) -> bool:
    """The database is busy (another window or command writes): 重试 or 取消. True = retry."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("数据库正忙"), str(exc), parent=parent)
    retry = box.addButton(tr("重试"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry
