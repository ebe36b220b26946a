"""Points (积分): declaration, branch review, committee confirmation, public notice, ledger, benefits.

The public functions of the capability, importable from ``xhdesk.data.points``.
"""

from xhdesk.data.points.benefits import add_benefit, list_benefits, list_redemptions, redeem
from xhdesk.data.points.declarations import (
    Deed,
    attach,
    attachment_data,
    declare,
    declare_batch,
    node_scope,
)
from xhdesk.data.points.flow import approve, confirm, reject, resubmit, return_to_declarant
from xhdesk.data.points.ledger import (
    balance,
    category_totals,
    ledger_lines,
    person_totals,
    person_year_total,
    ranking,
    star_rating,
    yearly_totals,
)
from xhdesk.data.points.notice import (
    dismiss_objection,
    public_notice,
    raise_objection,
    settle_due,
    start_notice,
    uphold_objection,
)
from xhdesk.data.points.rules import add_rule, list_rules, update_rule
from xhdesk.data.points.settings import notice_days, star_bands

__all__ = [
    "Deed",
    "add_benefit",
    "add_rule",
    "approve",
    "attach",
    "attachment_data",
    "balance",
    "category_totals",
    "confirm",
    "declare",
    "declare_batch",
    "dismiss_objection",
    "ledger_lines",
    "list_benefits",
    "list_redemptions",
    "list_rules",
    "node_scope",
    "notice_days",
    "person_totals",
    "person_year_total",
    "public_notice",
    "raise_objection",
    "ranking",
    "redeem",
    "reject",
    "resubmit",
    "return_to_declarant",
    "settle_due",
    "star_bands",
    "star_rating",
    "start_notice",
    "update_rule",
    "uphold_objection",
    "yearly_totals",
]
