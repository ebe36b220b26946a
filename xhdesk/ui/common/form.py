"""A form dialog that validates as you type.

Each field has a check (a data-layer validator that raises ``ValidationError`` with a Chinese
message). After every edit the form runs all checks: a field that fails gets a red border and its
message under it (once the person has touched it), and the OK button stays disabled until every
check passes. When saving, a ``ValidationError`` from the service is shown on the widget named by
its ``field``, and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import ValidationError, XhdeskError
from xhdesk.data.core.faults import DatabaseBusy
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import normalise_code
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import ask_retry, show_error
from xhdesk.ui.common.theme import ACCENT

Check = Callable[[Any], Any]  # value → normalised value, or raises ValidationError
INVALID_STYLE = f"border: 1px solid {ACCENT}; border-radius: 2px; padding: 2px;"
DIALOG_STYLE = (
    'QPushButton[primary="true"]:disabled { background: #eab3b5; border-color: #e3a6a8; }'
)
NONE_TEXT = "（未填写）"
UNMATCHED = "\0unmatched"  # typed text in a picker that is none of its entries


@dataclass
class Field:
    key: str
    label: str
    widget: QWidget
    hint: QLabel
    check: Check | None
    required: bool


def line_edit(text: str = "", placeholder: str = "", max_length: int = 120) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(tr(placeholder))
    edit.setMaxLength(max_length)
    return edit


def code_edit(text: str = "", placeholder: str = "", length: int = 18) -> QLineEdit:
    """A field for an ID number, credit code or phone: pasted spaces, full-width digits and a
    lowercase x are accepted and normalised (so room for them: a paste is never cut short)."""
    edit = line_edit(text, placeholder, length * 2 + 8)
    edit.setProperty("code", True)
    edit.editingFinished.connect(lambda: _show_normalised(edit))
    return edit


def _show_normalised(edit: QLineEdit) -> None:
    normal = normalise_code(edit.text())
    if normal != edit.text():
        edit.setText(normal)


def choice_box(items: list[tuple[Any, str]], current: Any = None, empty: bool = False) -> QComboBox:
    """A drop-down of (value, label); ``empty`` adds a first 未填写 entry whose value is None."""
    combo = QComboBox()
    if empty:
        combo.addItem(tr(NONE_TEXT), None)
    for value, text in items:
        combo.addItem(tr(text), value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


def town_box(known: list[str], current: str | None) -> QComboBox:
    """The towns on file, plus the record's own (so an edit never silently clears it)."""
    names = sorted(set(known) | ({current} if current else set()))
    return choice_box([(t, t) for t in names], current or None, empty=True)


def picker(items: list[tuple[str, str]], current: str | None = None) -> QComboBox:
    """A searchable drop-down (type part of a name; the list narrows) for enterprise/branch/station."""
    combo = choice_box(items, current, empty=True)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.lineEdit().setPlaceholderText(tr("输入名称的一部分查找"))
    return combo


def date_edit(value: date | None = None, maximum: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if maximum is not None:
        edit.setMaximumDate(QDate(maximum.year, maximum.month, maximum.day))
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def value_of(widget: QWidget) -> Any:
    """The current value of a form widget, as the services expect it."""
    if isinstance(widget, QComboBox):
        if widget.isEditable() and widget.currentText() != widget.itemText(widget.currentIndex()):
            return UNMATCHED
        return widget.currentData()
    if isinstance(widget, QDateEdit):
        d = widget.date()
        return date(d.year(), d.month(), d.day())
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):
        if widget.property("code"):
            return normalise_code(widget.text())
        return widget.text().strip()
    raise TypeError(type(widget).__name__)


def _on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    if isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _i: slot())
        if widget.isEditable():
            widget.editTextChanged.connect(lambda _t: slot())
    elif isinstance(widget, QDateEdit):
        widget.dateChanged.connect(lambda _d: slot())
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(lambda _v: slot())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda _t: slot())


