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


load_only_used_icon_fonts()

__all__ = ["ICON_FONTS", "load_only_used_icon_fonts", "qta"]
