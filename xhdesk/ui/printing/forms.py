"""Short forms: the activity/meeting notice (活动通知) and the 套打 calibration settings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.print_settings import print_settings, set_printer_offset
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.printing.meeting_notice import MeetingNotice
from xhdesk.printing.overlay import OFFSET_RULE


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(tr(ok))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class MeetingNoticeDialog(QDialog):
    """Title, time, place, body and issuing body → a one-page notice."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("活动/会议通知"))
        self.resize(560, 520)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(tr("关于召开……的通知"))
        self.addressees = QLineEdit(tr("各行业党委、各党支部："), self)
        self.time = QLineEdit(self)
        self.time.setPlaceholderText(tr("2026年12月3日（星期四）下午2:30"))
        self.place = QLineEdit(self)
        self.attendees = QLineEdit(self)
        self.contact = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(tr("正文：会议（活动）的目的和安排，每段一行"))
        self.issuer = QLineEdit(store.node_name, self)
        self.issued_on = QDateEdit(QDate.currentDate(), self)
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        for text, widget in (
            ("标题", self.title),
            ("主送", self.addressees),
            ("时间", self.time),
            ("地点", self.place),
            ("参加人员", self.attendees),
            ("联系人", self.contact),
            ("正文", self.body),
            ("发文单位", self.issuer),
            ("成文日期", self.issued_on),
        ):
            form.addRow(tr(text), widget)
        form.addRow(_buttons(self, "预览"))

    def notice(self) -> MeetingNotice:
        missing = [
            name
            for name, widget in (
                ("标题", self.title),
                ("时间", self.time),
                ("地点", self.place),
                ("发文单位", self.issuer),
            )
            if not widget.text().strip()
        ]
        if missing:
            raise ValidationError(tr("请填写：") + "、".join(tr(m) for m in missing))
        day = self.issued_on.date()
        return MeetingNotice(
            title=self.title.text().strip(),
            time=self.time.text().strip(),
            place=self.place.text().strip(),
            body=self.body.toPlainText(),
            issuer=self.issuer.text().strip(),
            issued_on=date(day.year(), day.month(), day.day()),
            addressees=self.addressees.text().strip(),
            attendees=self.attendees.text().strip(),
            contact=self.contact.text().strip(),
        )


class CalibrationDialog(QDialog):
    """Choose a printer and its measured offset; preview prints the calibration page with it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("套打校准"))
        self.printer = QComboBox(self)
        self.printer.setEditable(True)
        names = QPrinterInfo.availablePrinterNames()
        self.printer.addItems(names or [tr("默认打印机")])
        default = QPrinterInfo.defaultPrinterName()
        if default:
            self.printer.setCurrentText(default)
        self.dx = self._spin()
        self.dy = self._spin()
        help_text = QLabel(
            tr(
                "先按当前偏移打印校准页，用直尺量出红色十字中心到纸张左边、上边的距离；\n"
                + OFFSET_RULE
            ),
            self,
        )
        help_text.setStyleSheet("color: #555")
        form = QFormLayout(self)
        form.addRow(tr("打印机"), self.printer)
        form.addRow(tr("向右偏移"), self.dx)
        form.addRow(tr("向下偏移"), self.dy)
        form.addRow(help_text)
        form.addRow(_buttons(self, "保存并预览校准页"))
        self.printer.currentTextChanged.connect(self._load)
        self._load()

    def _spin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-30.0, 30.0)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        return spin

    def _load(self) -> None:
        dx, dy = print_settings(self.store).offset_for(self.printer.currentText())
        self.dx.setValue(dx)
        self.dy.setValue(dy)

    def save(self) -> tuple[str, float, float]:
        name = self.printer.currentText().strip()
        set_printer_offset(self.store, name, self.dx.value(), self.dy.value())
        return name, self.dx.value(), self.dy.value()


class PrintSettingsDialog(QDialog):
    """This machine's printing settings: the Chinese font and the seal image on certificates."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        from xhdesk.printing.fonts import describe_font, font_choices

        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("打印设置"))
        self.resize(560, 200)
        current = print_settings(store)
        self.font = QComboBox(self)
        self.font.setEditable(True)
        self.font.addItem(tr("自动选择"), "")
        for path in font_choices():
            self.font.addItem(describe_font(path), path)
        if current.font:
            index = self.font.findData(current.font)
            if index < 0:
                self.font.addItem(current.font, current.font)
                index = self.font.count() - 1
            self.font.setCurrentIndex(index)
        self.seal = QLineEdit(current.seal_image, self)
        self.seal.setPlaceholderText(tr("不使用印章图片"))
        browse = QPushButton(tr("选择…"), self)
        browse.clicked.connect(self.on_browse_clicked)
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal, 1)
        seal_row.addWidget(browse)
        note = QLabel(
            tr(
                "字体须为 TrueType（.ttf/.ttc）格式，如宋体 simsun.ttc；找不到时使用内置宋体，不嵌入 PDF。\n"
                "印章图片请使用透明背景的 PNG，仅限本单位经授权使用的电子印章。"
            ),
            self,
        )
        note.setStyleSheet("color: #555")
        form = QFormLayout(self)
        form.addRow(tr("中文字体"), self.font)
        form.addRow(tr("证书印章"), seal_row)
        form.addRow(note)
        form.addRow(_buttons(self, "保存"))

    def on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("选择印章图片"), "", tr("图片 (*.png *.jpg *.jpeg)")
        )
        if path:
            self.seal.setText(path)

    def save(self) -> None:
        """Store both settings (raises ValidationError for a missing or unusable seal file)."""
        from xhdesk.data.core.print_settings import set_font, set_seal_image

        index = self.font.findText(self.font.currentText())
        font = self.font.itemData(index) if index >= 0 else self.font.currentText().strip()
        set_seal_image(self.store, self.seal.text())
        set_font(self.store, font or "")
