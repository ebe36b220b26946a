"""awards: awards, nominations, certificates

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables of issue #6 (awards); empty until that issue lands."""


def downgrade() -> None:
    """Nothing to undo while upgrade() creates nothing."""
