"""`smm services` under stress: concurrent `up`s, killed servers, taken ports, corrupt state and secrets.

All tests share one data home of their own (never the session's), brought up by three concurrent
`smm services up`; each test leaves the services running for the next one. Only processes this
module started are signalled: they are found by this home's paths. The `smm` CLI is used where it
is the point (concurrency, exit codes, following a message's advice word for word); elsewhere the
same functions run in-process, because each `smm` start costs seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import psutil
import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.db import database_urls
from core.errors import ServiceError
from core.services import port_is_free, reset_passwords, services_down, services_status, services_up
from core.settings import Settings
from tests.conftest import run_smm


@dataclass
class Home:
    """A data home for this module, and the three concurrent `up`s that created its services."""

    path: Path
    env: dict[str, str]
    ups: list[tuple[int, str, str]]

    def settings(self) -> Settings:
        return Settings(home=self.path)

    def smm(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return run_smm(*args, env={**self.env, **(env or {})})

    def status(self) -> dict[str, Any]:
        return services_status(self.settings())

    def up(self) -> dict[str, Any]:
        return services_up(self.settings())


def postmasters(home: Path) -> list[int]:
    """Postmasters serving this home's data directory (their command line keeps `-D DATADIR`)."""
    datadir = str(home / "pgdata")
    return [p.pid for p in _live() if datadir in (p.info["cmdline"] or []) and "--single" not in p.info["cmdline"]]


def temporal_servers(home: Path) -> list[int]:
    """Temporal dev servers whose command line names this home's temporal.db."""
    db = str(home / "temporal.db")
    return [p.pid for p in _live() if db in (p.info["cmdline"] or [])]


def _live() -> list[psutil.Process]:
    out = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        if proc.info["status"] != psutil.STATUS_ZOMBIE:
            out.append(proc)
    return out


def wait_gone(pid: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} still running")


def kill_leftovers(home: Path) -> None:
    """Last resort after `down`: kill what still serves this home (only ever our own servers)."""
    for pid in postmasters(home) + temporal_servers(home):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def follow(advice: str, env: Home) -> subprocess.CompletedProcess[str]:
    """Run the command a message told us to run, exactly as written between backticks."""
    words = shlex.split(advice)
    extra = {}
    while words and re.fullmatch(r"[A-Z_]+=\S+", words[0]):
        key, value = words.pop(0).split("=", 1)
        extra[key] = value
    assert words[0] == "smm", advice
    return env.smm(*words[1:], "--json", env=extra)


