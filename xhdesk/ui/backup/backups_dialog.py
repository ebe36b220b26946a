"""The backups dialog: the list (time, reason, size), back up now, restore, the keeping rules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.backup import (
    BackupInfo,
    Retention,
    backup_dir,
    create_backup,
    list_backups,
)
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import inform, show_error


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:,.1f} MB"
    return f"{max(n // 1024, 1):,} KB"


class BackupsDialog(QDialog):
    """``store`` is None when the database could not be opened (restore only)."""

    restore_requested = Signal(object)  # Path of the backup to restore

    def __init__(self, db_path: Path, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.store = Path(db_path), store
        self.setWindowTitle(tr("备份与恢复"))
        self.resize(760, 520)
        intro = QLabel(
            tr(
                f"数据库：{self.db_path}<br>备份文件夹：{backup_dir(self.db_path)}<br>"
                "每次升级和导入同步包前、每天首次打开时自动备份；备份经完整性检查并压缩保存。"
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([tr("备份时间"), tr("原因"), tr("大小")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.on_restore_clicked)
        self.summary = QLabel(self)
        self.backup_button = QPushButton(tr("立即备份"), self)
        self.backup_button.setProperty("primary", True)
        self.restore_button = QPushButton(tr("恢复所选备份…"), self)
        self.file_button = QPushButton(tr("从其他备份文件恢复…"), self)
        close = QPushButton(tr("关闭"), self)
        self.backup_button.clicked.connect(self.on_backup_clicked)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self.file_button.clicked.connect(self.on_file_clicked)
        close.clicked.connect(self.reject)
        self.backup_button.setEnabled(store is not None)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self._rules_box())
        layout.addLayout(buttons)
        self.reload()

    # -- the keeping rules ---------------------------------------------------------------------
    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(tr("保留规则"), self)
        rules = self.retention()
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        row = QHBoxLayout()
        for key, text, top in (
            ("daily", "最近几天，每天1个", 60),
            ("weekly", "最近几周，每周1个", 52),
            ("monthly", "最近几个月，每月1个", 120),
            ("budget_mb", "总大小上限（MB）", 1_000_000),
        ):
            spin = QSpinBox(box)
            spin.setRange(1, top)
            spin.setValue(getattr(rules, key))
            spin.setEnabled(self.store is not None)
            self.spins[key] = spin
            row.addWidget(QLabel(tr(text), box))
            row.addWidget(spin)
            row.addSpacing(8)
        self.save_rules_button = QPushButton(tr("保存规则"), box)
        self.save_rules_button.setEnabled(self.store is not None)
        self.save_rules_button.clicked.connect(self.on_save_rules_clicked)
        row.addStretch(1)
        row.addWidget(self.save_rules_button)
        form.addRow(row)
        box.setLayout(form)
        return box

    def retention(self) -> Retention:
        return Retention.from_state(self.store.local_state()) if self.store else Retention()

    def on_save_rules_clicked(self) -> None:
        if self.store is None:
            return
        rules = Retention(**{key: spin.value() for key, spin in self.spins.items()})
        try:
            self.store.set_local_state(**rules.as_state())
        except Exception as exc:  # noqa: BLE001 — shown in words
            show_error(self, exc)
            return
        self.reload()

    # -- the list ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.backups: list[BackupInfo] = list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            size = QTableWidgetItem(size_text(b.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate(
                (
                    QTableWidgetItem(f"{b.taken_at:%Y-%m-%d %H:%M:%S}"),
                    QTableWidgetItem(tr(b.reason_label)),
                    size,
                )
            ):
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(0)
        total = sum(b.size for b in self.backups)
        budget = self.retention().budget_bytes
        self.summary.setText(
            tr(
                f"共 {len(self.backups)} 个备份，占用 {size_text(total)}（上限 {size_text(budget)}）"
            )
            if self.backups
            else tr("还没有备份。点击「立即备份」备份当前数据库。")
        )
        self.restore_button.setEnabled(bool(self.backups))

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    # -- actions -------------------------------------------------------------------------------
    def on_backup_clicked(self) -> None:
        from xhdesk.ui.common.workers import run_task

        self.backup_button.setEnabled(False)

        def done(info: BackupInfo) -> None:
            self.backup_button.setEnabled(True)
            self.reload()
            inform(self, tr(f"已备份（{size_text(info.size)}，完整性检查通过）。"), tr("备份"))

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            show_error(self, exc, tr("备份未完成"))

        run_task(
            lambda _progress: create_backup(self.db_path),
            parent=self,
            title=tr("正在备份数据库…"),
            on_done=done,
            on_error=failed,
        )

    def on_restore_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore_requested.emit(chosen.path)

    def on_file_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            tr("选择备份文件"),
            str(backup_dir(self.db_path)),
            tr("xhdesk 备份 (*.sqlite3.gz *.sqlite3 *.db *.gz);;所有文件 (*)"),
        )
        if name:
            self.restore_requested.emit(Path(name))
