"""awards: awards, nominations, certificates

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "award",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=20), nullable=False),
        sa.Column("title", AutoString(length=60), nullable=False),
        sa.Column("issuer", AutoString(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("quota", sa.Integer(), nullable=True),
        sa.Column("note", AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_award_deleted", "award", ["deleted"], unique=False)
    op.create_index("ix_award_year_kind", "award", ["year", "kind"], unique=False)
    op.create_table(
        "nomination",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("award_id", AutoString(), nullable=False),
        sa.Column("person_id", AutoString(), nullable=False),
        sa.Column("reason", AutoString(length=500), nullable=False),
        sa.Column("nominated_by", AutoString(length=30), nullable=False),
        sa.Column("node_id", AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["award_id"], ["award.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_nomination_award_id", "nomination", ["award_id"], unique=False)
    op.create_index("ix_nomination_person_id", "nomination", ["person_id"], unique=False)
    op.create_table(
        "award_decision",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("award_id", AutoString(), nullable=False),
        sa.Column("nomination_id", AutoString(), nullable=False),
        sa.Column("outcome", AutoString(length=12), nullable=False),
        sa.Column("decided_by", AutoString(length=30), nullable=False),
        sa.Column("node_id", AutoString(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["award_id"], ["award.id"]),
        sa.ForeignKeyConstraint(["nomination_id"], ["nomination.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_award_decision_order",
        "award_decision",
        ["award_id", "nomination_id", "hlc"],
        unique=False,
    )
    op.create_table(
        "certificate",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("number", AutoString(length=32), nullable=False),
        sa.Column("award_id", AutoString(), nullable=False),
        sa.Column("nomination_id", AutoString(), nullable=False),
        sa.Column("person_id", AutoString(), nullable=False),
        sa.Column("recipient", AutoString(length=30), nullable=False),
        sa.Column("award_title", AutoString(length=60), nullable=False),
        sa.Column("wording", AutoString(length=300), nullable=False),
        sa.Column("issuer", AutoString(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("node_id", AutoString(length=36), nullable=False),
        sa.Column("signature", AutoString(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["award_id"], ["award.id"]),
        sa.ForeignKeyConstraint(["nomination_id"], ["nomination.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    for column in ("award_id", "node_id", "nomination_id", "person_id"):
        op.create_index(f"ix_certificate_{column}", "certificate", [column], unique=False)


def downgrade() -> None:
    for column in ("award_id", "node_id", "nomination_id", "person_id"):
        op.drop_index(f"ix_certificate_{column}", table_name="certificate")
    op.drop_table("certificate")
    op.drop_index("ix_award_decision_order", table_name="award_decision")
    op.drop_table("award_decision")
    op.drop_index("ix_nomination_person_id", table_name="nomination")
    op.drop_index("ix_nomination_award_id", table_name="nomination")
    op.drop_table("nomination")
    op.drop_index("ix_award_year_kind", table_name="award")
    op.drop_index("ix_award_deleted", table_name="award")
    op.drop_table("award")
