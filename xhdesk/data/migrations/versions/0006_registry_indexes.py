"""registry indexes: the members tab in pinyin order, covering the search columns

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ["deleted", "name_pinyin", "name_initials", "name", "phone", "id_number"]


def upgrade() -> None:
    """Issue #3: see xhdesk/data/models/registry_indexes.py for why these columns."""
    op.create_index("ix_person_live_order", "person", COLUMNS, unique=False)
    op.create_index(
        "ix_person_membership_relation", "person", ["membership_relation"], unique=False
    )
    op.create_index("ix_person_station_live", "person", ["station_id", "deleted"], unique=False)
    op.create_index(
        "ix_person_enterprise_live", "person", ["enterprise_id", "deleted"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_person_enterprise_live", table_name="person")
    op.drop_index("ix_person_station_live", table_name="person")
    op.drop_index("ix_person_membership_relation", table_name="person")
    op.drop_index("ix_person_live_order", table_name="person")
