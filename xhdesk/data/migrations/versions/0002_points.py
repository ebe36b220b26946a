"""points: declarations, reviews, ledger, benefits

Revision ID: 0002
Revises: 0001
"""

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables of issue #4 (points); empty until that issue lands."""


def downgrade() -> None:
    """Nothing to undo while upgrade() creates nothing."""
