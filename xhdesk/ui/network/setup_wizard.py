"""首次使用向导: make a database with no node into a centre (template or empty) or a joined node.

The wizard writes the new database file itself (``create_centre`` / ``join_network``); the window
then opens it and asks for the first administrator, as for any node without accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.network.setup import centre_name, create_centre, join_network
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Task, run_task

PAGE_CHOICE, PAGE_CENTRE, PAGE_JOIN = range(3)


def _note(text: str) -> QLabel:
    label = QLabel(tr(text))
    label.setWordWrap(True)
    label.setEnabled(True)
    return label


class _ChoicePage:
    """The first page's widgets (a plain QWizardPage: PySide crashes re-polishing a wizard whose
    pages are Python subclasses with children)."""

    def __init__(self) -> None:
        self.page = page = QWizardPage()
        page.setTitle(tr("欢迎使用：这台电脑在网络中是什么角色？"))
        page.setSubTitle(
            tr("各单位的电脑之间用同步包（U盘或聊天附件）交换数据。全市只有一个中心节点。")
        )
        self.centre = QRadioButton(tr("新建中心节点（市级服务中心，全市只建一次）"))
        self.join = QRadioButton(tr("加入网络（行业党委、党支部或驿站：用中心签发的节点登记文件）"))
        self.centre.setChecked(True)
        self.group = group = QButtonGroup(page)
        layout = QVBoxLayout(page)
        for radio, note in (
            (self.centre, "建立全市的组织架构，为各单位签发节点登记文件（.xhnode）。"),
            (self.join, "需要中心交给您的 .xhnode 文件和它的口令。"),
        ):
            group.addButton(radio)
            layout.addWidget(radio)
            hint = _note(note)
            hint.setContentsMargins(24, 0, 0, 12)
            layout.addWidget(hint)
        layout.addStretch(1)


class _CentrePage:
    def __init__(self) -> None:
        self.page = page = QWizardPage()
        page.setTitle(tr("新建中心节点"))
        page.setSubTitle(tr("填写本市（县）的名称和代码，再选择从模板开始还是从空白开始。"))
        self.city = QLineEdit(tr("兴化市"))
        self.code = QLineEdit("XH")
        self.code.setMaxLength(6)
        self.node_name = QLabel()
        self.city.textChanged.connect(
            lambda text: self.node_name.setText(centre_name(text) if text.strip() else "")
        )
        self.node_name.setText(centre_name(self.city.text()))
        form = QFormLayout()
        form.addRow(tr("市（县）名称"), self.city)
        form.addRow(tr("市（县）代码"), self.code)
        form.addRow(tr("中心节点名称"), self.node_name)
        self.template = QRadioButton(tr("按“兴新向荣”模板建立组织架构（推荐）"))
        self.blank = QRadioButton(tr("空白：以后自己逐项建立"))
        self.template.setChecked(True)
        self.group = group = QButtonGroup(page)
        group.addButton(self.template)
        group.addButton(self.blank)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.template)
        hint = _note(
            "模板包括：交通运输、快递外卖、网络名人三个行业党委；流动、功能型、实体型、联合四类"
            "党支部；15个职能部门和14项点单服务事项；17条积分细则；2026年工作日历。"
            "党支部和驿站在「工具 → 组织架构」中按实际情况新建。"
        )
        hint.setContentsMargins(24, 0, 0, 8)
        layout.addWidget(hint)
        layout.addWidget(self.blank)
        layout.addStretch(1)


class _JoinPage:
    def __init__(self) -> None:
        self.page = page = QWizardPage()
        page.setTitle(tr("加入网络"))
        page.setSubTitle(tr("选择中心为本单位签发的节点登记文件，输入中心告诉您的口令。"))
        self.file = QLineEdit()
        self.file.setPlaceholderText(tr("例如 城东驿站.xhnode"))
        self.browse = QPushButton(tr("浏览…"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(page)
        form.addRow(tr("节点登记文件"), holder)
        form.addRow(tr("口令"), self.passphrase)
        form.addRow(
            "", _note("登记文件只能用于建立一台电脑的数据库。文件或口令丢失时，请中心重新签发。")
        )

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.page, tr("选择节点登记文件"), "", tr("节点登记文件 (*.xhnode);;所有文件 (*)")
        )
        if name:
            self.file.setText(name)


class SetupWizard(QWizard):
    """The first run of a new database file at ``path``; ``created`` is True once it exists."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.created = False
        self.task: Task | None = None  # writing the database
        self.setWindowTitle(tr("首次使用向导"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.choice, self.centre, self.join = _ChoicePage(), _CentrePage(), _JoinPage()
        for page_id, page in (
            (PAGE_CHOICE, self.choice),
            (PAGE_CENTRE, self.centre),
            (PAGE_JOIN, self.join),
        ):
            self.setPage(page_id, page.page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("取消"))
        self.resize(640, 460)

    def nextId(self) -> int:  # noqa: N802 (Qt override)
        if self.currentId() == PAGE_CHOICE:
            return PAGE_CENTRE if self.choice.centre.isChecked() else PAGE_JOIN
        return -1

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt override)
        """The last page writes the database, off the UI thread; the wizard closes when done."""
        if self.currentId() == PAGE_CHOICE or self.created:
            return True
        if self.task is None:
            try:
                work = self._work()
            except XhdeskError as exc:
                show_error(self, exc, tr("无法建立数据库"))
                return False
            self._set_busy(True)
            self.task = run_task(
                lambda _progress: work(),
                parent=self,
                title=tr("正在建立数据库…"),
                on_done=self._created,
                on_error=self._failed,
                on_cancel=lambda: self._failed(None),
            )
        return False

    def _set_busy(self, busy: bool) -> None:
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _created(self, _info: object) -> None:
        self._set_busy(False)
        self.task = None
        self.created = True
        self.accept()

    def _failed(self, exc: BaseException | None) -> None:
        self._set_busy(False)
        self.task = None
        if exc is not None:
            show_error(self, exc, tr("无法建立数据库"))

    def _work(self) -> Callable[[], object]:
        """What the current page asks for, checked here; the slow part runs in the worker."""
        path = self.path
        if self.currentId() == PAGE_CENTRE:
            city, code = self.centre.city.text(), self.centre.code.text()
            template = self.centre.template.isChecked()
            return lambda: create_centre(path, city, code, template=template)
        file = self.join.file.text().strip()
        passphrase = self.join.passphrase.text().strip()
        if not file:
            raise _missing("请选择节点登记文件（.xhnode）。")
        if not passphrase:
            raise _missing("请输入登记文件的口令。")
        return lambda: join_network(path, Path(file), passphrase)


def _missing(text: str) -> XhdeskError:
    from xhdesk.data.core.errors import ValidationError

    return ValidationError(text)
