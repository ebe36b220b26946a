"""Migrations: an empty database and a database from the first release both reach head."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from xhdesk.data.core.store import Store
from xhdesk.data.migrations import current_revision, head_revision, upgrade
from xhdesk.data.models import Committee, metadata

FIXTURES = Path(__file__).parents[2] / "fixtures"


def _engine(path: Path) -> sa.Engine:
    return sa.create_engine(f"sqlite:///{path}")


def test_empty_database_upgrades_to_head_and_matches_the_models(tmp_path):
    engine = _engine(tmp_path / "new.sqlite3")
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diffs = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": False}), metadata
        )
    assert diffs == [], "models and migrations disagree: write a migration"


def test_database_made_at_the_first_revision_opens_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = _engine(path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO committee (id, deleted, code, name, secretary, phone) VALUES ('c1', 0, 'transport', '交通运输行业党委', '', '')"
            )
        )
    engine.dispose()
    with Store.open(path) as store:
        assert current_revision(store.engine) == head_revision()
        with store.session() as s:
            assert s.get(Committee, "c1").name == "交通运输行业党委"


def test_fixture_database_from_release_0_1_opens(tmp_path):
    """A database written by release 0.1 (kept in tests/fixtures) opens and keeps its rows."""
    path = tmp_path / "release.sqlite3"
    shutil.copyfile(FIXTURES / "release-0.1.sqlite3", path)
    with Store.open(path) as store:
        with store.session() as s:
            assert s.get(Committee, "fixture-committee").name == "快递外卖行业党委"
        assert store.node_id == "fixture-node"


def test_light_head_lookup_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from xhdesk.data.migrations import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
