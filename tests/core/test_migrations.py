"""Migrations: one linear head, no drift from the models, and a clean down/up cycle."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from core.migrate import alembic_config, heads
from core.models import Base
from core.settings import Settings


def test_single_linear_head(settings: Settings) -> None:
    assert len(heads(settings)) == 1


@pytest.fixture
def scratch_db(settings: Settings, db_urls) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A throw-away database owned by the owner role, with the vector extension."""
    name = f"smm_mig_{uuid.uuid4().hex[:8]}"
    admin = make_url(db_urls.admin).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name),
                                                                     sql.Identifier(settings.owner_role)))
    with psycopg.connect(admin.set(database=name).render_as_string(hide_password=False), autocommit=True) as c:
        c.execute("CREATE EXTENSION vector")
        c.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(settings.owner_role)))
    yield make_url(db_urls.owner).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_models_and_migrations_do_not_drift(settings: Settings, scratch_db: str) -> None:
    engine = create_engine(scratch_db)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(settings, conn), "head")
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        with engine.begin() as conn:
            command.downgrade(alembic_config(settings, conn), "base")
        with engine.begin() as conn:
            command.upgrade(alembic_config(settings, conn), "head")
            assert MigrationContext.configure(conn).get_current_revision() == heads(settings)[0]
    finally:
        engine.dispose()
