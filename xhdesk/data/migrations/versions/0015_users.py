"""users: accounts with login and role, local credentials, the audit event, the log by author

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Issue #15: see xhdesk/data/users/ and xhdesk/data/models/nodes.py."""
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("login", sa.String(length=30), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="secretary")
        )
        batch_op.create_index(batch_op.f("ix_app_user_login"), ["login"], unique=False)
    op.create_table(
        "credential",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_change_author_hlc", "change", ["author", "hlc"], unique=False)
    op.create_index("ix_change_row_id_hlc", "change", ["row_id", "hlc"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_change_row_id_hlc", table_name="change")
    op.drop_index("ix_change_author_hlc", table_name="change")
    op.drop_table("audit_event")
    op.drop_table("credential")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_login"))
        batch_op.drop_column("role")
        batch_op.drop_column("login")
