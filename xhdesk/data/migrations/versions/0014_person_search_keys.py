"""person search keys: the given name's pinyin and the surname's second reading

Revision ID: 0014
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Issue #14: add ``person.name_given`` and ``person.name_alt_keys``; recompute all pinyin.

    The surname table grew (compound surnames, special readings), so name_pinyin and
    name_initials are recomputed too. These columns are derived from the name on every node
    (see xhdesk/data/core/pinyin.py), so rewriting them here records no change.
    """
    from xhdesk.data.core.pinyin import name_fields

    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(
            sa.Column("name_given", sa.String(length=90), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("name_alt_keys", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.create_index("ix_person_name_given", ["name_given"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM person")).all()
    update = sa.text(
        "UPDATE person SET name_pinyin = :name_pinyin, name_initials = :name_initials,"
        " name_given = :name_given, name_alt_keys = :name_alt_keys WHERE id = :id"
    )
    params = [{"id": pid, **name_fields(name or "")} for pid, name in rows]
    if params:
        conn.execute(update, params)
    op.create_index(
        "ix_person_alt_keys",
        "person",
        ["name_alt_keys"],
        unique=False,
        sqlite_where=sa.text("name_alt_keys != ''"),
    )


def downgrade() -> None:
    op.drop_index("ix_person_alt_keys", table_name="person")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_index("ix_person_name_given")
        batch_op.drop_column("name_alt_keys")
        batch_op.drop_column("name_given")
