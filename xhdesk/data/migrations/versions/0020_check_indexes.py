"""check indexes: one change-log index per row, no ledger index that another one already serves

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Issue #22: ``PRAGMA integrity_check`` costs a lookup per row and index, so an index that
    another one makes redundant only makes ``xhdesk check`` (and every write) slower.

    * ``ix_change_row`` (tbl, row_id) and ``ix_change_row_id_hlc`` (row_id, hlc) become one
      ``ix_change_row`` (tbl, row_id, hlc): a row's changes, newest first, and a table's changes;
      the audit trail's filter by record alone names the tables (see users/audit.py).
    * ``ix_ledger_year_person`` (year, person_id, points): every query with a person and a year
      is served by ``ix_ledger_person_year`` (person_id, year, category, kind, points); a whole
      year's totals read ``ledger_year_total``.
    """
    op.drop_index("ix_ledger_year_person", table_name="ledger_entry")
    op.drop_index("ix_change_row_id_hlc", table_name="change")
    op.drop_index("ix_change_row", table_name="change")
    op.create_index("ix_change_row", "change", ["tbl", "row_id", "hlc"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_change_row", table_name="change")
    op.create_index("ix_change_row", "change", ["tbl", "row_id"], unique=False)
    op.create_index("ix_change_row_id_hlc", "change", ["row_id", "hlc"], unique=False)
    op.create_index(
        "ix_ledger_year_person", "ledger_entry", ["year", "person_id", "points"], unique=False
    )
