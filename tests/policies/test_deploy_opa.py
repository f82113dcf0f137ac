"""Production runs the OPA release the tests evaluate the bundle with."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.fakes.opa import opa_version

ROOT = Path(__file__).resolve().parents[2]


def test_compose_opa_is_the_tested_version() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    opa = compose["services"]["opa"]
    assert opa["image"] == f"openpolicyagent/opa:{opa_version().removeprefix('v')}-static"
    assert "--set=decision_logs.console=true" in opa["command"]
    assert opa["command"][-1] == "/policies" and "./policies:/policies:ro" in opa["volumes"]


def test_bindings_report_opa_1_20() -> None:
    assert opa_version() == "v1.20.2"
