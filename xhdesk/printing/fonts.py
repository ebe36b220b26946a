"""Finding a Chinese font that reportlab can embed, with a fallback that always works.

reportlab embeds TrueType outlines only (``.ttf``, or one face of a ``.ttc`` collection); fonts with
CFF outlines (``OTTO`` — most ``.otf`` files and the Noto/Source Han CJK collections) cannot be
embedded, so every candidate's header is checked before it is used. When no CJK TrueType font is
found the documents use reportlab's built-in ``STSong-Light`` CID font: the PDF is still produced,
but the reader supplies the glyphs (the font is not embedded).

Documents ask for two roles: ``serif`` (宋体/仿宋 feel, body text) and ``sans`` (黑体 feel, titles).
The font the user chose in the settings (a file path or a family name) takes the serif role.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK_FONT = "STSong-Light"

# Windows font files by role, best first (all TrueType outlines).
WINDOWS_FONTS = {
    "serif": ["simsun.ttc", "simfang.ttf", "simkai.ttf", "msyh.ttc", "simhei.ttf"],
    "sans": ["simhei.ttf", "msyh.ttc", "msyhbd.ttc", "simsun.ttc"],
}
# Known Linux/macOS paths tried after fontconfig.
KNOWN_PATHS = [
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
]
# Words in a file name that hint at a serif (宋/仿宋/楷) face.
SERIF_HINTS = ("sim sun", "simsun", "song", "ming", "fang", "kai", "serif")


@dataclass(frozen=True)
class FontCandidate:
    path: str
    subfont: int = 0

    @property
    def looks_serif(self) -> bool:
        name = Path(self.path).name.lower()
        return any(hint in name for hint in SERIF_HINTS) and "sans" not in name


@dataclass(frozen=True)
class FontSet:
    """The reportlab font names the documents draw with."""

    serif: str
    sans: str
    embedded: bool  # False when falling back to the built-in CID font
    source: str  # the file(s) used, for the settings page and the log


def is_truetype(path: str | os.PathLike[str], subfont: int = 0) -> bool:
    """True if the face has TrueType (glyf) outlines, which reportlab can embed."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12 + 4 * (subfont + 1))
            if head[:4] == b"ttcf":
                count = int.from_bytes(head[8:12], "big")
                if subfont >= count:
                    return False
                offset = int.from_bytes(head[12 + 4 * subfont : 16 + 4 * subfont], "big")
                fh.seek(offset)
                head = fh.read(4)
    except OSError:
        return False
    return head[:4] in (b"\x00\x01\x00\x00", b"true")


def _fontconfig_files() -> list[str]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [line.split(":", 1)[0].strip() for line in out.splitlines() if line.strip()]
    return sorted(set(files))


def _windows_candidates() -> list[FontCandidate]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    seen: list[FontCandidate] = []
    for role in ("serif", "sans"):
        for name in WINDOWS_FONTS[role]:
            cand = FontCandidate(str(folder / name))
            if cand not in seen:
                seen.append(cand)
    return seen


def discover() -> list[FontCandidate]:
    """Every CJK font file on this machine that reportlab can embed, best first."""
    paths: list[FontCandidate] = []
    if sys.platform.startswith("win"):
        paths += _windows_candidates()
    paths += [FontCandidate(p) for p in _fontconfig_files()]
    paths += [FontCandidate(p) for p in KNOWN_PATHS]
    found: list[FontCandidate] = []
    for cand in paths:
        if cand not in found and Path(cand.path).is_file() and is_truetype(cand.path):
            found.append(cand)
    return found


def _register(cand: FontCandidate) -> str | None:
    name = f"XH-{Path(cand.path).stem}-{cand.subfont}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, cand.path, subfontIndex=cand.subfont))
    except (TTFError, OSError, ValueError):
        return None
    return name


def _fallback() -> FontSet:
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FontSet(FALLBACK_FONT, FALLBACK_FONT, embedded=False, source=FALLBACK_FONT)


def _preferred(preferred: str, found: list[FontCandidate]) -> FontCandidate | None:
    if Path(preferred).is_file():
        return FontCandidate(preferred) if is_truetype(preferred) else None
    wanted = preferred.lower().replace(" ", "")
    for cand in found:
        if wanted in Path(cand.path).stem.lower().replace(" ", ""):
            return cand
    return None


@lru_cache(maxsize=8)
def load_fonts(preferred: str = "") -> FontSet:
    """Register and return the fonts to draw with (cached; the setting is ``preferred``)."""
    found = discover()
    chosen = _preferred(preferred, found) if preferred else None
    serif_cand = chosen or next((c for c in found if c.looks_serif), None)
    sans_cand = next((c for c in found if not c.looks_serif), None)
    serif = _register(serif_cand) if serif_cand else None
    sans = _register(sans_cand) if sans_cand else None
    if not serif and not sans:
        return _fallback()
    serif = serif or sans
    sans = sans or serif
    assert serif and sans
    sources = {c.path for c in (serif_cand, sans_cand) if c is not None}
    return FontSet(serif, sans, embedded=True, source="；".join(sorted(sources)))


def font_choices() -> list[str]:
    """The font files a user may pick in the settings (plus the empty choice, "automatic")."""
    return [c.path for c in discover()]
