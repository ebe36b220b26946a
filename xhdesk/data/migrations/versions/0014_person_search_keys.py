"""person search keys: both surname readings and the given name, in the covering index

Revision ID: 0014
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_COLUMNS = ["deleted", "name_pinyin", "name_initials", "name", "phone", "id_number"]


def upgrade() -> None:
    """Issue #14: add ``person.name_keys`` and recompute the pinyin of every name.

    The surname table grew (compound surnames, special readings), so name_pinyin and
    name_initials are recomputed too. These columns are derived from the name on every node, so
    rewriting them here records no change.
    """
    from xhdesk.data.core.pinyin import name_fields

    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(
            sa.Column("name_keys", sa.String(length=200), nullable=False, server_default="")
        )
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM person")).all()
    update = sa.text(
        "UPDATE person SET name_pinyin = :name_pinyin, name_initials = :name_initials,"
        " name_keys = :name_keys WHERE id = :id"
    )
    params = [{"id": pid, **name_fields(name or "")} for pid, name in rows]
    if params:
        conn.execute(update, params)
    op.drop_index("ix_person_live_order", table_name="person")
    op.create_index("ix_person_live_order", "person", [*OLD_COLUMNS, "name_keys"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_person_live_order", table_name="person")
    op.create_index("ix_person_live_order", "person", OLD_COLUMNS, unique=False)
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("name_keys")
