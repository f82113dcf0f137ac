"""Schema migrations (Alembic), always run as the owner role."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from core.db import owner_engine
from core.errors import ServiceError
from core.settings import Settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(settings: Settings, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations, with the app role for grants."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["app_role"] = settings.app_role
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(settings: Settings, revision: str = "head") -> dict[str, str | None]:
    """Upgrade the schema to ``revision``; returns the revision before and after."""
    engine = owner_engine(settings)
    try:
        with engine.begin() as conn:
            before = MigrationContext.configure(conn).get_current_revision()
            command.upgrade(alembic_config(settings, conn), revision)
            after = MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        diag = getattr(exc.orig, "diag", None)
        # SQLSTATE class "SM" is what our migrations raise for the operator (e.g. tenant names that
        # differ only in case): show it as a message, not a traceback. Anything else is a real bug.
        if diag is None or not str(getattr(diag, "sqlstate", "") or "").startswith("SM"):
            raise
        hint = f" ({diag.message_hint})" if diag.message_hint else ""
        raise ServiceError(f"migration stopped, nothing was changed: {diag.message_primary}{hint}") from None
    return {"from": before, "to": after}


def heads(settings: Settings) -> list[str]:
    """The migration heads (exactly one is expected)."""
    return list(ScriptDirectory.from_config(alembic_config(settings)).get_heads())
