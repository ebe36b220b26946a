"""sync: peers, conflicts, quarantine, imported packages

Revision ID: 0005
Revises: 0004
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables of issue #7 (sync); empty until that issue lands."""


def downgrade() -> None:
    """Nothing to undo while upgrade() creates nothing."""
