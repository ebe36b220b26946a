"""Fonts chosen by what they can draw, never by their names or paths.

A face *qualifies* to set Chinese documents only if its character map covers ASCII, the CJK
punctuation a Chinese text uses (U+3000–3017 without the JIS mark, 〝〞〟, so 〇 too), the full-width
forms, “”‘’—…·× and all 6,763 hanzi of GB 2312. A machine font that lacks the digits (Droid Sans
Fallback) therefore never becomes the main face, however its file is named.

Each role (``serif`` for body text, ``sans`` for titles) gets a *chain* of faces: the font the user
chose in the settings (for every role), then qualifying faces — the machine's SimSun/FangSong/KaiTi
(serif) or SimHei/Microsoft YaHei (sans) first for the 公文 look, then the face shipped in
``resources/fonts`` so that every PC prints the same, then the machine's other qualifying faces —
then every other CJK face (CJK Extension A/B faces among them). Each character is drawn with the
first face in the chain that has it (``FontSet.runs``). A character no face has is reported before
anything is drawn (``FontSet.check``); with the user's consent it prints as 〓, never as a blank.

reportlab embeds TrueType outlines only (``glyf``); CFF faces (most ``.otf``, Noto/Source Han CJK)
are skipped.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from xhdesk.data.core.errors import XhdeskError

SHIPPED_FONT = "wqy-microhei.ttc"
PLACEHOLDER = "〓"  # the typesetter's mark for a missing character (U+3013)
ROLES = ("serif", "sans")
# Family names (lower case, no spaces) that give the 公文 look in each role; the rank only orders
# faces that already qualify by coverage.
LOOK = {
    "serif": ("simsun", "nsimsun", "宋体", "新宋体", "fangsong", "仿宋", "kaiti", "楷体"),
    "sans": ("simhei", "黑体", "microsoftyahei", "微软雅黑"),
}
# Known Linux/macOS files tried after fontconfig (coverage decides whether they are used).
KNOWN_PATHS = [
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
]
_CJK_PROBE = (0x4E00, 0x4E2D, 0x6587, 0x3400, 0x20000, 0x20BB7, 0x4DAE)


class UnprintableError(XhdeskError):
    """Some text contains a character that no installed face can draw."""

    def __init__(self, record: str, chars: str) -> None:
        shown = "、".join(f"「{ch}」" for ch in chars)
        super().__init__(f"{record}：无法打印{shown}，请安装含扩展字库的字体或在打印设置中选择字体")
        self.record = record
        self.chars = chars


class NoFontError(XhdeskError):
    """Not one embeddable CJK face was found (the shipped one is missing too)."""


def _gb2312_hanzi() -> list[int]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return out


@lru_cache(maxsize=1)
def required() -> frozenset[int]:
    """The code points a face must cover to set a Chinese document on its own."""
    points = set(range(0x21, 0x7F)) | set(range(0xFF01, 0xFF5F))
    points |= set(range(0x3000, 0x3018)) - {0x3004}
    points |= {0x301D, 0x301E, 0x301F}
    points |= {ord(ch) for ch in "“”‘’—…·×"}
    return frozenset(points | set(_gb2312_hanzi()))


@dataclass(frozen=True)
class Face:
    """One TrueType face in a file, with its character map."""

    path: str
    subfont: int
    family: str
    coverage: frozenset[int] = field(repr=False)

    @property
    def qualifies(self) -> bool:
        return required() <= self.coverage

    @property
    def has_cjk(self) -> bool:
        return any(cp in self.coverage for cp in _CJK_PROBE)

    def look(self, role: str) -> bool:
        family = self.family.lower().replace(" ", "")
        return any(family.startswith(name) for name in LOOK[role])


def resources_fonts_dir() -> Path:
    """``resources/fonts`` beside the package, or inside a PyInstaller bundle."""
    here = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    if here.is_dir():
        return here
    return Path(getattr(sys, "_MEIPASS", ".")) / "resources" / "fonts"


def shipped_font() -> str:
    return str(resources_fonts_dir() / SHIPPED_FONT)


def _fontconfig_files() -> list[str]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":", 1)[0].strip() for line in out.splitlines() if line.strip()})


def _windows_files() -> list[str]:
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    files: list[str] = []
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        files += [str(p) for p in entries if p.suffix.lower() in (".ttf", ".ttc")]
    return files


def candidate_files() -> list[str]:
    """Font files worth reading, in discovery order (tests replace this list)."""
    files = _windows_files() if sys.platform.startswith("win") else []
    files += _fontconfig_files() + KNOWN_PATHS
    return files


def _claims_cjk(font: object) -> bool:
    """OS/2 says the face has CJK ideographs (a cheap test before reading a large cmap)."""
    try:
        os2 = font["OS/2"]  # type: ignore[index]
    except Exception:  # noqa: BLE001 — a missing or broken table is no reason to skip the face
        return True
    ideographs, astral = 1 << 27, 1 << 25  # bits 59 and 57: CJK ideographs, beyond U+FFFF
    return bool(os2.ulUnicodeRange2 & (ideographs | astral)) or bool(
        os2.ulCodePageRange1 & (1 << 18)  # GB 2312
    )


def _format4(data: bytes, off: int) -> set[int]:
    seg_x2 = struct.unpack_from(">H", data, off + 6)[0]
    ends = struct.unpack_from(f">{seg_x2 // 2}H", data, off + 14)
    starts = struct.unpack_from(f">{seg_x2 // 2}H", data, off + 16 + seg_x2)
    deltas = struct.unpack_from(f">{seg_x2 // 2}H", data, off + 16 + 2 * seg_x2)
    ro_base = off + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{seg_x2 // 2}H", data, ro_base)
    points: set[int] = set()
    for i, (start, end, delta, ro) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for cp in range(start, min(end, 0xFFFE) + 1):
            if ro == 0:
                glyph = (cp + delta) & 0xFFFF
            else:
                at = ro_base + 2 * i + ro + 2 * (cp - start)
                glyph = struct.unpack_from(">H", data, at)[0] if at + 2 <= len(data) else 0
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(cp)
    return points


def _format12(data: bytes, off: int) -> set[int]:
    count = struct.unpack_from(">I", data, off + 12)[0]
    points: set[int] = set()
    for g in range(count):
        start, end, glyph = struct.unpack_from(">III", data, off + 16 + 12 * g)
        points.update(range(start + (glyph == 0), end + 1))
    return points


def cmap_points(data: bytes) -> frozenset[int]:
    """The code points a raw ``cmap`` table maps to a glyph (formats 4 and 12).

    Read directly: fontTools' own reader names every glyph first, which takes seconds for a CJK
    face and would be paid at the first print on every PC.
    """
    count = struct.unpack_from(">H", data, 2)[0]
    tables = [struct.unpack_from(">HHI", data, 4 + 8 * i) for i in range(count)]
    unicode_tables = [(p, e, o) for p, e, o in tables if p == 0 or (p == 3 and e in (1, 10))]
    by_format = {struct.unpack_from(">H", data, o)[0]: o for _, _, o in unicode_tables}
    if 12 in by_format:
        return frozenset(_format12(data, by_format[12]))
    if 4 in by_format:
        return frozenset(_format4(data, by_format[4]))
    return frozenset()


@lru_cache(maxsize=256)
def _read_faces(path: str, _stamp: tuple[int, int]) -> tuple[Face, ...]:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # type: ignore[import-untyped]

    try:
        with open(path, "rb") as fh:
            is_collection = fh.read(4) == b"ttcf"
        fonts = TTCollection(path, lazy=True).fonts if is_collection else [TTFont(path, lazy=True)]
    except (OSError, TTLibError, ValueError, AssertionError, struct.error):
        return ()
    faces = []
    for index, font in enumerate(fonts):
        try:
            if "glyf" not in font or not _claims_cjk(font):
                continue
            coverage = cmap_points(font.reader["cmap"])
            family = font["name"].getDebugName(1) or Path(path).stem
        except Exception:  # noqa: BLE001 — a damaged font file is skipped, not fatal
            continue
        faces.append(Face(path, index, family, coverage))
    return tuple(faces)


def read_faces(path: str) -> tuple[Face, ...]:
    """The embeddable CJK faces of one file (cached until the file changes)."""
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return _read_faces(os.path.realpath(path), (st.st_mtime_ns, st.st_size))


def discover() -> list[Face]:
    """Every embeddable CJK face on this machine, the shipped one included, in discovery order."""
    seen: set[str] = set()
    found: list[Face] = []
    for path in [*candidate_files(), shipped_font()]:
        real = os.path.realpath(path)
        if real in seen or not Path(real).is_file():
            continue
        seen.add(real)
        found += read_faces(real)
    return found


def is_truetype(path: str | os.PathLike[str], subfont: int = 0) -> bool:
    """True if the face has TrueType (glyf) outlines, which reportlab can embed."""
    return any(f.subfont == subfont for f in read_faces(str(path)))


def _chain(role: str, chosen: list[Face], found: list[Face]) -> list[Face]:
    shipped = os.path.realpath(shipped_font())
    qualified = [f for f in found if f.qualifies]
    order = (
        chosen
        + [f for f in qualified if f.look(role)]
        + [f for f in qualified if f.path == shipped]
        + qualified
        + [f for f in found if f.has_cjk]
    )
    chain: list[Face] = []
    drawn: frozenset[int] = frozenset()
    for face in order:
        # a face that adds no character would only cost the time to load it
        if face not in chain and not face.coverage <= drawn:
            chain.append(face)
            drawn |= face.coverage
    return chain


def _font_name(face: Face) -> str:
    tag = zlib.crc32(face.path.encode("utf-8")) & 0xFFFF
    return f"XH-{Path(face.path).stem}-{face.subfont}-{tag:04X}"


def _register(face: Face) -> str | None:
    """Load the face into reportlab (about a second for a large CJK face); None if it fails."""
    name = _font_name(face)
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, face.path, subfontIndex=face.subfont))
    except (TTFError, OSError, ValueError):
        return None
    return name


def _preferred(preferred: str, found: list[Face]) -> list[Face]:
    if not preferred:
        return []
    if Path(preferred).is_file():
        return list(read_faces(preferred))
    wanted = preferred.lower().replace(" ", "")
    return [f for f in found if f.family.lower().replace(" ", "") == wanted] or [
        f for f in found if wanted in Path(f.path).stem.lower().replace(" ", "")
    ]


@dataclass(frozen=True, eq=False)
class FontSet:
    """The faces the documents draw with: a primary reportlab font per role and its fallbacks."""

    serif: str
    sans: str
    embedded: bool
    source: str  # the file(s) used, for the settings page and the log
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    coverage: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    pending: dict[str, Face] = field(default_factory=dict, repr=False)  # not yet loaded
    allow_missing: bool = False  # the user agreed to print 〓 for characters no face has
    _memo: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    def primary(self, role: str = "serif") -> str:
        return self.sans if role == "sans" else self.serif

    def face_for(self, ch: str, role: str = "serif") -> str | None:
        """The first font in the role's chain that has ``ch`` (None: no face has it)."""
        key = (ch, role)
        if key not in self._memo:
            cp = ord(ch)
            chain = self.chains.get(role, ())
            name = next((n for n in chain if cp in self.coverage[n] and self._loaded(n)), None)
            if name is None and (ch.isspace() or not chain):
                name = self.primary(role)
            self._memo[key] = name
        return self._memo[key]

    def _loaded(self, name: str) -> bool:
        """Fallback faces are loaded the first time a character needs one."""
        face = self.pending.pop(name, None)
        if face is not None and _register(face) is None:
            self.coverage[name] = frozenset()  # unreadable after all: never asked again
            return False
        return True

    def runs(self, text: str, role: str = "serif") -> list[tuple[str, str]]:
        """``text`` as (font, piece) runs; a character no face has becomes 〓."""
        out: list[tuple[str, str]] = []
        for ch in text:
            name = self.face_for(ch, role)
            if name is None:
                ch, name = PLACEHOLDER, self.face_for(PLACEHOLDER, role) or self.primary(role)
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + ch)
            else:
                out.append((name, ch))
        return out

    def width(self, text: str, size: float, role: str = "serif") -> float:
        return sum(stringWidth(piece, name, size) for name, piece in self.runs(text, role))

    def missing(self, text: str) -> str:
        """The characters of ``text`` that no face can draw, each once, in order."""
        out = ""
        for ch in text:
            if ch not in out and all(self.face_for(ch, r) is None for r in ROLES):
                out += ch
        return out

    def check(self, record: str, *texts: object) -> None:
        """Refuse to print ``record`` if one of its texts has a character no face can draw."""
        if self.allow_missing:
            return
        lacking = "".join(self.missing("" if t is None else str(t)) for t in texts)
        if lacking:
            raise UnprintableError(record, "".join(dict.fromkeys(lacking)))

    def check_records(self, records: Iterable[tuple[str, Iterable[object]]]) -> None:
        for record, texts in records:
            self.check(record, *texts)

    def markup(self, text: str, role: str = "serif") -> str:
        """Escaped Paragraph markup: pieces the role's primary font lacks in their own face."""
        primary = self.primary(role)
        parts = []
        for name, piece in self.runs(text, role):
            esc = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            parts.append(esc if name == primary else f'<font name="{name}">{esc}</font>')
        return "".join(parts)

    def lenient(self) -> FontSet:
        """The same fonts, printing 〓 for characters no face has (the user agreed)."""
        return replace(self, allow_missing=True, _memo={})


