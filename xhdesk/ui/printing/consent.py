"""A character no installed face can draw: the window names it and asks before printing 〓.

``render_with_consent`` wraps a quick render on the UI thread; ``run_print_task`` a long one in
the background. Either way the first attempt uses the strict fonts; after a "yes" the document is
rendered again with ``fonts.lenient()``, so nothing is ever left silently blank.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from xhdesk.i18n import tr
from xhdesk.ui.common.messages import confirm, show_error
from xhdesk.ui.common.workers import Progress, Task, run_task

if TYPE_CHECKING:
    from xhdesk.printing.fonts import FontSet


def ask_to_print_anyway(parent: QWidget | None, exc: BaseException) -> bool:
    text = str(exc) + tr("。\n\n仍要打印吗？无法打印的字将印作“〓”，请打印后手写补上。")
    return confirm(parent, text, tr("有无法打印的字"))


def render_with_consent(
    parent: QWidget | None, render: Callable[[FontSet], bytes], fonts: FontSet
) -> bytes | None:
    """``render(fonts)``; None if it failed (the error was shown) or the user declined."""
    from xhdesk.printing.fonts import UnprintableError

    try:
        return render(fonts)
    except UnprintableError as exc:
        if not ask_to_print_anyway(parent, exc):
            return None
        return render(fonts.lenient())
    except Exception as exc:  # noqa: BLE001 — shown in words (or logged if a bug)
        show_error(parent, exc)
        return None


def run_print_task(
    parent: QWidget | None,
    work: Callable[[Progress, FontSet], bytes],
    fonts: FontSet,
    title: str,
    on_done: Callable[[Any], None],
) -> Task:
    """``work(progress, fonts)`` in the background; on an unprintable character, ask and rerun."""
    from xhdesk.printing.fonts import UnprintableError

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UnprintableError) and ask_to_print_anyway(parent, exc):
            run_print_task(parent, work, fonts.lenient(), title, on_done)
        elif not isinstance(exc, UnprintableError):
            show_error(parent, exc)

    return run_task(
        lambda progress: work(progress, fonts),
        parent=parent,
        title=title,
        on_done=on_done,
        on_error=failed,
    )
