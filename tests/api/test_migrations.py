"""The same migrations upgrade from empty and downgrade cleanly on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from safepost.records.db import make_engine
from safepost.records.migrate import downgrade, upgrade
from safepost.records.models import Base
from tests.api.conftest import PG_URL, _pg_available

TABLES = {
    "organizations",
    "users",
    "sessions",
    "login_attempts",
    "posts",
    "post_versions",
    "approvals",
    "authorizations",
    "tasks",
    "audit_log",
    "media",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_sqlite_up_down_up(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    assert _tables(url) == TABLES
    downgrade(url)
    assert _tables(url) == set()
    upgrade(url)
    assert _tables(url) == TABLES


def test_migrations_build_exactly_the_models(tmp_path):
    """A model change without its migration (or the reverse) shows up here, not in production."""
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


def test_postgresql_up_down_up():
    assert _pg_available(), "PostgreSQL must be running (.ci/run starts it)"
    downgrade(PG_URL)
    assert not (_tables(PG_URL) & TABLES)
    upgrade(PG_URL)
    assert _tables(PG_URL) >= TABLES
    downgrade(PG_URL)
    assert not (_tables(PG_URL) & TABLES)