@lru_cache(maxsize=8)
def load_fonts(preferred: str = "") -> FontSet:
    """Register and return the fonts to draw with (cached; the setting is ``preferred``)."""
    found = discover()
    chosen = _preferred(preferred, found)
    chains: dict[str, tuple[str, ...]] = {}
    coverage: dict[str, frozenset[int]] = {}
    pending: dict[str, Face] = {}
    sources: list[str] = []
    for role in ROLES:
        names: list[str] = []
        for face in _chain(role, chosen, found):
            name = _font_name(face)
            if not names:  # the primary face is loaded now, the fallbacks when needed
                if _register(face) is None:
                    continue
            elif name not in names and name not in coverage:
                pending[name] = face
            if name not in names:
                names.append(name)
                coverage[name] = face.coverage
                sources += [] if face.path in sources else [face.path]
        chains[role] = tuple(names)
    for role in ROLES:  # a face primary in one role is loaded already
        for name in chains[role][:1]:
            pending.pop(name, None)
    if not chains["serif"] or not chains["sans"]:
        raise NoFontError("找不到可嵌入的中文字体：请重新安装本软件，或在打印设置中选择字体。")
    return FontSet(
        chains["serif"][0],
        chains["sans"][0],
        embedded=True,
        source="；".join(sources[:3]),
        chains=chains,
        coverage=coverage,
        pending=pending,
    )


def font_choices() -> list[str]:
    """The font files a user may pick in the settings (plus the empty choice, "automatic")."""
    return list(dict.fromkeys(f.path for f in discover()))


def describe_font(path: str) -> str:
    """ "文泉驿微米黑 WenQuanYi Micro Hei（wqy-microhei.ttc）" for the settings list, with a warning
    when the face lacks characters a document needs (it then only fills in)."""
    faces = read_faces(path)
    if not faces:
        return path
    lacking = "" if any(f.qualifies for f in faces) else "，缺少常用字符，仅用于补字"
    shipped = "，随软件附带" if os.path.realpath(path) == os.path.realpath(shipped_font()) else ""
    return f"{faces[0].family}（{Path(path).name}{shipped}{lacking}）"
