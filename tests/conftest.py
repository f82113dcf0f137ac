"""Shared fixtures: one real embedded Postgres + Temporal dev server for the whole test session.

The services run under a temporary SMM_HOME, are migrated once, and are stopped at the end. Tests
talk to them exactly as the product does: the app role through RLS, the owner for migrations, the
superuser only where a test plays an attacker with database access.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="smm-test-"))
# Set before anything imports settings: every test and subprocess shares this environment.
os.environ["SMM_HOME"] = str(_HOME)
os.environ["SMM_ENV"] = "development"
os.environ["SMM_CRAWL_ALLOW_PRIVATE"] = "true"
os.environ["HF_HUB_OFFLINE"] = "1"
# The gate's deadline (250 ms in production) fails closed; on a loaded 2-core test machine a healthy
# engine can miss it, which would turn unrelated tests red. Timeout behaviour has its own tests.
os.environ.setdefault("SMM_POLICY_TIMEOUT_MS", "2000")
for var in ("SMM_DATABASE_URL", "SMM_DATABASE_OWNER_URL", "SMM_DATABASE_ADMIN_URL", "SMM_TEMPORAL_ADDRESS",
            "SMM_PG_PORT", "SMM_TEMPORAL_PORT", "SMM_LLM_BASE_URL"):
    os.environ.pop(var, None)

from sqlalchemy import Engine  # noqa: E402

from core.db import DatabaseUrls  # noqa: E402
from core.settings import Settings, get_settings  # noqa: E402


@pytest.fixture(scope="session")
def services() -> Iterator[Settings]:
    """Embedded Postgres + Temporal, migrated; stopped after the session."""
    from core.db import dispose_engines
    from core.migrate import migrate
    from core.services import services_down, services_up

    get_settings.cache_clear()
    settings = get_settings()
    try:
        services_up(settings)
        migrate(settings)
        yield settings
    finally:
        dispose_engines()
        services_down(settings)
        shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(services: Settings) -> Settings:
    """Settings pointing at the session's services."""
    return services


@pytest.fixture(scope="session")
def db_urls(services: Settings) -> DatabaseUrls:
    """App, owner and superuser URLs."""
    from core.db import database_urls

    return database_urls(services)


@pytest.fixture(scope="session")
def engine(services: Settings) -> Engine:
    """The application-role engine (RLS applies)."""
    from core.db import app_engine

    return app_engine(services)


@pytest.fixture(scope="session")
def superuser_dsn(db_urls: DatabaseUrls) -> str:
    """A libpq DSN for the superuser on the smm database: for attacker and catalog tests only."""
    from sqlalchemy.engine import make_url

    assert db_urls.admin is not None
    url = make_url(db_urls.admin).set(drivername="postgresql", database=services_db_name())
    return url.render_as_string(hide_password=False)


def services_db_name() -> str:
    """The application database name."""
    return get_settings().database_name


@pytest.fixture
def make_tenant(engine: Engine) -> Callable[[], uuid.UUID]:
    """Create a fresh tenant and return its id."""
    from core.identity import create_tenant

    def _make() -> uuid.UUID:
        return create_tenant(engine, f"t-{uuid.uuid4().hex[:12]}").id

    return _make


@pytest.fixture(scope="session")
def temporal_address(services: Settings) -> str:
    """host:port of the embedded Temporal dev server."""
    from core.services import temporal_address as addr

    return addr(services)


def run_smm(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `smm` console script in a subprocess."""
    smm = Path(sys.executable).parent / "smm"
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(smm), *args], capture_output=True, text=True, env=full_env, timeout=timeout)
