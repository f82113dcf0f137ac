"""The production docker-compose file validates (Debian's docker-compose; no Docker engine needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SECRETS = {"SMM_SECRET_KEY": "s" * 40, "SMM_APP_DB_PASSWORD": "a", "SMM_OWNER_DB_PASSWORD": "o",
           "SMM_PG_SUPERUSER_PASSWORD": "p"}


def _compose(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("docker-compose")
    assert exe, "docker-compose is required (Debian package docker-compose; `make setup` installs it as root)"
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return subprocess.run([exe, "config"], cwd=ROOT, capture_output=True, text=True, env={**clean, **env},
                          timeout=60)


def test_compose_renders_with_secrets() -> None:
    proc = _compose(SECRETS)
    assert proc.returncode == 0, proc.stderr
    services = yaml.safe_load(proc.stdout)["services"]
    assert {"postgres", "temporal", "temporal-ui", "opa", "migrate", "api", "worker"} <= set(services)
    assert services["api"]["environment"]["SMM_ENV"] == "production"
    assert "/policies" in " ".join(services["opa"]["command"])


def test_compose_refuses_missing_secrets() -> None:
    proc = _compose({})
    assert proc.returncode != 0 and "SMM_" in proc.stderr


def test_compose_runs_temporal_with_mtls_and_no_deprecated_image() -> None:
    services = yaml.safe_load(_compose(SECRETS).stdout)["services"]
    images = {name: svc.get("image", "") for name, svc in services.items()}
    assert not any("auto-setup" in image for image in images.values())
    assert images["temporal"].startswith("temporalio/server:")
    assert images["temporal-schema"].startswith("temporalio/admin-tools:")
    tls = services["temporal"]["environment"]
    assert tls["TEMPORAL_TLS_REQUIRE_CLIENT_AUTH"] == "true" and tls["TEMPORAL_TLS_CLIENT1_CA_CERT"]
    for client in ("api", "worker"):
        env = services[client]["environment"]
        assert env["SMM_TEMPORAL_TLS_CERT"] and env["SMM_TEMPORAL_TLS_KEY"] and env["SMM_TEMPORAL_TLS_CA"]
