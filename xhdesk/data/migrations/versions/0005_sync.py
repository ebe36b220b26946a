"""sync: peers, conflicts, quarantine, imported packages

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    """Tables of issue #7 (sync); all local to this installation."""
    op.create_table(
        "sync_peer",
        sa.Column("node_id", _str(length=36), nullable=False),
        sa.Column("name", _str(length=60), nullable=False),
        sa.Column("role", _str(length=20), nullable=False),
        sa.Column("vector", _str(), nullable=False),
        sa.Column("vector_hlc", sa.Integer(), nullable=False),
        sa.Column("last_exchange", sa.DateTime(), nullable=True),
        sa.Column("last_direction", _str(length=10), nullable=False),
        sa.PrimaryKeyConstraint("node_id"),
    )
    op.create_table(
        "sync_range",
        sa.Column("origin", _str(length=36), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("sha256", _str(length=64), nullable=False),
        sa.Column("signature", _str(length=100), nullable=False),
        sa.PrimaryKeyConstraint("origin", "first", "last"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", _str(length=64), nullable=False),
        sa.Column("tbl", _str(length=40), nullable=False),
        sa.Column("row_id", _str(length=36), nullable=False),
        sa.Column("field", _str(length=60), nullable=False),
        sa.Column("kind", _str(length=10), nullable=False),
        sa.Column("winner_origin", _str(length=36), nullable=False),
        sa.Column("winner_seq", sa.Integer(), nullable=False),
        sa.Column("winner_hlc", sa.Integer(), nullable=False),
        sa.Column("winner_value", _str(), nullable=False),
        sa.Column("winner_author", _str(length=30), nullable=False),
        sa.Column("loser_origin", _str(length=36), nullable=False),
        sa.Column("loser_seq", sa.Integer(), nullable=False),
        sa.Column("loser_hlc", sa.Integer(), nullable=False),
        sa.Column("loser_value", _str(), nullable=False),
        sa.Column("loser_author", _str(length=30), nullable=False),
        sa.Column("status", _str(length=10), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_row", ["tbl", "row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflict_status"), ["status"], unique=False)
    op.create_table(
        "sync_quarantine",
        sa.Column("origin", _str(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tbl", _str(length=40), nullable=False),
        sa.Column("row_id", _str(length=36), nullable=False),
        sa.Column("line", _str(), nullable=False),
        sa.Column("reason", _str(length=200), nullable=False),
        sa.Column("package_id", _str(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("origin", "seq"),
    )
    op.create_table(
        "sync_package",
        sa.Column("id", _str(length=36), nullable=False),
        sa.Column("sender", _str(length=36), nullable=False),
        sa.Column("created_hlc", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.Column("note", _str(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_status"))
        batch_op.drop_index("ix_sync_conflict_row")
    for name in ("sync_package", "sync_quarantine", "sync_conflict", "sync_range", "sync_peer"):
        op.drop_table(name)