@pytest.fixture(scope="module")
def home() -> Iterator[Home]:
    path = Path(tempfile.mkdtemp(prefix="smm-res-")) / "home"
    env = {"SMM_HOME": str(path)}
    smm = Path(sys.executable).parent / "smm"
    procs = [subprocess.Popen([str(smm), "services", "up", "--json"], env={**os.environ, **env},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    ups = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        ups.append((proc.returncode, out, err))
    try:
        yield Home(path, env, ups)
    finally:
        services_down(Settings(home=path))
        kill_leftovers(path)
        shutil.rmtree(path.parent, ignore_errors=True)


def test_concurrent_ups_all_succeed_with_one_server_each(home: Home) -> None:
    assert [rc for rc, _, _ in home.ups] == [0, 0, 0], [err for _, _, err in home.ups]
    reports = [json.loads(out) for _, out, _ in home.ups]
    assert len({(r["postgres"]["pid"], r["postgres"]["port"]) for r in reports}) == 1
    assert len({(r["temporal"]["pid"], r["temporal"]["address"]) for r in reports}) == 1
    assert postmasters(home.path) == [reports[0]["postgres"]["pid"]]
    assert temporal_servers(home.path) == [reports[0]["temporal"]["pid"]]


def test_killed_postgres_comes_back_on_its_port_and_clients_reconnect(home: Home) -> None:
    before = home.status()["postgres"]
    assert isinstance(before, dict) and before["running"]
    # A "worker" engine made before the crash: it must keep working without being told anything.
    engine = create_engine(database_urls(home.settings()).app, pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select current_user")).scalar() == "smm_app"
        os.kill(before["pid"], signal.SIGKILL)
        wait_gone(before["pid"])
        assert home.status()["postgres"]["running"] is False
        after = home.up()["postgres"]
        assert after["port"] == before["port"] and after["pid"] != before["pid"]
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar() == 1
    finally:
        engine.dispose()
    assert postmasters(home.path) == [after["pid"]]


async def test_killed_temporal_comes_back_on_its_port_and_clients_reconnect(home: Home) -> None:
    from temporalio.client import Client
    from temporalio.service import RPCError

    before = home.status()["temporal"]
    assert isinstance(before, dict) and before["running"]
    client = await Client.connect(before["address"])
    assert await client.service_client.check_health(timeout=timedelta(seconds=5))
    os.kill(before["pid"], signal.SIGKILL)
    wait_gone(before["pid"])
    after = (await asyncio.to_thread(home.up))["temporal"]
    assert after["address"] == before["address"] and after["pid"] != before["pid"]
    # The client made before the restart reconnects by itself: same address, nothing to re-resolve.
    deadline = time.monotonic() + 30
    healthy = False
    while not healthy and time.monotonic() < deadline:
        try:
            healthy = await client.service_client.check_health(timeout=timedelta(seconds=2))
        except RPCError:  # while the server is still coming up
            await asyncio.sleep(0.5)
    assert healthy
    assert temporal_servers(home.path) == [after["pid"]]


@pytest.mark.parametrize(("service", "env_var"), [("postgres", "SMM_PG_PORT"), ("temporal", "SMM_TEMPORAL_PORT")])
def test_taken_port_is_refused_with_a_recovery_step_that_works(home: Home, service: str, env_var: str) -> None:
    before = home.status()[service]
    assert isinstance(before, dict) and before["running"]
    port = int(str(before.get("port") or before.get("address")).rsplit(":", 1)[-1])
    os.kill(before["pid"], signal.SIGKILL)
    wait_gone(before["pid"])
    deadline = time.monotonic() + 10  # the kernel tears the dead listener down a moment after exit
    while not port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with pytest.raises(ServiceError, match=f"port {port} is now used by another process") as refused:
            home.up()
        advice = re.search(rf"`({env_var}=\d+ smm services up)`", str(refused.value))
        assert advice, refused.value
        moved = follow(advice.group(1), home)
        assert moved.returncode == 0, moved.stderr
    new_port = int(advice.group(1).split("=")[1].split()[0])
    report = json.loads(moved.stdout)[service]
    assert report["running"] and str(new_port) in str(report.get("port") or report.get("address"))
    # The new port is now the one remembered: a plain `up` keeps it.
    assert home.up()[service] == report


def test_corrupt_services_json_is_rebuilt_from_the_running_processes(home: Home) -> None:
    before = home.status()
    state = home.path / "services.json"
    state.write_text("{not json")
    (home.path / "temporal.pid").unlink()  # the worst case: only the command line names the database
    status = home.smm("services", "status", "--json")
    assert status.returncode == 0, status.stderr
    rebuilt = json.loads(status.stdout)
    assert "rebuilt" in rebuilt["state_file"]
    for service in ("postgres", "temporal"):
        assert rebuilt[service] == before[service]
    assert home.up()["temporal"]["pid"] == before["temporal"]["pid"]
    assert len(temporal_servers(home.path)) == 1 and len(postmasters(home.path)) == 1
    # Corrupt again and stop: `down` still finds and stops both.
    state.write_text("[]")
    down = home.smm("services", "down", "--json")
    assert down.returncode == 0, down.stderr
    assert json.loads(down.stdout)["stopped"] == {"postgres": True, "temporal": True}
    for service in ("postgres", "temporal"):
        wait_gone(before[service]["pid"])
    assert postmasters(home.path) == [] and temporal_servers(home.path) == []
    # After a clean `down`, `up` still brings both back on the ports clients know.
    report = home.up()
    assert report["postgres"]["port"] == before["postgres"]["port"]
    assert report["temporal"]["address"] == before["temporal"]["address"]


@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_lost_secrets_refuse_new_passwords_and_reset_passwords_restores_access(home: Home, damage: str) -> None:
    port = home.status()["postgres"]["port"]
    secrets_file = home.path / "secrets.json"
    old = json.loads(secrets_file.read_text())
    old_app_url = database_urls(home.settings()).app
    if damage == "corrupt":
        secrets_file.write_text('{"postgres_password": ')
    else:
        secrets_file.unlink()
    if damage == "corrupt":  # through the CLI: exit code, nothing on stdout, advice followed word for word
        refused = home.smm("services", "up", "--json")
        assert refused.returncode == 1 and refused.stdout == ""
        message = refused.stderr
    else:
        with pytest.raises(ServiceError) as caught:
            home.up()
        message = str(caught.value)
        assert not secrets_file.exists()  # nothing was invented behind our back
    assert "would lock you out" in message
    advice = re.search(r"`(smm services reset-passwords)`", message)
    assert advice, message
    if damage == "corrupt":
        reset = follow(advice.group(1), home)
        assert reset.returncode == 0, reset.stderr
        server = json.loads(reset.stdout)["postgres"]
    else:
        server = reset_passwords(home.settings())["postgres"]
    assert server["running"] and server["port"] == port  # left up, on the port clients know
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    new = json.loads(secrets_file.read_text())
    assert all(new[k] != old[k] for k in ("postgres_password", "owner_password", "app_password"))
    urls = database_urls(home.settings())
    for url, role in ((urls.app, "smm_app"), (urls.owner, "smm_owner"), (urls.admin, "postgres")):
        assert url is not None
        with psycopg.connect(libpq(url)) as conn:
            assert conn.execute("select current_user").fetchone() == (role,)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(libpq(old_app_url))
    assert home.up()["postgres"]["port"] == port
