"""The data home is private: another local OS user cannot read secrets, state, workflow history or pgdata.

Starts from a home left open by an older version (0755, files 0644) and checks that `up` tightens it.
As root (here and in CI) the checks run as a real second user created with `useradd`; the Postgres
system user, which must traverse the home, may still not list it nor read our files.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.services import services_down
from core.settings import Settings
from tests.conftest import run_smm
from tests.core.test_services_resilience import kill_leftovers

PROBE_USER = "smm_probe"
PG_USER = "embedded_postgres"
PRIVATE_FILES = ("temporal.db", "secrets.json", "services.json", "temporal.log", "temporal.pid", "postgres.log")


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="smm-priv-")) / "home"
    # What an older version left behind: a world-listable home with world-readable files.
    path.mkdir(mode=0o755)
    os.chmod(path, 0o755)  # noqa: S103 - deliberately loose, to be tightened
    (path / "services.json").write_text("{}")
    (path / "temporal.log").write_text("old log\n")
    for name in ("services.json", "temporal.log"):
        os.chmod(path / name, 0o644)
    env = {"SMM_HOME": str(path)}
    up = run_smm("services", "up", "--json", env=env)
    try:
        assert up.returncode == 0, up.stderr
        yield path
    finally:
        services_down(Settings(home=path))
        kill_leftovers(path)
        shutil.rmtree(path.parent, ignore_errors=True)


def test_modes_are_private_and_old_homes_are_tightened(home: Path) -> None:
    mode = stat.S_IMODE(home.stat().st_mode)
    if os.geteuid() == 0:
        # Only the Postgres user's group may traverse (not list); that group holds nobody else.
        assert mode == 0o710
        group = grp.getgrgid(home.stat().st_gid)
        assert group.gr_gid == pwd.getpwnam(PG_USER).pw_gid and set(group.gr_mem) <= {PG_USER}
        assert (home / "pgdata").stat().st_uid == pwd.getpwnam(PG_USER).pw_uid
    else:
        assert mode == 0o700
    assert stat.S_IMODE((home / "pgdata").stat().st_mode) == 0o700
    for name in PRIVATE_FILES:
        assert (home / name).exists(), name
        assert stat.S_IMODE((home / name).stat().st_mode) & 0o077 == 0, name


def _as_user(user: str, *cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["runuser", "-u", user, "--", *cmd], capture_output=True, text=True, timeout=30)


@pytest.fixture(scope="module")
def probe_user() -> str:
    if os.geteuid() != 0:
        pytest.skip("creating a second OS user needs root (the mode checks above still run)")
    try:
        pwd.getpwnam(PROBE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PROBE_USER],
                       check=True, capture_output=True)
    return PROBE_USER


def test_another_user_reads_nothing(home: Path, probe_user: str) -> None:
    # The probe can reach the home's parent, so only the home's own protection stops it.
    assert _as_user(probe_user, "test", "-x", str(home.parent)).returncode == 0
    for name in (*PRIVATE_FILES, "pgdata/PG_VERSION", "pgdata/postgresql.conf"):
        proc = _as_user(probe_user, "cat", str(home / name))
        assert proc.returncode != 0 and "Permission denied" in proc.stderr, name
    for directory in (home, home / "pgdata"):
        proc = _as_user(probe_user, "ls", str(directory))
        assert proc.returncode != 0 and "Permission denied" in proc.stderr, directory


def test_postgres_user_traverses_but_cannot_list_or_read_ours(home: Path, probe_user: str) -> None:
    assert _as_user(PG_USER, "ls", str(home)).returncode != 0
    for name in ("temporal.db", "secrets.json", "services.json"):
        assert _as_user(PG_USER, "cat", str(home / name)).returncode != 0, name
    assert _as_user(PG_USER, "cat", str(home / "pgdata" / "PG_VERSION")).returncode == 0
