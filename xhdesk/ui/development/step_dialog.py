"""办理发展步骤: record the next step of one person's development (date, decision, documents)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.development.flow import StepInput, record_step
from xhdesk.data.development.queries import development_record
from xhdesk.data.development.rules import EXTENSION_MONTHS
from xhdesk.data.development.vocab import DECISIONS, MEETING_DECISIONS, STAGES
from xhdesk.data.models import Branch
from xhdesk.data.registry.details import options
from xhdesk.i18n import tr
from xhdesk.ui.common.form import FormDialog, choice_box, date_edit, line_edit

DECIDED_STEPS = (
    "pre_review",
    "general_meeting",
    "admission_approved",
    "conversion_approved",
    "probation_extended",
    "probation_cancelled",
)


class StepDialog(FormDialog):
    def __init__(
        self, store: Store, person_id: str, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(store, "办理发展步骤", parent)
        self.today = today or date.today()
        self.record = development_record(store, person_id)
        self.person_id = person_id
        self.files: list[tuple[str, bytes]] = []
        windows = self.record.progress.windows
        stage = STAGES.get(self.record.progress.stage, "尚未申请入党")
        self.set_heading(tr(f"{self.record.person.name}　当前阶段：{stage}"))
        items = [(w.step, w.label) for w in windows]
        self.add_field(
            "step", "办理步骤", choice_box(items, items[0][0] if items else None), required=True
        )
        self.window_note = self.add_note("window", "办理期限")
        self.add_field("happened_on", "办理日期", date_edit(self.today, maximum=self.today))
        self.add_field("decision", "决定", choice_box([]))
        self.add_field(
            "branch",
            "接收申请的党支部",
            choice_box(options(store, Branch), self.record.person.branch_id, True),
        )
        self.add_field("contacts", "培养联系人", line_edit("", "两名正式党员，用顿号分隔", 60))
        months = QSpinBox()
        months.setRange(*EXTENSION_MONTHS)
        months.setSuffix(tr(" 个月"))
        self.add_field("months", "延长预备期", months)
        self.add_field("period_end", "公示截止日期", date_edit(self.today))
        note = QPlainTextEdit()
        note.setPlaceholderText(tr("会议、谈话或审查的情况，结论，不超过500字"))
        note.setFixedHeight(70)
        self.add_field("note", "情况说明", note)
        self._attachments_row()
        self.finish()
        self.on_field_changed("step")
        self.resize(520, self.sizeHint().height())

    def _attachments_row(self) -> None:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(tr("添加材料…"), row)
        button.clicked.connect(self.on_add_files_clicked)
        self.files_label = QLabel(tr("未添加材料（可上传申请书、会议记录的扫描件）"), row)
        self.files_label.setProperty("role", "muted")
        self.files_label.setWordWrap(True)
        box.addWidget(button)
        box.addWidget(self.files_label, 1)
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, row)  # type: ignore[attr-defined]

    def on_add_files_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("选择材料"), "", tr("扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)")
        )
        for path in paths:
            try:
                self.files.append((Path(path).name, Path(path).read_bytes()))
            except OSError as exc:
                self.files_label.setText(tr(f"无法读取 {path}：{exc.strerror or exc}"))
                return
        if self.files:
            self.files_label.setText("、".join(name for name, _ in self.files))

    def on_field_changed(self, key: str) -> None:
        if key == "step":
            self._on_step_changed()
        self._show("months", self.value("decision") == "extend")
        self._note_lateness()

    def _note_lateness(self) -> None:
        """Say so when the date chosen is past the step's latest date (it is still recorded)."""
        step = self.value("step")
        window = self.record.progress.window(step) if step else None
        text = self.window_note.text().split("　")[0]
        if window and window.latest and self.value("happened_on") > window.latest:
            text += tr("　所选日期已超过最迟日期，将记录为逾期办理")
        self.window_note.setText(text)

    def _on_step_changed(self) -> None:
        step = self.value("step")
        window = self.record.progress.window(step) if step else None
        parts = []
        if window is not None and window.earliest:
            parts.append(f"最早 {window.earliest.isoformat()}")
        if window is not None and window.latest:
            parts.append(f"最迟 {window.latest.isoformat()}")
        self.window_note.setText(tr("，".join(parts) or "无期限要求"))
        decisions = (
            MEETING_DECISIONS
            if step == "conversion_meeting"
            else ("agreed", "not_agreed")
            if step in DECIDED_STEPS
            else ("agreed",)
        )
        box = self.widget("decision")
        box.blockSignals(True)
        box.clear()  # type: ignore[attr-defined]
        for code in decisions:
            box.addItem(tr(DECISIONS[code]), code)  # type: ignore[attr-defined]
        box.blockSignals(False)
        self._show("decision", len(decisions) > 1)
        self._show("branch", step == "application")
        self._show("contacts", step == "contacts_assigned")
        self._show("period_end", step == "notice")

    def _show(self, key: str, visible: bool) -> None:
        """Show or hide one field with its caption and hint line."""
        f = self.fields[key]
        row, col, _rows, _cols = self._grid.getItemPosition(self._grid.indexOf(f.widget))
        caption = self._grid.itemAtPosition(row, col - 1)
        for widget in (f.widget, f.hint, caption.widget() if caption else None):
            if widget is not None:
                widget.setVisible(visible)

    def save(self) -> Changes | None:
        v = self.values()
        if not v["step"]:
            raise ValidationError("没有可办理的步骤。")
        entry = StepInput(
            step=v["step"],
            happened_on=v["happened_on"],
            decision=v["decision"] or "agreed",
            note=v["note"],
            contacts=v["contacts"],
            months=v["months"] if v["decision"] == "extend" else None,
            period_end=v["period_end"] if v["step"] == "notice" else None,
            attachments=tuple(self.files),
            branch_id=v["branch"] if v["step"] == "application" else None,
        )
        return record_step(self.store, self.person_id, entry, today=self.today)