def confirm_discard(parent: QWidget) -> bool:
    """Ask before typed data is discarded; True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("放弃填写"),
        tr("已填写的内容尚未保存，确定放弃吗？"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Discard).setText(tr("放弃"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("继续填写"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard


class FormDialog(QDialog):
    """Subclasses add fields in ``build()`` and write through a service in ``save()``."""

    columns = 1
    save: Callable[[], Changes | None]  # each dialog writes through its service here

    def __init__(self, store: Store, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr(title))
        self.setStyleSheet(DIALOG_STYLE)
        self.fields: dict[str, Field] = {}
        self.changes: Changes | None = None
        self._touched: set[str] = set()
        self._server_errors: dict[str, str] = {}
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        self._slot = 0
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "muted")
        self.heading.hide()
        layout.addWidget(self.heading)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("保存"))
        self.ok_button.setProperty("primary", True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.request_cancel)
        layout.addWidget(self.buttons)

    # -- building ------------------------------------------------------------------------------
    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.show()

    def add_field(
        self,
        key: str,
        label: str,
        widget: QWidget,
        check: Check | None = None,
        *,
        required: bool = False,
        span: int = 1,
    ) -> QWidget:
        """Place ``widget`` in the next slot of the grid with its caption and its hint line."""
        row, col = divmod(self._slot, self.columns)
        if span > 1 and col:
            row, col = row + 1, 0
            self._slot = row * self.columns
        star = f"<span style='color:{ACCENT}'> *</span>" if required else ""
        caption = QLabel(tr(label) + star)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setBuddy(widget)
        hint = QLabel(self)
        hint.setStyleSheet(f"color: {ACCENT}; font-size: 9pt;")
        hint.setWordWrap(True)
        hint.setMinimumHeight(14)
        self._grid.addWidget(caption, row * 2, col * 2)
        self._grid.addWidget(widget, row * 2, col * 2 + 1, 1, span * 2 - 1)
        self._grid.addWidget(hint, row * 2 + 1, col * 2 + 1, 1, span * 2 - 1)
        self._slot += span if span <= self.columns else self.columns
        widget.setObjectName(key)
        self.fields[key] = Field(key, label, widget, hint, check, required)
        _on_change(widget, lambda k=key: self._on_edited(k))
        return widget

    def add_note(self, key: str, label: str) -> QLabel:
        """A read-only value (e.g. gender derived from the ID number)."""
        value = QLabel(self)
        value.setProperty("role", "muted")
        row, col = divmod(self._slot, self.columns)
        self._grid.addWidget(QLabel(tr(label)), row * 2, col * 2, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(value, row * 2, col * 2 + 1)
        self._slot += 1
        value.setObjectName(key)
        return value

    def finish(self) -> None:
        """Call at the end of the subclass's constructor."""
        self._grid.setColumnStretch(1, 1)
        if self.columns > 1:
            self._grid.setColumnStretch(3, 1)
        self.validate()
        self._initial = self.values()

    def has_typed_data(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        return self.values() != getattr(self, "_initial", self.values())

    def request_cancel(self) -> None:
        """Esc or 取消: typed data is not thrown away without asking."""
        if self.changes is None and self.has_typed_data() and not confirm_discard(self):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.request_cancel()
            return
        super().keyPressEvent(event)

    # -- validation ----------------------------------------------------------------------------
    def widget(self, key: str) -> QWidget:
        return self.fields[key].widget

    def value(self, key: str) -> Any:
        return value_of(self.fields[key].widget)

    def _on_edited(self, key: str) -> None:
        self._touched.add(key)
        self._server_errors.pop(key, None)
        self.on_field_changed(key)
        self.validate()

    def on_field_changed(self, key: str) -> None:
        """Subclasses react to one field (fill birth date and gender from the ID number, …)."""

    def cross_check(self) -> dict[str, str]:
        """Errors that involve several fields: {field: message}."""
        return {}

    def errors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for key, f in self.fields.items():
            raw = value_of(f.widget)
            if raw == UNMATCHED:
                found[key] = tr(f"请从列表中选择{f.label}，或清空。")
                continue
            if raw in (None, "") and f.required:
                found[key] = tr(f"请填写{f.label}。")
                continue
            if raw in (None, "") or f.check is None:
                continue
            try:
                f.check(raw)
            except ValidationError as exc:
                found[key] = exc.message
        for key, message in self.cross_check().items():
            found.setdefault(key, message)
        found.update(self._server_errors)
        return found

    def validate(self) -> bool:
        errors = self.errors()
        for key, f in self.fields.items():
            message = errors.get(key, "")
            shown = message if key in self._touched or key in self._server_errors else ""
            f.hint.setText(shown)
            f.widget.setStyleSheet(INVALID_STYLE if shown else "")
            f.widget.setToolTip(shown)
        self._fit_hints()
        if self.ok_button.isEnabled() != (not errors):
            self.ok_button.setEnabled(not errors)
            # the primary look depends on the state; widgets restyled above leave it stale
            self.ok_button.style().unpolish(self.ok_button)
            self.ok_button.style().polish(self.ok_button)
        return not errors

    def _fit_hints(self) -> None:
        """Give a hint that wraps to a second line its room, so it never overlaps the next field."""
        for f in self.fields.values():
            width = f.hint.width() if f.hint.width() > 30 else f.widget.width()
            need = f.hint.heightForWidth(max(width, 1)) if f.hint.text() else 14
            f.hint.setMinimumHeight(max(14, need))
        if self.isVisible():
            self.layout().activate()
            need = self.minimumSizeHint().height()
            if need > self.height():
                self.resize(self.width(), need)

    # -- saving --------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {key: value_of(f.widget) for key, f in self.fields.items()}

    def on_ok_clicked(self) -> None:
        self._touched.update(self.fields)
        if not self.validate():
            return
        try:
            self.changes = self.save()
        except ValidationError as exc:
            if exc.field in self.fields:
                self._server_errors[exc.field] = exc.message
                self.validate()
                self.fields[exc.field].widget.setFocus()
            else:
                show_error(self, exc)
            return
        except DatabaseBusy as exc:  # another window or command is writing: the form stays
            if ask_retry(self, exc):
                self.on_ok_clicked()
            return
        except XhdeskError as exc:
            show_error(self, exc)
            return
        self.accept()
