"""Alembic environment: runs on the connection handed over by :mod:`core.migrate` (the owner role)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from core.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `smm db migrate` (core.migrate), which supplies the connection")

# Two `smm db migrate` at once must not both apply the same revision.
connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('smm-architect-migrations'))"))
context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
