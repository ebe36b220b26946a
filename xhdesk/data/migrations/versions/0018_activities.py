"""activities: activities with sign-ups and sign-ins (issue 17, part A)

Revision ID: 0018
Revises: 0016
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def _event(name: str, *extra: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("activity_id", AutoString(), nullable=False),
        sa.Column("person_id", AutoString(), nullable=False),
        *extra,
        sa.Column("author", AutoString(length=30), nullable=False),
        sa.Column("node_id", AutoString(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activity.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_pair", name, ["activity_id", "person_id"])
    op.create_index(f"ix_{name}_person_id", name, ["person_id"])


def upgrade() -> None:
    """See xhdesk/data/models/activities.py."""
    op.create_table(
        "activity",
        sa.Column("id", AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("number", AutoString(length=24), nullable=False),
        sa.Column("title", AutoString(length=80), nullable=False),
        sa.Column("kind", AutoString(length=20), nullable=False),
        sa.Column("organiser_kind", AutoString(length=12), nullable=False),
        sa.Column("organiser_id", AutoString(length=36), nullable=False),
        sa.Column("station_id", AutoString(), nullable=True),
        sa.Column("address", AutoString(length=120), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("description", AutoString(length=500), nullable=False),
        sa.Column("rule_id", AutoString(), nullable=True),
        sa.Column("origin_node_id", AutoString(length=36), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("created_by", AutoString(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["rule_id"], ["point_rule.id"]),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("deleted", "number", "kind", "organiser_id", "station_id"):
        op.create_index(f"ix_activity_{column}", "activity", [column])
    op.create_index("ix_activity_live_order", "activity", ["deleted", "starts_at", "number"])
    _event("activity_signup")
    _event("activity_signin", sa.Column("method", AutoString(length=10), nullable=False))


def downgrade() -> None:
    op.drop_table("activity_signin")
    op.drop_table("activity_signup")
    op.drop_table("activity")
