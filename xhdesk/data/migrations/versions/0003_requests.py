"""requests: service kinds, requests, events, calendar

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables of issue #5 (requests); empty until that issue lands."""


def downgrade() -> None:
    """Nothing to undo while upgrade() creates nothing."""
