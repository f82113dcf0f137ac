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
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="module")
def coffee_site() -> Iterator[str]:
    """The northpeak-coffee fixture brand site on loopback (its base URL with the trailing slash)."""
    from fixtures.server import serve_site

    with serve_site("northpeak-coffee") as base:
        yield base + "/"


@pytest.fixture(scope="module")
async def shared_worker(settings: Settings, temporal_address: str) -> AsyncIterator[Any]:
    """A worker on the shared task queue, as `smm worker` would be: runs the API or CLI only started
    go on after they have gone. Yields the Temporal client."""
    from workflows.worker import connect, make_worker, register_dependencies

    register_dependencies(settings)
    client = await connect(settings, address=temporal_address)
    async with make_worker(client, settings.task_queue):
        yield client


@pytest.fixture(scope="module")
def server(engine: Engine) -> Iterator[str]:
    """The API app behind a real uvicorn server on loopback (clients that need a real socket)."""
    import socket
    import threading
    import time

    import uvicorn

    from api.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):  # up to 10 s to bind
        if srv.started:
            break
        time.sleep(0.1)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def run_smm(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `smm` console script in a subprocess."""
    smm = Path(sys.executable).parent / "smm"
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(smm), *args], capture_output=True, text=True, env=full_env, timeout=timeout)
