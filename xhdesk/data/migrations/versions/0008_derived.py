"""derived tables: one recomputation each, kept on insert, update and delete of what it reads

Revision ID: 0008
Revises: 0006
"""

from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

# The triggers of 0002 and 0003: incremental, and blind to some arrival orders (a request's
# first event before its row left its due date and department empty for good).
OLD_TRIGGERS = (
    "trg_ledger_total_insert",
    "trg_declaration_status",
    "tr_request_event_state",
    "tr_service_request_state",
)


def upgrade() -> None:
    """Issue #22: triggers from xhdesk.data.core.derived; every derived table rebuilt."""
    from xhdesk.data.core import derived

    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    derived.install(op.get_bind())


def downgrade() -> None:
    from xhdesk.data.core import derived

    for name in derived.all_trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
