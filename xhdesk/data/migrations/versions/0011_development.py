"""development: the party-member development pipeline (events, attachments, quotas)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    """Issue #19: see xhdesk/data/models/development.py."""
    op.create_table(
        "development_event",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("person_id", AutoString(), nullable=False),
        sa.Column("branch_id", AutoString(), nullable=True),
        sa.Column("committee_id", AutoString(), nullable=True),
        sa.Column("step", AutoString(length=24), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("decision", AutoString(length=12), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("contacts", AutoString(length=60), nullable=False),
        sa.Column("note", AutoString(length=500), nullable=False),
        sa.Column("recorder", AutoString(length=30), nullable=False),
        sa.Column("node_id", AutoString(length=36), nullable=False),
        sa.Column("node_role", AutoString(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"]),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_development_event_person", "development_event", ["person_id", "happened_on"]
    )
    op.create_index("ix_development_event_branch_id", "development_event", ["branch_id"])
    op.create_index("ix_development_event_committee_id", "development_event", ["committee_id"])
    op.create_index("ix_development_event_step", "development_event", ["step"])
    op.create_table(
        "development_attachment",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("event_id", AutoString(), nullable=False),
        sa.Column("person_id", AutoString(), nullable=False),
        sa.Column("filename", AutoString(length=120), nullable=False),
        sa.Column("mime", AutoString(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", AutoString(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", AutoString(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["development_event.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_development_attachment_event_id", "development_attachment", ["event_id"])
    op.create_index("ix_development_attachment_person_id", "development_attachment", ["person_id"])
    op.create_table(
        "development_quota",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("committee_id", AutoString(), nullable=False),
        sa.Column("branch_id", AutoString(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("new_employment", sa.Integer(), nullable=False),
        sa.Column("note", AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"]),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_development_quota_deleted", "development_quota", ["deleted"])
    op.create_index(
        "ix_development_quota_year", "development_quota", ["year", "committee_id", "branch_id"]
    )


def downgrade() -> None:
    op.drop_table("development_quota")
    op.drop_table("development_attachment")
    op.drop_table("development_event")
