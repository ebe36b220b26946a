"""The screen the window shows when its database cannot be opened: what happened, what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from xhdesk.i18n import tr


class OpenErrorScreen(QWidget):
    """One sentence and three ways on: 打开其他数据库 / 从备份恢复 / 退出."""

    open_other = Signal()
    restore = Signal()
    quit = Signal()

    def __init__(self, message: str, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(tr("无法打开数据库"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold; color: #C8161D;")
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("font-size: 11pt;")
        where = QLabel(tr(f"数据库文件：{path}"), self)
        where.setWordWrap(True)
        where.setStyleSheet("color: #666;")
        self.open_button = QPushButton(tr("打开其他数据库…"), self)
        self.restore_button = QPushButton(tr("从备份恢复…"), self)
        self.quit_button = QPushButton(tr("退出"), self)
        self.open_button.setProperty("primary", True)
        for button, signal in (
            (self.open_button, self.open_other),
            (self.restore_button, self.restore),
            (self.quit_button, self.quit),
        ):
            button.setMinimumHeight(36)
            button.clicked.connect(signal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        box = QWidget(self)
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.setSpacing(14)
        for widget in (title, self.message, where):
            inner.addWidget(widget)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
