"""The wizard's pages: the file, the column mapping, the preview with counts and per-match choices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.errors import XhdeskError
from xhdesk.data.imports.columns import KINDS, Kind
from xhdesk.data.imports.mapping import Layout
from xhdesk.data.imports.matching import MODES
from xhdesk.data.imports.normalise import text
from xhdesk.data.imports.plan import ImportPlan
from xhdesk.data.imports.reading import Sheet, sheet_names
from xhdesk.data.imports.report import reason
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error

SHOWN_ROWS = 500  # rows listed in the preview tables; the rest follow the default choice
FIGURES = (
    ("new", "新增"),
    ("updated", "将更新"),
    ("unchanged", "无变化"),
    ("duplicates_in_file", "文件内重复"),
    ("errors", "错误"),
)


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels([tr(h) for h in headers])
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(value: Any, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text(value))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class FilePage(QWidget):
    """Step 1: the file, its sheet, and what it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(tr("选择 Excel（.xlsx/.xls）或 CSV 文件"))
        self.path.editingFinished.connect(self.load_sheets)
        browse = QPushButton(qta.icon("fa5s.folder-open", color="#444"), tr("浏览…"), self)
        browse.clicked.connect(self.on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheet = QComboBox(self)
        self.kind = QComboBox(self)
        for name, kind in KINDS.items():
            self.kind.addItem(tr(kind.label), name)
        form = QFormLayout(self)
        form.addRow(tr("文件"), row)
        form.addRow(tr("工作表"), self.sheet)
        form.addRow(tr("导入内容"), self.kind)
        hint = QLabel(
            tr(
                "表头可以在标题行下面，也可以是合并单元格；列按表头自动对应，下一步可以修改。"
                "没有现成的表格？用「文件 → 导入 → 下载模板」。"
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        form.addRow(hint)

    def on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("选择要导入的表格"),
            self.path.text(),
            tr("表格文件 (*.xlsx *.xls *.xlsm *.ods *.csv);;所有文件 (*)"),
        )
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        self.path.setText(str(path))
        self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet.clear()
        if not self.path.text().strip():
            return
        try:
            self.sheet.addItems(sheet_names(self.path.text().strip()))
        except XhdeskError as exc:
            show_error(self, exc)

    def choice(self) -> tuple[Path, str | None, Kind]:
        text_path = self.path.text().strip()
        if not text_path:
            raise XhdeskError(tr("请先选择要导入的文件。"))
        sheet = self.sheet.currentText() or None
        return Path(text_path), sheet, KINDS[self.kind.currentData()]


class MappingPage(QWidget):
    """Step 2: each column of the sheet, a sample of its cells, and the field it goes to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = _table(self, ["列", "表头", "示例数据", "导入为"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.combos: list[QComboBox] = []

    def show_layout(self, kind: Kind, sheet: Sheet, layout: Layout) -> None:
        self.kind, self.layout = kind, layout
        found = "已按本机上次为同样表头所做的对应" if layout.remembered else "已按表头自动对应"
        self.note.setText(
            tr(
                f"工作表「{sheet.name}」第 {layout.first_row} 行是表头，数据从第 {layout.first_row + 1} 行开始。"
                f"{found}；如有不对，请在「导入为」一列修改（带 * 的为必填）。同样格式的文件下次会记住这里的选择。"
            )
        )
        samples = sheet.rows[layout.first_row : layout.first_row + 3]
        self.table.setRowCount(len(layout.headers))
        self.combos = []
        for c, header in enumerate(layout.headers):
            self.table.setItem(c, 0, _item(_column_letter(c)))
            self.table.setItem(c, 1, _item(header))
            cells = [text(r[c]) for r in samples if c < len(r) and text(r[c])]
            self.table.setItem(c, 2, _item("，".join(cells)))
            combo = QComboBox(self.table)
            combo.addItem(tr("（不导入）"), None)
            for f in kind.fields:
                combo.addItem(f.header + (" *" if f.required else ""), f.key)
            combo.setCurrentIndex(max(0, combo.findData(layout.mapping[c])))
            self.table.setCellWidget(c, 3, combo)
            self.combos.append(combo)
        for col, width in enumerate((40, 150, 330)):
            self.table.setColumnWidth(col, width)

    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class PreviewPage(QWidget):
    """Step 3: what the import would do, the choice per match, and the refused rows."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbers: dict[str, QLabel] = {}
        figures = QGridLayout()
        for col, (key, title) in enumerate(FIGURES):
            number = QLabel("0", self)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setStyleSheet("font-size: 18pt; font-weight: bold")
            caption = QLabel(tr(title), self)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figures.addWidget(number, 0, col)
            figures.addWidget(caption, 1, col)
            self.numbers[key] = number
        self.mode = QComboBox(self)
        for key, label in MODES.items():
            self.mode.addItem(tr(label), key)
        self.mode.currentIndexChanged.connect(self.on_mode_changed)
        mode_row = QHBoxLayout()
        self.matches_label = QLabel(self)
        mode_row.addWidget(self.matches_label, 1)
        self.mode_label = QLabel(tr("已登记的记录默认："), self)
        mode_row.addWidget(self.mode_label)
        mode_row.addWidget(self.mode)
        self.matches = _table(self, ["行号", "表中", "已登记为", "将修改的字段", "处理"])
        self.refused_label = QLabel(self)
        self.report_button = QPushButton(
            qta.icon("fa5s.file-excel", color="#444"), tr("导出错误报告…"), self
        )
        refused_row = QHBoxLayout()
        refused_row.addWidget(self.refused_label, 1)
        refused_row.addWidget(self.report_button)
        self.refused = _table(self, ["行号", "表中", "错误原因"])
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addLayout(mode_row)
        layout.addWidget(self.matches, 3)
        layout.addLayout(refused_row)
        layout.addWidget(self.refused, 2)
        self.plan: ImportPlan | None = None
        self.row_modes: dict[int, QComboBox] = {}

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._fill_matches(plan)
        self._fill_refused(plan)
        self.update_counts()

    def _label(self, plan: ImportPlan, values: dict[str, Any]) -> str:
        first = plan.kind.fields[0].key
        return text(values.get(first, ""))

    def _fill_matches(self, plan: ImportPlan) -> None:
        matches = plan.matches
        self.matches_label.setText(
            tr(f"表中有 {len(matches):,} 条与已登记的记录相同（按身份证号码，或姓名+手机号码匹配）")
            if plan.kind.name == "persons"
            else tr(f"表中有 {len(matches):,} 条与已登记的记录相同")
        )
        if not matches:
            self.matches_label.setText(tr("表中没有已登记过的记录，全部按新记录处理。"))
        for widget in (self.matches, self.mode, self.mode_label):
            widget.setVisible(bool(matches))
        shown = matches[:SHOWN_ROWS]
        self.matches.setRowCount(len(shown))
        self.row_modes = {}
        for r, line in enumerate(shown):
            existing = plan.existing.get(line.existing_id or "", {})
            self.matches.setItem(r, 0, _item(line.number, align_right=True))
            self.matches.setItem(r, 1, _item(self._label(plan, line.values)))
            self.matches.setItem(r, 2, _item(self._label(plan, existing)))
            combo = QComboBox(self.matches)
            combo.addItem(tr("按默认"), None)
            for key, label in MODES.items():
                combo.addItem(tr(label), key)
            combo.currentIndexChanged.connect(self.on_mode_changed)
            self.matches.setCellWidget(r, 4, combo)
            self.row_modes[line.number] = combo
        for col, width in enumerate((50, 120, 120, 330)):
            self.matches.setColumnWidth(col, width)

    def _fill_refused(self, plan: ImportPlan) -> None:
        refused = plan.refused
        self.refused_label.setText(
            tr(f"不能导入的 {len(refused):,} 行（改正后可以再次导入同一文件）：")
            if refused
            else tr("没有错误行。")
        )
        self.report_button.setEnabled(bool(refused))
        shown = refused[:SHOWN_ROWS]
        self.refused.setRowCount(len(shown))
        for r, line in enumerate(shown):
            self.refused.setItem(r, 0, _item(line.number, align_right=True))
            first = text(line.cells[0]) if line.cells else ""
            self.refused.setItem(r, 1, _item(self._label(plan, line.values) or first))
            why = _item(reason(line))
            why.setToolTip(reason(line))
            self.refused.setItem(r, 2, why)
        self.refused.setColumnWidth(0, 50)
        self.refused.setColumnWidth(1, 120)

    def default_mode(self) -> str:
        return self.mode.currentData()

    def overrides(self) -> dict[int, str]:
        return {n: c.currentData() for n, c in self.row_modes.items() if c.currentData()}

    def on_mode_changed(self, _index: int = 0) -> None:
        self.update_counts()
        self.changed.emit()

    def update_counts(self) -> None:
        plan = self.plan
        if plan is None:
            return
        counts = plan.counts(self.default_mode(), self.overrides()).as_dict()
        for key, _title in FIGURES:
            self.numbers[key].setText(f"{counts[key]:,}")
        bad = "font-size: 18pt; font-weight: bold; color: #C8161D"
        for key in ("errors", "duplicates_in_file"):
            self.numbers[key].setStyleSheet(
                bad if counts[key] else "font-size: 18pt; font-weight: bold"
            )
        overrides = self.overrides()
        for r, line in enumerate(plan.matches[:SHOWN_ROWS]):
            mode = overrides.get(line.number, self.default_mode())
            changed = plan.changes(line, mode)
            names = [f.header for f in plan.kind.fields if f.key in changed]
            self.matches.setItem(r, 3, _item("、".join(names) or tr("无")))
