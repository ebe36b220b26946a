"""The look, and what makes a table of 100,000 persons quick to repaint as one types.

Text is laid out without shaping (the same pixels, a quarter less time per repaint; icon glyphs
keep theirs), and the row numbers are sized from the first and last row only and never shrink.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from xhdesk.ui.app import make_app
from xhdesk.ui.common.tables import office_table
from xhdesk.ui.common.theme import ACCENT


class _Numbers(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked: set[int] = set()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"张三{index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            self.asked.add(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(section + 1) if orientation == Qt.Orientation.Vertical else "姓名"

    def set_rows(self, rows: int) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def _shown(qtbot, *widgets: QWidget, size: tuple[int, int] | None = None) -> QWidget:  # noqa: ANN001
    """The widgets side by side in a shown window (keep it: the widgets live as long as it does)."""
    make_app()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QHBoxLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    if size is not None:
        holder.resize(*size)
    holder.show()
    qtbot.waitExposed(holder)
    return holder


def _colour_at_centre(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, 3)


def test_a_primary_button_is_party_red(qtbot) -> None:  # noqa: ANN001
    button = QPushButton("保存")
    button.setProperty("primary", True)
    plain = QPushButton("取消")
    _window = _shown(qtbot, button, plain)
    assert _colour_at_centre(button).name() == QColor(ACCENT).name()
    assert _colour_at_centre(plain).name() != QColor(ACCENT).name()


def test_a_heading_label_is_larger_and_bold(qtbot) -> None:  # noqa: ANN001
    heading = QLabel("驿站阵地")
    heading.setProperty("role", "heading")
    body = QLabel("驿站阵地")
    _window = _shown(qtbot, heading, body)
    assert heading.font().bold() and not body.font().bold()
    assert heading.sizeHint().height() > body.sizeHint().height()


def test_row_numbers_fit_the_largest_and_are_sized_without_reading_every_row(qtbot) -> None:  # noqa: ANN001
    model = _Numbers(1_000)
    table: QTableView = office_table(model, None)
    _window = _shown(qtbot, table, size=(600, 400))
    header = table.verticalHeader()
    widths = []
    for rows in (123_456, 7, 99_999):
        model.asked = set()
        model.set_rows(rows)
        qtbot.wait(20)  # the header is laid out and painted again
        bold = QFont(header.font())
        bold.setBold(True)  # the theme's header sections
        needed = QFontMetrics(bold).horizontalAdvance(str(rows))
        assert header.width() > needed  # the last row's number is not cut off
        widths.append(header.width())
        # the rows on screen and the last; Qt's own hint reads the first and last hundred
        on_screen = set(range(table.rowAt(table.viewport().height() - 1) + 1 or rows))
        assert model.asked <= on_screen | {rows - 1}
    assert widths[0] == widths[1] == widths[2]  # narrowing a search does not shift the table


def test_tables_lay_text_out_without_shaping_and_look_the_same(qtbot) -> None:  # noqa: ANN001
    """Names, ID numbers and firms need no HarfBuzz shaping; skipping it must not move a pixel."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    model = QStandardItemModel(4, 2)
    for row, text in enumerate(
        ["张三丰", "Zhang San", "110101********023X", "兴化市饱了么外卖配送"]
    ):
        model.setItem(row, 0, QStandardItem(text))
        model.setItem(row, 1, QStandardItem(text))
    table = office_table(model, None, (160, 200))
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame on the current cell
    _window = _shown(qtbot, table, size=(480, 200))
    assert table.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    fast = table.viewport().grab().toImage()
    shaped = QFont(table.font())
    shaped.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
    table.setFont(shaped)
    qtbot.wait(10)
    assert table.viewport().grab().toImage() == fast
