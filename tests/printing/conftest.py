"""Fixtures for the printing tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def seal_png(tmp_path: Path) -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 195, 195), outline=(200, 22, 29, 230), width=8)
    path = tmp_path / "seal.png"
    image.save(path)
    return str(path)
