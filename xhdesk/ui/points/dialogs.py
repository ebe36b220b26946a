"""Small dialogs of the review queue: a reason (退回/不予认定/异议), a confirmed value."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from xhdesk.i18n import tr


class ReasonDialog(QDialog):
    """Ask for a reason; OK stays disabled until something is written."""

    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, presets: tuple[str, ...] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(tr("请写明原因，申报人和经办人都能看到。"))
        self.text.setFixedHeight(96)
        layout.addWidget(self.text)
        if presets:
            hint = QLabel(tr("常用：") + "；".join(presets), self)
            hint.setWordWrap(True)
            hint.setProperty("role", "muted")
            layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("确定"))
        self.ok.setProperty("primary", True)
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def ask_reason(
    parent: QWidget | None, title: str, prompt: str, presets: tuple[str, ...] = ()
) -> str | None:
    """The reason typed, or None if cancelled."""
    dialog = ReasonDialog(title, prompt, parent, presets)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PointsDialog(QDialog):
    """Confirm one declaration with a reduced value (e.g. the rest of a cap)."""

    def __init__(self, claimed: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("按认定分值认定"))
        form = QFormLayout(self)
        self.value = QDoubleSpinBox(self)
        self.value.setDecimals(1)
        self.value.setRange(0, max(claimed, 0))
        self.value.setSingleStep(0.5)
        self.value.setValue(claimed)
        form.addRow(tr("申报分值"), QLabel(f"{claimed:g}", self))
        form.addRow(tr("认定分值"), self.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_points(parent: QWidget | None, claimed: float) -> float | None:
    dialog = PointsDialog(claimed, parent)
    return dialog.value.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ResubmitDialog(ReasonDialog):
    """Resubmit a returned declaration: what was added or corrected, and the quantity."""

    def __init__(self, quantity: float, parent: QWidget | None = None) -> None:
        super().__init__(tr("重新提交"), tr("请说明补充或更正了什么："), parent)
        row = QFormLayout()
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0.5, 1000)
        self.quantity.setDecimals(1)
        self.quantity.setSingleStep(0.5)
        self.quantity.setValue(quantity)
        row.addRow(tr("数量（如需更正）"), self.quantity)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertLayout(layout.count() - 1, row)


def ask_resubmit(parent: QWidget | None, quantity: float) -> tuple[str, float] | None:
    """(note, quantity) or None if cancelled."""
    dialog = ResubmitDialog(quantity, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason(), dialog.quantity.value()
