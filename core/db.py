"""Database access: URLs per role, engines, and tenant-scoped sessions.

Three roles, three URLs:

* admin (superuser) — only to bootstrap roles, the database and the `vector` extension;
* owner — owns the schema, runs migrations (row security is FORCED, so even it sees one tenant);
* app — what every service uses: owns nothing, not superuser, no BYPASSRLS.

Every tenant-owned query runs inside :func:`tenant_session`, which sets ``app.tenant_id`` for that
transaction only (``set_config(..., true)``), so a pooled connection never carries a tenant over.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import sql
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from core.errors import InvalidInput, ServiceError
from core.settings import Settings


@dataclass(frozen=True)
class DatabaseUrls:
    """SQLAlchemy URLs for the app and owner roles (admin only when known)."""

    app: str
    owner: str | None
    admin: str | None


def _with_driver(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def database_urls(settings: Settings) -> DatabaseUrls:
    """The URLs to use: configured external ones, else the embedded server's."""
    if settings.database_url:
        return DatabaseUrls(
            app=_with_driver(settings.database_url),
            owner=_with_driver(settings.database_owner_url) if settings.database_owner_url else None,
            admin=_with_driver(settings.database_admin_url) if settings.database_admin_url else None,
        )
    from core.services import load_secrets, postgres_info

    info = postgres_info(settings)
    if info is None:
        raise ServiceError("Postgres is not running: run `smm services up` (or set SMM_DATABASE_URL)")
    pw = load_secrets(settings)
    return DatabaseUrls(
        app=info.url(settings.app_role, pw["app_password"], settings.database_name),
        owner=info.url(settings.owner_role, pw["owner_password"], settings.database_name),
        admin=info.url("postgres", pw["postgres_password"], "postgres"),
    )


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def bootstrap_database(settings: Settings, admin_url: str) -> None:
    """Create the owner and app roles, the database and the vector extension (idempotent, as superuser)."""
    if settings.database_url:
        urls = database_urls(settings)
        owner_pw = make_url(urls.owner).password if urls.owner else None
        app_pw = make_url(urls.app).password
    else:
        from core.services import load_secrets

        pw = load_secrets(settings)
        owner_pw, app_pw = pw["owner_password"], pw["app_password"]
    owner, app, dbname = settings.owner_role, settings.app_role, settings.database_name
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        for role, password in ((owner, owner_pw), (app, app_pw)):
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            stmt = sql.SQL("{} ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE").format(
                sql.SQL(verb), sql.Identifier(role)
            )
            if password:
                stmt = sql.SQL("{} PASSWORD {}").format(stmt, sql.Literal(password))
            conn.execute(stmt)
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(dbname), sql.Identifier(owner)))
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(dbname)))
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}").format(
            sql.Identifier(dbname), sql.Identifier(owner), sql.Identifier(app)))
    db_url = make_url(_libpq(admin_url)).set(database=dbname).render_as_string(hide_password=False)
    with psycopg.connect(db_url, autocommit=True) as conn:
        # `vector` is not a trusted extension: only a superuser may create it.
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        conn.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner)))
        conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(sql.Identifier(app)))


_engines: dict[tuple[str, int], Engine] = {}
_engines_lock = threading.Lock()


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """A pooled engine; one per (url, pool size) per process."""
    key = (url, pool_size)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = create_engine(url, pool_size=pool_size, max_overflow=0, pool_pre_ping=True,
                                   pool_timeout=30)
            _engines[key] = engine
        return engine


def app_engine(settings: Settings) -> Engine:
    """The engine for the application role."""
    return make_engine(database_urls(settings).app, pool_size=settings.db_pool_size)


def owner_engine(settings: Settings) -> Engine:
    """The engine for the schema owner (migrations)."""
    owner = database_urls(settings).owner
    if owner is None:
        raise ServiceError("SMM_DATABASE_OWNER_URL is required to run migrations against an external database")
    return make_engine(owner, pool_size=1)


def dispose_engines() -> None:
    """Close every pooled connection (tests, `services down`)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def parse_tenant_id(value: str | uuid.UUID) -> uuid.UUID:
    """A tenant id as UUID, or a clear error."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidInput(f"tenant id {value!r} is not a UUID") from None


def set_tenant(session: Session, tenant_id: uuid.UUID) -> None:
    """Scope the session's current transaction to ``tenant_id``."""
    # is_local=true: the setting dies with the transaction, so the pooled connection is clean after.
    session.execute(text("SELECT set_config('app.tenant_id', :tid, true)"), {"tid": str(tenant_id)})


@contextmanager
def tenant_session(engine: Engine, tenant_id: str | uuid.UUID) -> Iterator[Session]:
    """A session in one transaction scoped to ``tenant_id``; commits on success, rolls back on error."""
    tid = parse_tenant_id(tenant_id)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        set_tenant(session, tid)
        yield session
