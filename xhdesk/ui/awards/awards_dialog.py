"""荣誉证书 / 评选: the year's selections, their candidates with points, winners, certificates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import xhdesk.documents.awards as documents
from xhdesk.data import awards
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.i18n import tr
from xhdesk.printing.award_notice import render_award_notice
from xhdesk.printing.fonts import FontSet, load_fonts
from xhdesk.ui.awards.candidates_model import CandidatesModel
from xhdesk.ui.awards.nominate_dialog import NominateDialog
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.common.workers import Progress
from xhdesk.ui.printing.consent import render_with_consent, run_print_task
from xhdesk.ui.printing.preview import show_preview


class AwardsDialog(QDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, year: int | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("评选与荣誉证书"))
        self.resize(1000, 620)
        years = awards.award_years(store)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or (years[0] if years else date.today().year))
        self.year.setSuffix(tr(" 年度"))
        self.award = QComboBox(self)
        self.award.setMinimumWidth(200)
        self.model = CandidatesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.on_winner_clicked())
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 11pt")
        self.open_button = QPushButton(
            qta.icon("fa5s.plus", color="#444"), tr("设立本年度评选项目"), self
        )
        self.open_button.clicked.connect(self.on_open_clicked)
        empty_page = QWidget(self)
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty_page)
        self.status = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("年度"), self))
        filters.addWidget(self.year)
        filters.addSpacing(12)
        filters.addWidget(QLabel(tr("评选项目"), self))
        filters.addWidget(self.award)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._toolbar())
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.year.valueChanged.connect(self.load_awards)
        self.award.currentIndexChanged.connect(self.refresh)
        self.load_awards()

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for icon, text, slot in (
            ("fa5s.user-plus", "推荐人员…", self.on_nominate_clicked),
            ("fa5s.award", "设为当选", self.on_winner_clicked),
            ("fa5s.undo", "取消当选", self.on_withdraw_clicked),
            (None, None, None),
            ("fa5s.certificate", "打印本项证书…", lambda: self.print_certificates(self.award_id())),
            ("fa5s.copy", "打印本年度全部证书…", lambda: self.print_certificates(None)),
            ("fa5s.layer-group", "套打本项证书…", self.on_overlay_clicked),
            ("fa5s.clipboard-list", "评选结果公示…", self.on_notice_clicked),
        ):
            if icon is None:
                bar.addSeparator()
                continue
            bar.addAction(qta.icon(icon, color="#444"), tr(text)).triggered.connect(slot)
        return bar

    # -- loading --------------------------------------------------------------------------------
    def award_id(self) -> str | None:
        return self.award.currentData()

    def load_awards(self) -> None:
        current = self.award.currentData()
        self.award.blockSignals(True)
        self.award.clear()
        for row in awards.list_awards(self.store, self.year.value()):
            self.award.addItem(row.title, row.id)
        index = self.award.findData(current)
        self.award.setCurrentIndex(max(index, 0))
        self.award.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        award = self.award_id()
        rows = awards.candidates(self.store, award) if award else []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        if award is None:
            self.empty.setText(tr(f"{self.year.value()}年度尚未设立评选项目。"))
        else:
            self.empty.setText(tr("尚无推荐人选：点击工具栏的“推荐人员…”添加。"))
        self.open_button.setVisible(award is None)
        self.stack.setCurrentIndex(0 if rows else 1)
        winners = sum(1 for r in rows if r.winner)
        self.status.setText(tr(f"共 {len(rows)} 名候选人 · 当选 {winners} 名"))

    def selected(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.candidate(r).nomination_id for r in sorted(rows)]

    # -- actions --------------------------------------------------------------------------------
    def _try(self, fn, *args) -> bool:  # noqa: ANN001
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 — shown in words (or logged if a bug)
            show_error(self, exc)
            return False
        self.refresh()
        return True

    def on_open_clicked(self) -> None:
        if self._try(awards.open_selections, self.store, self.year.value()):
            self.load_awards()

    def on_nominate_clicked(self) -> None:
        award = self.award_id()
        if award is None:
            return
        dialog = NominateDialog(self.store, award, self.award.currentText(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.person_id() is None:
            return
        self._try(awards.nominate, self.store, award, dialog.person_id(), dialog.reason_text())

    def on_winner_clicked(self) -> None:
        if self.award_id() and self.selected():
            self._try(awards.set_winners, self.store, self.award_id(), self.selected())

    def on_withdraw_clicked(self) -> None:
        if self.award_id() and self.selected():
            self._try(awards.set_winners, self.store, self.award_id(), [], self.selected())

    def print_certificates(self, award: str | None) -> None:
        """Issue missing certificates and render them off the UI thread, then preview."""
        store, year = self.store, self.year.value()

        def work(progress: Progress, fonts: FontSet) -> bytes:
            ids = [award] if award else [a.id for a in awards.list_awards(store, year)]
            if store.node_role in ("centre", "committee"):
                for aid in ids:
                    awards.issue_certificates(store, aid)
            return documents.certificates_pdf(store, year, award, progress.report, fonts)

        title = tr(f"{year}年度荣誉证书")
        run_print_task(
            self,
            work,
            load_fonts(print_settings(store).font),
            tr("正在生成荣誉证书…"),
            lambda data: (self.refresh(), show_preview(self, data, title)),
        )

    def on_overlay_clicked(self) -> None:
        """套打: only the variable text, shifted by the chosen printer's calibrated offset."""
        from PySide6.QtPrintSupport import QPrinterInfo
        from PySide6.QtWidgets import QInputDialog

        from xhdesk.printing.overlay import PrinterOffset, render_overlay

        award, year = self.award_id(), self.year.value()
        settings = print_settings(self.store)
        printers = list(dict.fromkeys([*settings.offsets, *QPrinterInfo.availablePrinterNames()]))
        printer = ""
        if printers:
            printer, ok = QInputDialog.getItem(
                self, tr("套打证书"), tr("使用哪台打印机的校准偏移？"), printers, 0, False
            )
            if not ok:
                return
        offset = PrinterOffset(*settings.offset_for(printer))
        store = self.store

        def work(progress: Progress, fonts: FontSet) -> bytes:
            docs = documents.certificate_documents(store, year, award)
            if not docs:
                documents.certificates_pdf(store, year, award)  # raises "nothing to print"
            return render_overlay(docs, offset=offset, fonts=fonts, progress=progress.report)

        run_print_task(
            self,
            work,
            load_fonts(settings.font),
            tr("正在生成套打页…"),
            lambda data: show_preview(self, data, tr(f"{year}年度荣誉证书（套打）")),
        )

    def on_notice_clicked(self) -> None:
        year = self.year.value()
        data = awards.award_notice(self.store, year)
        if not data["rows"]:
            show_error(self, tr(f"{year}年度还没有确定评选结果，无需公示。"))
            return
        fonts = load_fonts(print_settings(self.store).font)
        pdf = render_with_consent(self, lambda f: render_award_notice(data, f), fonts)
        if pdf is not None:
            show_preview(self, pdf, tr(f"{year}年度评选结果公示"))
