"""overview: since-dates of the three 一企一档 roles; the ledger by effective date

Revision ID: 0010
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

ROLE_DATES = ["liaison_leader_since", "section_staff_since", "party_worker_since"]


def upgrade() -> None:
    """Issue #18: coverage of the three roles, and the overview's points of a period."""
    for column in ROLE_DATES:
        op.add_column("enterprise", sa.Column(column, sa.Date(), nullable=True))
    op.create_index(
        "ix_ledger_effective", "ledger_entry", ["effective_on", "category", "points"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_ledger_effective", table_name="ledger_entry")
    with op.batch_alter_table("enterprise") as batch:
        for column in reversed(ROLE_DATES):
            batch.drop_column(column)
