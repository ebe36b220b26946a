"""The overview's figures as clickable cards, in groups; a click opens the list behind a figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhdesk.data.overview.coverage import Promise
from xhdesk.data.overview.figures import Figure, Target
from xhdesk.i18n import tr

CARD_STYLE = """
QPushButton {{ text-align: left; padding: 4px 8px; border: 1px solid #D9D9D9; border-radius: 3px;
              background: #FFFFFF; min-width: 108px; }}
QPushButton:hover {{ border-color: {accent}; background: #FFF7F7; }}
QPushButton:disabled {{ color: #222222; }}
"""
COLUMNS = 6


class FigureCard(QPushButton):
    """A big number over its label; clickable when there is a list behind it."""

    def __init__(
        self, key: str, value: str, label: str, target: Target | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"{value}\n{label}", parent)
        self.key = key
        self.target = target
        self.setStyleSheet(CARD_STYLE.format(accent="#C8161D"))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.setFont(font)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.setCursor(Qt.CursorShape.PointingHandCursor if target else Qt.CursorShape.ArrowCursor)
        self.setFlat(target is None)
        if target is not None:
            self.setToolTip(tr("点击查看明细"))


def _clear_layout(layout: QLayout) -> None:
    """Remove and delete everything in ``layout``, nested rows included."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
            item.layout().deleteLater()


class FigureGroups(QWidget):
    """Group boxes of cards (阵地, 组织, 队伍, 积分, 诉求, 三个100%)."""

    def __init__(self, on_open: Callable[[Target], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_open = on_open
        self.cards: dict[str, FigureCard] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def clear(self) -> None:
        _clear_layout(self.layout_)
        self.cards.clear()

    def show_figures(
        self, figures: Sequence[Figure], promises: Sequence[Promise], period_label: str
    ) -> None:
        self.clear()
        groups: dict[str, list[Figure]] = {}
        for f in figures:
            groups.setdefault(f.group, []).append(f)
        row = QHBoxLayout()
        for name in ("阵地", "组织", "队伍"):
            row.addWidget(self._group(tr(name), groups.get(name, [])), 1)
        self.layout_.addLayout(row)
        row = QHBoxLayout()
        for name in ("积分", "诉求"):
            row.addWidget(self._group(tr(f"{name}（{period_label}）"), groups.get(name, [])), 1)
        row.addWidget(self._promises(promises, period_label), 1)
        self.layout_.addLayout(row)

    def _group(self, title: str, figures: Sequence[Figure]) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.setSpacing(4)
        columns = 2 if len(figures) <= 6 else 3
        for i, f in enumerate(figures):
            card = FigureCard(f.key, f.text, tr(f.label), f.target, box)
            if f.target is not None:
                card.clicked.connect(lambda _=False, t=f.target: self.on_open(t))
            self.cards[f.key] = card
            grid.addWidget(card, *divmod(i, columns))
        return box

    def _promises(self, promises: Sequence[Promise], period_label: str) -> QGroupBox:
        box = QGroupBox(tr(f"三个100%（{period_label}）"), self)
        grid = QGridLayout(box)
        grid.setSpacing(4)
        for i, p in enumerate(promises):
            card = FigureCard(
                f"promise.{p.key}",
                f"{p.text}  {p.covered}/{p.total}",
                tr(p.label),
                Target("shortfalls", {"promise": p.key}),
                box,
            )
            card.clicked.connect(lambda _=False, t=card.target: self.on_open(t))
            self.cards[card.key] = card
            grid.addWidget(card, i, 0)
        return box
