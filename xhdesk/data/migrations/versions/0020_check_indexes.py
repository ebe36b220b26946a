"""check indexes: one change-log index per row, no ledger index that another one already serves;
the ledger totals kept in their key's order (WITHOUT ROWID)

Revision ID: 0020
Revises: 0019
"""

from alembic import op

# the ledger totals: (table, columns, key, index over (year, person_id, points))
TOTALS = (
    (
        "ledger_total",
        "person_id VARCHAR(36) NOT NULL, year INTEGER NOT NULL, category VARCHAR(20) NOT NULL, "
        "kind VARCHAR(10) NOT NULL, points FLOAT NOT NULL, entries INTEGER NOT NULL",
        "person_id, year, category, kind",
        "ix_ledger_total_year",
    ),
    (
        "ledger_year_total",
        "person_id VARCHAR(36) NOT NULL, year INTEGER NOT NULL, points FLOAT NOT NULL, "
        "entries INTEGER NOT NULL",
        "person_id, year",
        "ix_ledger_year_total_year",
    ),
)

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
    * ``ledger_total`` and ``ledger_year_total`` become WITHOUT ROWID tables: their key is the
      table, not a second index beside it (one lookup less per row for the check's comparison
      with the recomputation, one index less for integrity_check).
    """
    _totals(rowid="WITHOUT ROWID")
    op.drop_index("ix_ledger_year_person", table_name="ledger_entry")
    op.drop_index("ix_change_row_id_hlc", table_name="change")
    op.drop_index("ix_change_row", table_name="change")
    op.create_index("ix_change_row", "change", ["tbl", "row_id", "hlc"], unique=False)


def _totals(rowid: str) -> None:
    """Rebuild the two ledger totals with or without rowids, rows kept.

    The derived triggers name these tables, so they are set aside meanwhile and put back.
    """
    from xhdesk.data.core import derived

    for name in derived.all_trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table, columns, key, index in TOTALS:
        op.execute(f"CREATE TABLE _new_{table} ({columns}, PRIMARY KEY ({key})) {rowid}")
        op.execute(f"INSERT INTO _new_{table} SELECT * FROM {table} ORDER BY {key}")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE _new_{table} RENAME TO {table}")
        op.execute(f"CREATE INDEX {index} ON {table} (year, person_id, points)")
    for d in derived.DERIVED:
        for statement in derived.trigger_sql(d):
            op.execute(statement)


def downgrade() -> None:
    _totals(rowid="")
    op.drop_index("ix_change_row", table_name="change")
    op.create_index("ix_change_row", "change", ["tbl", "row_id"], unique=False)
    op.create_index("ix_change_row_id_hlc", "change", ["row_id", "hlc"], unique=False)
    op.create_index(
        "ix_ledger_year_person", "ledger_entry", ["year", "person_id", "points"], unique=False
    )
