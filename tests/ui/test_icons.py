"""Icons come from the one icon font the bundle ships (build.spec keeps only ICON_FONTS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import qtawesome

from xhdesk.ui.common.icons import ICON_FONTS, load_only_used_icon_fonts

SOURCES = Path(__file__).resolve().parents[2] / "xhdesk"


def test_every_icon_in_the_code_comes_from_a_kept_font() -> None:
    prefixes = "|".join(re.escape(font[0]) for font in qtawesome._BUNDLED_FONTS)
    pattern = re.compile(rf"[\"']({prefixes})\.[a-z0-9-]+[\"']")
    used = {
        m.group(1) for p in SOURCES.rglob("*.py") for m in pattern.finditer(p.read_text("utf-8"))
    }
    assert used and used <= set(ICON_FONTS)


def test_only_the_kept_fonts_load_and_icons_still_draw(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qtawesome, "_BUNDLED_FONTS", qtawesome._BUNDLED_FONTS)
    monkeypatch.setitem(qtawesome._resource, "iconic", None)  # as at start: no font loaded yet
    load_only_used_icon_fonts()
    assert not qtawesome.icon("fa5s.search", color="#444").pixmap(16, 16).isNull()
    assert set(qtawesome._instance().charmap) == set(ICON_FONTS)


def test_icons_draw_where_text_is_laid_out_without_shaping(qtbot) -> None:  # noqa: ANN001
    """The theme's font skips text shaping; an icon glyph drawn with it would come out blank."""
    from PySide6.QtGui import QFont

    from xhdesk.ui.app import make_app

    app = make_app()
    assert app.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    image = qtawesome.icon("fa5s.print", color="#444").pixmap(32, 32).toImage()
    inked = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha()
    )
    assert inked > 50
