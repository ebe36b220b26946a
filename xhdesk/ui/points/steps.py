"""The review steps a node may take from the queue, and what each asks before it writes.

``prepare_step`` runs on the UI thread: it asks for a reason or a value (or a confirmation) and
returns the write to run in the background, or None if the person cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from xhdesk.data import points
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.points.queries import DeclarationRow
from xhdesk.i18n import tr
from xhdesk.ui.common.messages import confirm
from xhdesk.ui.points.dialogs import ask_points, ask_reason, ask_resubmit

# Steps that act on exactly one declaration.
SINGLE = ("confirm_value", "objection", "uphold", "dismiss", "resubmit")


@dataclass(frozen=True)
class Step:
    """A toolbar step: the event it appends and the states it applies to."""

    key: str
    icon: str
    text: str
    event: str
    states: tuple[str, ...]


STEPS = [
    Step("approve", "fa5s.check", "审核通过", "branch_approved", ("submitted",)),
    Step("return", "fa5s.undo", "退回", "branch_returned", ("submitted",)),
    Step("confirm", "fa5s.stamp", "认定", "committee_confirmed", ("approved",)),
    Step("confirm_value", "fa5s.sliders-h", "按分值认定", "committee_confirmed", ("approved",)),
    Step("reject", "fa5s.ban", "不予认定", "committee_rejected", ("approved", "confirmed")),
    Step("notice", "fa5s.bullhorn", "开始公示", "notice_started", ("confirmed",)),
    Step("objection", "fa5s.comment-dots", "登记异议", "objection_raised", ("in_notice",)),
    Step("uphold", "fa5s.gavel", "异议成立", "objection_upheld", ("objected",)),
    Step("dismiss", "fa5s.check-double", "异议不成立", "objection_dismissed", ("objected",)),
    Step("resubmit", "fa5s.redo", "重新提交", "resubmitted", ("returned",)),
]


def prepare_step(
    parent: QWidget, store: Store, step: Step, ids: list[str], first: DeclarationRow | None
) -> Callable[[], Changes] | None:
    """Ask what the step needs (a reason, a value) on the UI thread; the write runs later."""
    n = len(ids)
    if step.key == "approve":
        return lambda: points.approve(store, ids)
    if step.key == "confirm":
        return lambda: points.confirm(store, ids)
    if step.key == "notice":
        days = points.notice_days(store)
        if not confirm(parent, tr(f"将选中的 {n} 条申报自今日起公示 {days} 天？")):
            return None
        return lambda: points.start_notice(store, ids)
    if step.key == "confirm_value":
        value = ask_points(parent, first.points if first else 0.0)
        return (
            None if value is None else (lambda: points.confirm(store, ids, points={ids[0]: value}))
        )
    if step.key == "resubmit":
        answer = ask_resubmit(parent, first.quantity if first else 1.0)
        if answer is None:
            return None
        note, quantity = answer
        changed = quantity if first is None or quantity != first.quantity else None
        return lambda: points.resubmit(store, ids[0], quantity=changed, note=note)
    prompts = {
        "return": ("退回申报", f"退回选中的 {n} 条申报，原因：", points.return_to_declarant),
        "reject": ("不予认定", f"对选中的 {n} 条申报不予认定，原因：", points.reject),
        "objection": ("登记异议", "异议人及异议内容：", None),
        "uphold": ("异议成立", "核实情况及处理意见：", points.uphold_objection),
        "dismiss": ("异议不成立", "核实情况及处理意见：", points.dismiss_objection),
    }
    title, prompt, fn = prompts[step.key]
    reason = ask_reason(parent, tr(title), tr(prompt))
    if reason is None:
        return None
    if step.key == "objection":
        return lambda: points.raise_objection(store, ids[0], reason)
    if step.key in ("return", "reject"):
        return lambda: fn(store, ids, reason)
    return lambda: fn(store, ids[0], reason)
