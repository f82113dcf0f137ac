"""`smm services`: idempotent up, clear refusals, half-dead detection, and down stops only its own."""

from __future__ import annotations

import json
import os
import signal
import socket
import tempfile
import time
from pathlib import Path

import psutil

from core.services import log_excerpt, read_state, services_up
from core.settings import Settings
from tests.conftest import run_smm


def test_second_up_reuses_running_services(settings: Settings) -> None:
    before = read_state(settings)
    status = services_up(settings)
    after = read_state(settings)
    assert status["postgres"]["running"] and status["temporal"]["running"]
    assert before["temporal"]["pid"] == after["temporal"]["pid"]
    assert before["postgres"]["pid"] == after["postgres"]["pid"]


def test_status_json_reports_urls(settings: Settings) -> None:
    proc = run_smm("services", "status", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["postgres"]["url"].startswith("postgresql+psycopg://smm_app:***@127.0.0.1:")
    assert out["temporal"]["address"].startswith("127.0.0.1:")


def test_port_in_use_is_refused_and_nothing_is_created(temporal_address: str) -> None:
    home = Path(tempfile.mkdtemp(prefix="smm-port-"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_smm("services", "up", "--json", env={
            "SMM_HOME": str(home), "SMM_PG_PORT": str(port), "SMM_TEMPORAL_ADDRESS": temporal_address})
    assert proc.returncode == 1 and f"port {port} is already in use" in proc.stderr
    assert proc.stdout == ""
    assert not (home / "pgdata").exists()


def test_invalid_port_setting_is_bad_input() -> None:
    proc = run_smm("services", "status", "--json", env={"SMM_PG_PORT": "80"})
    assert proc.returncode == 2 and "port must be between" in proc.stderr


def test_half_dead_temporal_is_reported_and_restarted(db_urls) -> None:  # type: ignore[no-untyped-def]
    home = Path(tempfile.mkdtemp(prefix="smm-half-"))
    # Postgres is "external" here, so this home only manages a Temporal server of its own.
    env = {"SMM_HOME": str(home), "SMM_DATABASE_URL": db_urls.app}
    up = run_smm("services", "up", "--json", env=env)
    assert up.returncode == 0, up.stderr
    first = json.loads(up.stdout)["temporal"]
    assert first["running"] and json.loads(up.stdout)["postgres"]["kind"] == "external"
    os.kill(first["pid"], signal.SIGKILL)
    _wait_gone(first["pid"])
    status = run_smm("services", "status", "--json", env=env)
    assert status.returncode == 1
    assert "half-dead" in json.loads(status.stdout)["temporal"]["problem"]
    again = run_smm("services", "up", "--json", env=env)
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)["temporal"]
    assert second["running"] and second["pid"] != first["pid"]
    down = run_smm("services", "down", "--json", env=env)
    assert json.loads(down.stdout)["stopped"] == {"postgres": False, "temporal": True}
    _wait_gone(second["pid"])
    # The shared (external to this home) Postgres was not touched.
    assert run_smm("services", "status", "--json").returncode == 0


def _wait_gone(pid: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} still running")


def test_a_crash_excerpt_keeps_the_cause_above_a_long_stack() -> None:
    stack = "".join(f"goroutine frame {n}\n\t/src/app.go:{n} +0x1f\n" for n in range(400))
    output = "2026/01/01 warn starting\npanic: listen tcp 127.0.0.1:40001: bind: address already in use\n\n" + stack
    excerpt = log_excerpt(output, limit=500)
    assert excerpt.startswith("panic: listen tcp 127.0.0.1:40001: bind: address already in use\n[...]\n")
    assert excerpt.endswith(output[-500:])
    assert log_excerpt("short log\n") == "short log\n"
    assert log_excerpt("x" * 900, limit=100) == "x" * 100  # no cause line: the tail alone
