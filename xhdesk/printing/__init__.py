"""Printed documents, rendered with reportlab from plain values (no Qt, no database).

Content streams are written Flate-compressed but not ASCII85-wrapped: the wrapping only makes
files larger, and reportlab's pure-Python encoder for it was a large share of the time spent
rendering a thousand certificates.

reportlab writes a character outside the Basic Multilingual Plane (𠮷 U+20BB7) into a font's
ToUnicode map as ``<20BB7>``, which PDF readers reject, so copying or searching the text loses it;
the map is written here with UTF-16 surrogate pairs instead, as the PDF reference requires.
Paragraphs break lines by the Chinese rules in ``linebreak``.
"""

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

rl_config.useA85 = 0


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

from xhdesk.printing import linebreak  # noqa: E402 — after reportlab is configured

linebreak.install()
