"""`smm policy test|eval` through a tiny typer app that calls register()."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from policies.cli import register
from tests.policies.gen_conformance import base

app = typer.Typer()


@app.callback()
def _root() -> None:
    """smm"""


register(app)
runner = CliRunner()


def test_policy_test_coverage_json() -> None:
    result = runner.invoke(app, ["policy", "test", "--coverage", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["ok"] and doc["coverage_percent"] >= 95 and doc["tests"] >= 60


def test_policy_test_fails_below_min_coverage() -> None:
    result = runner.invoke(app, ["policy", "test", "--coverage", "--min-coverage", "100.01"])
    assert result.exit_code == 1


def test_eval_allow_and_deny(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(base("llm.spend")))
    result = runner.invoke(app, ["policy", "eval", "main", "--input", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["allow"] is True
    doc = base("llm.spend", role="approver")
    path.write_text(json.dumps(doc))
    result = runner.invoke(app, ["policy", "eval", "main", "--input", str(path), "--json"])
    assert result.exit_code == 1
    assert any(r.startswith("security.role_forbidden") for r in json.loads(result.stdout)["deny"])


def test_eval_bad_input_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text("{not json")
    result = runner.invoke(app, ["policy", "eval", "main", "--input", str(path), "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    result = runner.invoke(app, ["policy", "eval", "main", "--input", str(tmp_path / "missing.json")])
    assert result.exit_code == 2
