"""The ledger page: rankings per year (by committee, by occupation), star ratings, a person's ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.core.store import Store
from xhdesk.data.core.vocab import OCCUPATIONS, label
from xhdesk.data.points import balance, ledger_lines, person_totals, ranking, star_bands
from xhdesk.data.points.ledger import RankRow
from xhdesk.data.points.people import organisation_options
from xhdesk.data.points.settings import set_centre_setting
from xhdesk.data.points.vocab import CATEGORIES, KINDS
from xhdesk.i18n import tr
from xhdesk.ui.common.detail import DetailPane, html_list
from xhdesk.ui.common.messages import show_error
from xhdesk.ui.points.model import fmt_points

Index = QModelIndex | QPersistentModelIndex
RANK_COLUMNS = (tr("名次"), tr("姓名"), tr("职业群体"), tr("党支部"), tr("年度积分"), tr("星级"))


def stars_text(n: int) -> str:
    return "★" * n if n else "—"


class RankingModel(QAbstractTableModel):
    """Rows of one ranking (a few hundred members at most, computed in SQL)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RankRow] = []

    def set_rows(self, rows: list[RankRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(RANK_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                r.rank,
                r.name,
                label(OCCUPATIONS, r.occupation),
                r.branch,
                fmt_points(r.total),
                stars_text(r.stars),
            )
            return str(values[col])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            from PySide6.QtGui import QColor

            return QColor("#C8161D")
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return RANK_COLUMNS[section]
        return None


class LedgerPage(QWidget):
    status_changed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self._build_filters())
        self.model = RankingModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, width in enumerate((50, 80, 100, 200, 80, 80)):
            self.table.setColumnWidth(i, width)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.show_person(cur.row())
        )
        self.detail = DetailPane(self)
        self.detail.show_empty(tr("选择一名党员，这里显示其年度积分构成、可用积分和积分流水。"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([700, 440])
        layout.addWidget(self.splitter, 1)
        self.refresh()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        this_year = date.today().year
        self.year = QComboBox(self)
        for year in range(this_year, this_year - 5, -1):
            self.year.addItem(tr(f"{year}年"), year)
        committees, _branches = organisation_options(self.store)
        self.committee = QComboBox(self)
        self.committee.addItem(tr("全部行业党委"), None)
        for cid, name in committees:
            self.committee.addItem(name, cid)
        self.occupation = QComboBox(self)
        self.occupation.addItem(tr("全部职业群体"), None)
        for code, text in OCCUPATIONS.items():
            self.occupation.addItem(text, code)
        for caption, combo in (
            ("年度", self.year),
            ("排名范围", self.committee),
            ("", self.occupation),
        ):
            if caption:
                row.addWidget(QLabel(tr(caption), self))
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        row.addStretch(1)
        self.bands_label = QLabel(self)
        row.addWidget(self.bands_label)
        if self.store.node_role == "centre":
            edit = QPushButton(tr("设置星级分数线…"), self)
            edit.clicked.connect(self.edit_bands)
            row.addWidget(edit)
        return row

    def refresh(self) -> None:
        rows = ranking(
            self.store,
            self.year.currentData(),
            committee_id=self.committee.currentData(),
            occupation=self.occupation.currentData(),
        )
        self.model.set_rows(rows)
        bands = star_bands(self.store)
        self.bands_label.setText(
            tr("星级分数线：") + "　".join(f"{'★' * (i + 1)}≥{b:g}" for i, b in enumerate(bands))
        )
        self.status_changed.emit(self.status_text())
        if not rows:
            self.detail.show_empty(
                tr("本年度还没有生效的积分。申报经审核、认定并公示期满后计入台账。")
            )

    def status_text(self) -> str:
        return tr(f"{self.year.currentText()}积分排名 · {self.model.rowCount():,} 人")

    def show_person(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            return
        r, year = self.model.rows[row], self.year.currentData()
        totals = person_totals(self.store, r.person_id, year)
        composition = [
            (CATEGORIES.get(cat, cat), KINDS.get(kind, kind), fmt_points(value))
            for (cat, kind), value in sorted(totals.items())
        ]
        lines = [
            (
                ln.effective_on.isoformat(),
                ln.declaration_number,
                CATEGORIES.get(ln.category, ln.category),
                ln.note,
                fmt_points(ln.points),
            )
            for ln in ledger_lines(self.store, r.person_id, year)
        ]
        self.detail.show_record(
            r.name,
            f"{r.branch} · {label(OCCUPATIONS, r.occupation)}",
            [
                (
                    tr("概况"),
                    [
                        (tr("年度积分"), fmt_points(r.total)),
                        (tr("名次"), r.rank),
                        (tr("星级"), stars_text(r.stars)),
                        (
                            tr("可用积分（全部年度生效积分 − 已兑换）"),
                            fmt_points(balance(self.store, r.person_id)),
                        ),
                    ],
                ),
                (tr("积分构成"), html_list([tr("类别"), tr("分类"), tr("积分")], composition)),
                (
                    tr("积分流水"),
                    html_list(
                        [tr("生效日期"), tr("申报编号"), tr("类别"), tr("事项"), tr("积分")], lines
                    ),
                ),
            ],
        )

    def edit_bands(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        current = ",".join(f"{b:g}" for b in star_bands(self.store))
        text, ok = QInputDialog.getText(
            self, tr("星级分数线"), tr("一星至五星的最低年度积分，用逗号分隔："), text=current
        )
        if not ok:
            return
        try:
            set_centre_setting(self.store, "star_bands", text.strip())
        except Exception as exc:  # noqa: BLE001 — shown in words
            show_error(self, exc)
            return
        self.refresh()
