"""Alembic migrations, run programmatically when a database is opened."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).parent


def alembic_config(connection: sa.Connection | None = None):  # noqa: ANN201 (alembic type)
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    """Every revision this build knows (a database at any other revision is from a newer one)."""
    return set(_revisions())


def _revisions() -> dict[str, str | None]:
    revisions: dict[str, str | None] = {}
    for path in (HERE / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", text, re.M)
        if rev and down:
            revisions[rev[1]] = down[1]
    return revisions


def head_revision() -> str:
    """The newest revision, read from the version files without importing Alembic (start-up)."""
    revisions = _revisions()
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; a database from any earlier release opens."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
