"""The window names a character no face can draw and asks; 〓 is printed only after a yes."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from xhdesk.printing import fonts
from xhdesk.printing.certificate import Certificate, render_certificates
from xhdesk.ui.printing import consent

CERT = Certificate("2026-HQS-3FA2C1-0001", "王𠮷", "表现突出。", "组织部", date(2026, 11, 28))


def _text(data: bytes) -> str:
    return re.sub(r"\s+", "", PdfReader(io.BytesIO(data)).pages[0].extract_text())


@pytest.fixture
def shipped_only(monkeypatch) -> fonts.FontSet:
    monkeypatch.setattr(fonts, "candidate_files", lambda: [])
    fonts.load_fonts.cache_clear()
    yield fonts.load_fonts()
    fonts.load_fonts.cache_clear()


@pytest.mark.parametrize("answer", [True, False], ids=["yes", "no"])
def test_the_window_asks_before_printing_a_placeholder(qtbot, monkeypatch, shipped_only, answer):
    asked: list[str] = []
    monkeypatch.setattr(consent, "confirm", lambda _p, text, _t: asked.append(text) or answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    data = consent.render_with_consent(
        parent, lambda f: render_certificates([CERT], f), shipped_only
    )
    assert len(asked) == 1 and asked[0].startswith("王𠮷：无法打印「𠮷」")
    if answer:
        assert data is not None and "王〓同志" in _text(data)
    else:
        assert data is None


def test_a_background_print_asks_and_reruns(qtbot, monkeypatch, shipped_only):
    monkeypatch.setattr(consent, "confirm", lambda *_: True)
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[bytes] = []
    consent.run_print_task(
        parent, lambda _p, f: render_certificates([CERT], f), shipped_only, "打印", done.append
    )
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert "王〓同志" in _text(done[0])
