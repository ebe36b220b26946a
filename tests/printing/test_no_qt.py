"""The printing documents and the awards services run without Qt (the CLI and tests rely on it)."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "xhdesk.printing.fonts",
    "xhdesk.printing.layout",
    "xhdesk.printing.linebreak",
    "xhdesk.printing.roster",
    "xhdesk.redaction",
    "xhdesk.printing.qrcode",
    "xhdesk.printing.certificate",
    "xhdesk.printing.overlay",
    "xhdesk.printing.points_notice",
    "xhdesk.printing.award_notice",
    "xhdesk.printing.receipt",
    "xhdesk.printing.meeting_notice",
    "xhdesk.data.awards",
    "xhdesk.data.core.print_settings",
    "xhdesk.documents.awards",
    "xhdesk.cli.printing",
    "xhdesk.cli.verify",
]


def test_printing_imports_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
