"""This installation's printing settings: the font, the seal image, per-printer 套打 offsets.

They belong to the machine (its fonts, its printers, the seal file on its disk), so they live in
``local_state`` and never sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store

FONT_KEY = "print_font"
SEAL_KEY = "print_seal_image"
OFFSETS_KEY = "print_offsets"
MAX_OFFSET_MM = 30.0


@dataclass(frozen=True)
class PrintSettings:
    font: str = ""  # a font file or family name; empty: found automatically
    seal_image: str = ""  # a PNG of the seal; empty: certificates print without one
    offsets: dict[str, tuple[float, float]] = field(default_factory=dict)  # printer → (dx, dy) mm

    def offset_for(self, printer: str) -> tuple[float, float]:
        return self.offsets.get(printer, (0.0, 0.0))


def print_settings(store: Store) -> PrintSettings:
    state = store.local_state()
    try:
        raw = json.loads(state.get(OFFSETS_KEY, "{}"))
        offsets = {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
    except (ValueError, TypeError, IndexError, AttributeError):
        offsets = {}
    return PrintSettings(state.get(FONT_KEY, ""), state.get(SEAL_KEY, ""), offsets)


def set_font(store: Store, font: str) -> None:
    store.set_local_state(**{FONT_KEY: font.strip()})


def set_seal_image(store: Store, path: str) -> None:
    """Use the seal image at ``path`` (PNG/JPEG); empty to print without a seal."""
    path = path.strip()
    if path and not Path(path).is_file():
        raise ValidationError(f"印章图片不存在：{path}")
    if path and Path(path).suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ValidationError("印章图片须为 PNG 或 JPG 格式（建议使用透明背景的 PNG）。")
    store.set_local_state(**{SEAL_KEY: path})


def set_printer_offset(store: Store, printer: str, dx_mm: float, dy_mm: float) -> None:
    """Remember how far ``printer`` shifts its output (right and down positive, millimetres)."""
    if abs(dx_mm) > MAX_OFFSET_MM or abs(dy_mm) > MAX_OFFSET_MM:
        raise ValidationError(f"偏移量不能超过 {MAX_OFFSET_MM:g} mm，请检查测量值。")
    offsets = dict(print_settings(store).offsets)
    offsets[printer] = (round(dx_mm, 1), round(dy_mm, 1))
    store.set_local_state(**{OFFSETS_KEY: json.dumps(offsets, ensure_ascii=False)})
