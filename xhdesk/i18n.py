"""One translation function for every user-visible string.

The UI is Simplified Chinese; strings are written in Chinese at the call site and pass through
``tr`` so that a catalogue (e.g. English) can be plugged in later without touching callers.
"""

from __future__ import annotations

_catalogue: dict[str, str] = {}


def tr(text: str) -> str:
    """Return the translation of ``text`` in the active catalogue (Chinese by default)."""
    return _catalogue.get(text, text)


def install_catalogue(catalogue: dict[str, str]) -> None:
    _catalogue.clear()
    _catalogue.update(catalogue)
