"""Look: system CJK font first, Fusion with a neutral palette, party red as a sparing accent."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QProxyStyle,
    QPushButton,
    QStyleFactory,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

ACCENT = "#C8161D"
AMBER = QColor("#FFF4CE")
RED_ROW = QColor("#FDE2E1")
FONT_CANDIDATES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

# Style-sheet rules by the kind of widget they dress. They are set on those widgets alone (see
# ThemeStyle), never on the application: an application style sheet puts every widget under Qt's
# style-sheet style, which looks up its rules for each cell of every table on every paint (a
# third of a 党员队伍 repaint), although no rule dresses a cell.
TAB_RULES = f"""
QTabBar::tab {{ padding: 6px 18px; min-width: 80px; }}
QTabBar::tab:selected {{ border-bottom: 2px solid {ACCENT}; color: #1f1f1f; font-weight: bold; }}
"""
TOOLBAR_RULES = "QToolBar { spacing: 4px; border: none; padding: 2px; }"
TOOL_BUTTON_RULES = "QToolButton { padding: 3px 6px; }"
HEADER_RULES = """
QHeaderView::section { background: #f3f3f3; border: none; border-right: 1px solid #dcdcdc;
  border-bottom: 1px solid #dcdcdc; padding: 4px 6px; font-weight: bold; }
"""
PRIMARY_RULES = f"""
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: 1px solid #a51217;
  border-radius: 3px; padding: 5px 16px; }}
QPushButton[primary="true"]:hover {{ background: #d8262d; }}
QPushButton[primary="true"]:disabled {{ background: #eab3b5; border-color: #e3a6a8; }}
"""
ROLE_RULES = """
QLabel[role="heading"] { font-size: 13pt; font-weight: bold; color: #1f1f1f; }
QLabel[role="muted"] { color: #6b6b6b; }
QLabel[role="empty"] { color: #6b6b6b; font-size: 11pt; }
"""
CARD_RULES = (
    'QFrame[role="card"] { background: #ffffff; border: 1px solid #e1e1e1; border-radius: 4px; }'
)
GRID_LINE = QColor("#e3e3e3")
DRESSED = "xhdesk_dressed"  # a widget property: its rules are set


def widget_rules(widget: QWidget) -> str:
    """The theme's rules for this widget, or "" (most widgets: Fusion and the palette alone)."""
    if isinstance(widget, QTabBar):
        return TAB_RULES
    if isinstance(widget, QToolBar):
        return TOOLBAR_RULES
    if isinstance(widget, QToolButton):
        return TOOL_BUTTON_RULES
    if isinstance(widget, QHeaderView):
        return HEADER_RULES
    if isinstance(widget, QPushButton):
        return PRIMARY_RULES if widget.property("primary") else ""
    if isinstance(widget, QLabel):
        return ROLE_RULES if widget.property("role") else ""
    if isinstance(widget, QFrame) and widget.property("role") == "card":
        return CARD_RULES
    return ""


class ThemeStyle(QProxyStyle):
    """Fusion; as each widget is first polished, the rules for its kind go before its own."""

    def polish(self, target: Any) -> Any:
        result = super().polish(target)
        if isinstance(target, QWidget) and not target.property(DRESSED):
            dress(target)
        return result


def dress(widget: QWidget) -> None:
    if isinstance(widget, QAbstractItemView):
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Mid, GRID_LINE)  # the grid lines of a table
        widget.setPalette(palette)
        # Names, numbers and dates need no ligatures or kerning: Qt then lays each cell's text
        # out without HarfBuzz (the same pixels; a quarter less time per repaint of a list).
        # Scripts that must be shaped still are.
        font = widget.font()
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        widget.setFont(font)
    rules = widget_rules(widget)
    if rules:
        widget.setProperty(DRESSED, True)  # before: setting a sheet polishes the widget again
        widget.setStyleSheet(rules + widget.styleSheet())


def pick_font_family() -> str:
    available = set(QFontDatabase.families())
    for family in FONT_CANDIDATES:
        if family in available:
            return family
    return QApplication.font().family()


_styles: list[ThemeStyle] = []  # Python must keep the style whose polish() it overrides


def apply_theme(app: QApplication) -> None:
    _styles.append(ThemeStyle(QStyleFactory.create("Fusion")))
    app.setStyle(_styles[-1])
    font = QFont(pick_font_family())
    font.setPointSizeF(9.5)
    app.setFont(font)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fb"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3fa"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe1"))
    app.setPalette(palette)
