"""Alembic migrations, run programmatically when a database is opened."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).parent


def alembic_config(connection: sa.Connection | None = None):  # noqa: ANN201 (alembic type)
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; a database from any earlier release opens."""
    from alembic import command

    if revision == "head" and current_revision(engine) == head_revision():
        return
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
