"""A private installation per fault module: its own SMM_HOME, services, worker and tenant.

Fault tests kill processes; they must never kill the session's shared services, so they bring up
their own (through the real `smm` entry point, as an operator would) and kill only those pids.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_smm


@dataclass
class Installation:
    """One SMM_HOME with its services, a tenant and a marketer; workers started on demand."""

    home: Path
    env: dict[str, str]
    tenant_id: str = ""
    marketer_id: str = ""
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    spawned: list[subprocess.Popen[bytes]] = field(default_factory=list)  # everything popen() started
    logs: dict[int, Path] = field(default_factory=dict)  # pid -> its stderr file

    def smm(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return run_smm(*args, env=self.env, timeout=timeout)

    def smm_json(self, *args: str, timeout: float = 300) -> Any:
        done = self.smm(*args, "--json", timeout=timeout)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        smm = Path(sys.executable).parent / "smm"
        log = open(self.home / f"proc-{time.monotonic_ns()}.log", "wb")  # closed when the process ends
        proc = subprocess.Popen([str(smm), *args], env={**os.environ, **self.env}, stdout=subprocess.PIPE,
                                stderr=log, stdin=subprocess.DEVNULL)
        self.spawned.append(proc)
        self.logs[proc.pid] = Path(log.name)
        return proc

    def stderr_of(self, proc: subprocess.Popen[bytes]) -> str:
        """The last lines a process we started wrote to stderr (for assertion messages)."""
        path = self.logs.get(proc.pid)
        text = path.read_text(errors="replace") if path is not None and path.exists() else ""
        return "\n".join(text.splitlines()[-40:])

    def start_worker(self) -> subprocess.Popen[bytes]:
        proc = self.popen("worker")
        self.workers.append(proc)
        return proc

    def services(self) -> dict[str, Any]:
        return json.loads((self.home / "services.json").read_text())

    def postgres_pid(self) -> int:
        return int((self.home / "pgdata" / "postmaster.pid").read_text().split()[0])

    def temporal_pid(self) -> int:
        return int(self.services()["temporal"]["pid"])


def kill(proc_or_pid: subprocess.Popen[bytes] | int, sig: int = signal.SIGKILL) -> None:
    """Signal a process this test started (by pid) and reap it if it is our child."""
    pid = proc_or_pid if isinstance(proc_or_pid, int) else proc_or_pid.pid
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    if not isinstance(proc_or_pid, int):
        proc_or_pid.wait(timeout=60)


@pytest.fixture(scope="module")
def installation() -> Iterator[Installation]:
    home = Path(tempfile.mkdtemp(prefix="smm-fault-"))
    # A kill of a worker inside a long (heartbeating) step waits out the heartbeat timeout before the step
    # is retried: the setting's floor (10 s) instead of the default 30 s. A kill inside one of the workflow's
    # quick steps (a policy check, one database write) waits out its start-to-close timeout: 15 s, not 60 s.
    env = {"SMM_HOME": str(home), "SMM_ENV": "development", "SMM_CRAWL_ALLOW_PRIVATE": "true",
           "HF_HUB_OFFLINE": "1", "SMM_HEARTBEAT_TIMEOUT_S": "10", "SMM_QUICK_STEP_TIMEOUT_S": "15"}
    inst = Installation(home=home, env=env)
    try:
        inst.smm_json("services", "up")
        inst.smm_json("db", "migrate")
        inst.tenant_id = inst.smm_json("tenant", "create", f"fault-{home.name}")["id"]
        inst.marketer_id = inst.smm_json("key", "create", "--tenant", inst.tenant_id, "--role", "marketer",
                                         "--email", "m@fault.test")["user_id"]
        yield inst
    finally:
        # A failed assertion can leave a CLI or worker of ours running: end every one we started.
        for proc in inst.spawned:
            if proc.poll() is None:
                kill(proc)
        inst.smm("services", "down", timeout=120)
        shutil.rmtree(home, ignore_errors=True)
