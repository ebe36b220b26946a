"""unit codes and data by place: a human code on every committee and branch (stations already
have one); the bookkeeping of changes held or sent with a person's personal fields masked

Revision ID: 0016
Revises: 0015

Existing rows get codes by a fixed rule, so every node of a network that upgrades the same
organisation gives it the same codes: the three industries JT/KD/WL, other committees W01…,
branches B01… in order of name, stations without a code S01… after the highest in use.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

INDUSTRY_CODES = {"transport": "JT", "express": "KD", "influencer": "WL"}


def upgrade() -> None:
    """Issue #11: see xhdesk/data/registry/units.py."""
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unit_code", sa.String(length=8), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_committee_unit_code"), ["unit_code"], unique=False)
    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("code", sa.String(length=8), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_branch_code"), ["code"], unique=False)
    _fill_codes(op.get_bind())
    op.create_table(
        "sync_redacted",
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("origin", "seq"),
    )
    op.create_index(op.f("ix_sync_redacted_row_id"), "sync_redacted", ["row_id"], unique=False)
    op.create_table(
        "sync_peer_redacted",
        sa.Column("peer_id", sa.String(length=36), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("peer_id", "row_id"),
    )


def _fill_codes(conn: sa.Connection) -> None:
    used = {r[0] for r in conn.execute(sa.text("SELECT code FROM station WHERE code != ''"))}
    committees = conn.execute(sa.text("SELECT id, code FROM committee ORDER BY name, id")).all()
    serial = 0
    for cid, industry in committees:
        code = INDUSTRY_CODES.get(industry, "")
        while not code or code in used:
            serial += 1
            code = f"W{serial:02d}"
        used.add(code)
        conn.execute(
            sa.text("UPDATE committee SET unit_code = :c WHERE id = :i"), {"c": code, "i": cid}
        )
    _fill_serial(conn, "branch", "B", used, "SELECT id FROM branch ORDER BY name, id")
    _fill_serial(
        conn, "station", "S", used, "SELECT id FROM station WHERE code = '' ORDER BY name, id"
    )


def _fill_serial(conn: sa.Connection, table: str, letter: str, used: set[str], query: str) -> None:
    serials = [int(c[1:]) for c in used if c.startswith(letter) and c[1:].isdigit()]
    serial = max(serials, default=0)
    for (row_id,) in conn.execute(sa.text(query)).all():
        serial += 1
        while f"{letter}{serial:02d}" in used:
            serial += 1
        code = f"{letter}{serial:02d}"
        used.add(code)
        conn.execute(
            sa.text(f"UPDATE {table} SET code = :c WHERE id = :i"), {"c": code, "i": row_id}
        )


def downgrade() -> None:
    op.drop_table("sync_peer_redacted")
    op.drop_index(op.f("ix_sync_redacted_row_id"), table_name="sync_redacted")
    op.drop_table("sync_redacted")
    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_branch_code"))
        batch_op.drop_column("code")
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_unit_code"))
        batch_op.drop_column("unit_code")
