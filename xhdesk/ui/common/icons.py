"""The icon fonts xhdesk draws from: qtawesome's Font Awesome 5 Solid ("fa5s.…") only.

qtawesome loads all ten of its bundled icon fonts (6 MB, each checked against its MD5 sum) at
the first icon. Told which ones are used, it loads one, and build.spec ships only that one. So
every module takes qtawesome from here (``from xhdesk.ui.common.icons import qta``): it is told
on import, before any icon, and not before the window's frame is on screen (qtawesome and qtpy
take a tenth of a second or more to import).
"""

from __future__ import annotations

import qtawesome as qta

ICON_FONTS = ("fa5s",)


def load_only_used_icon_fonts() -> None:
    """Before the first icon: qtawesome keeps only ICON_FONTS among its bundled fonts."""
    fonts = getattr(qta, "_BUNDLED_FONTS", None)  # qtawesome 1.x; otherwise all stay
    if fonts is not None:
        qta._BUNDLED_FONTS = tuple(f for f in fonts if f[0] in ICON_FONTS)


def draw_icons_shaped() -> None:
    """Icon glyphs are drawn with their font's own shaping, whatever the text around them uses.

    The theme lays text out without shaping (``PreferNoShaping``: the same pixels for names and
    numbers, and faster); a font qtawesome makes for an icon would inherit that from the widget
    it is drawn on, and Font Awesome's glyphs then draw nothing.
    """
    from qtawesome.iconic_font import IconicFont
    from qtpy.QtGui import QFont

    make_font = IconicFont.font
    if getattr(make_font, "shaped", False):
        return

    def font(self: IconicFont, prefix: str, size: float) -> QFont:
        made = make_font(self, prefix, size)
        made.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
        return made

    font.shaped = True  # type: ignore[attr-defined]
    IconicFont.font = font  # type: ignore[method-assign]


load_only_used_icon_fonts()
draw_icons_shaped()

__all__ = ["ICON_FONTS", "draw_icons_shaped", "load_only_used_icon_fonts", "qta"]
