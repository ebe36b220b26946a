"""Chinese line-breaking for reportlab paragraphs (``wordWrap="CJK"``).

reportlab's own CJK splitter knows the Japanese rules only in part: it lets a line start with
"，" "：" "；" "）" "”" and end with "（" "“". This splitter fills each line as far as it fits, then
moves the break back while the next line would start with closing punctuation, this line would end
with opening punctuation, or the break would cut a run of Latin letters or digits (2026, XH-01).
If no break on the line keeps the rules, it breaks where the line is full.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph

NO_LINE_START = frozenset("，。、；：？！”’）》」』】〕〗…%,.;:?!)]}·—")
NO_LINE_END = frozenset("“‘（《「『【〔〖([{")


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-")


def _bad_break(units: list[Any], at: int) -> bool:
    before, after = str(units[at - 1]), str(units[at])
    if after in NO_LINE_START or before in NO_LINE_END:
        return True
    return bool(before) and bool(after) and _latin(before) and _latin(after)


def _width(unit: Any, max_width: float) -> float:
    w = unit.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _line_end(units: list[Any], start: int, max_width: float) -> tuple[int, bool]:
    """(index after the last unit that fits from ``start``, whether a <br/> ended the line)."""
    used, i = 0.0, start
    while i < len(units):
        unit = units[i]
        if hasattr(unit.frag, "lineBreak"):
            return i + 1, True
        used += _width(unit, max_width)
        if used > max_width + rl_paragraph._FUZZ and i > start:
            return i, False
        i += 1
    return i, False


def cjk_frag_split(
    frags: list[Any], maxWidths: list[float], calcBounds: bool, encoding: str = "utf8"
) -> Any:  # noqa: N803 — reportlab's signature
    units: list[Any] = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(rl_paragraph.cjkU(t, frag, encoding) for t in text)
        else:
            units.append(rl_paragraph.cjkU(text, frag, encoding))
    lines: list[Any] = []
    start = 0
    while start < len(units):
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        end, line_break = _line_end(units, start, max_width)
        if end < len(units) and not line_break:
            at = end
            while at > start + 1 and _bad_break(units, at):
                at -= 1
            end = at if not _bad_break(units, at) else end
        used = sum(_width(u, max_width) for u in units[start:end])
        lines.append(
            rl_paragraph.makeCJKParaLine(
                units[start:end], max_width, used, max_width - used, line_break, calcBounds
            )
        )
        start = end
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def word_split(
    word: str | bytes,
    maxWidths: list[float] | float,  # noqa: N803 — reportlab's signature
    fontName: str,  # noqa: N803
    fontSize: float,  # noqa: N803
    encoding: str = "utf8",
) -> list[tuple[float, str]]:
    """The single-font case: [(space left over, line text)] by the same rules."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    chars = list(text)
    char_widths = [stringWidth(ch, fontName, fontSize) for ch in chars]
    lines: list[tuple[float, str]] = []
    start = 0
    while start < len(text):
        max_width = widths[min(len(lines), len(widths) - 1)]
        used, end = 0.0, start
        while end < len(text):
            used += char_widths[end]
            if used > max_width + rl_paragraph._FUZZ and end > start:
                break
            end += 1
        if end < len(text):
            at = end
            while at > start + 1 and _bad_break(chars, at):
                at -= 1
            end = at if not _bad_break(chars, at) else end
        lines.append((max_width - sum(char_widths[start:end]), text[start:end]))
        start = end
    return lines


def install() -> None:
    """Make every CJK paragraph break lines by these rules."""
    rl_paragraph.cjkFragSplit = cjk_frag_split
    rl_paragraph.wordSplit = word_split
