"""The icon fonts xhdesk draws from: qtawesome's Font Awesome 5 Solid ("fa5s.…") only.

qtawesome loads all ten of its bundled icon fonts (6 MB, each checked against its MD5 sum) at
the first icon. Told which ones are used, it loads one, and build.spec ships only that one.
"""

from __future__ import annotations

ICON_FONTS = ("fa5s",)


def load_only_used_icon_fonts() -> None:
    """Before the first icon: qtawesome keeps only ICON_FONTS among its bundled fonts."""
    import qtawesome

    fonts = getattr(qtawesome, "_BUNDLED_FONTS", None)  # qtawesome 1.x; otherwise all stay
    if fonts is not None:
        qtawesome._BUNDLED_FONTS = tuple(f for f in fonts if f[0] in ICON_FONTS)
