"""Tiny TrueType faces built with fontTools, to stand in for the machine's fonts in tests.

Every glyph is the same box; only the character map matters to font selection, and the text
read back from the PDF comes from the ToUnicode map that reportlab writes for each face.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def gb2312_hanzi() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def _box():  # noqa: ANN202 — a fontTools glyph
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((900, 700))
    pen.lineTo((900, 0))
    pen.closePath()
    return pen.glyph()


def build_font(path: Path, chars: Iterable[str], family: str) -> Path:
    """A TrueType face with a box glyph for each of ``chars``; OS/2 claims CJK ideographs."""
    points = sorted({ord(c) for c in chars})
    names = [".notdef"] + [f"u{cp:X}" for cp in points]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({cp: f"u{cp:X}" for cp in points})
    glyph = _box()
    fb.setupGlyf({n: glyph for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120, ulUnicodeRange2=1 << 27)
    fb.setupPost()
    fb.save(str(path))
    return path


def no_ascii_font(folder: Path) -> Path:
    """Like Droid Sans Fallback: every GB 2312 hanzi and CJK punctuation, but no digits or Latin."""
    punctuation = "，。、；：？！“”‘’（）《》「」〇【】…—·×　"
    return build_font(folder / "AAA-NoAscii.ttf", gb2312_hanzi() + list(punctuation), "NoAscii")


def extension_font(folder: Path) -> Path:
    """A face with only 𠮷 (U+20BB7, Extension B) and 䶮 (U+4DAE, Extension A)."""
    return build_font(folder / "ExtB.ttf", "𠮷䶮", "ExtB")
