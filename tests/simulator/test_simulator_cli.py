"""`smm simulate` through a tiny Typer app that calls register()."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from core.contracts.simulation import SimulationInput
from simulator.card import build_decision_card, canonical_json
from simulator.cli import register
from simulator.engine import simulate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "campaign.json"


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:
        """Keeps Typer in multi-command mode, as in the real smm app."""

    return app


def test_json_output_is_the_canonical_card() -> None:
    args = ["simulate", "--campaign", str(EXAMPLE), "--seed", "7", "--iterations", "20000", "--json"]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.stderr
    inp = SimulationInput.model_validate_json(EXAMPLE.read_text())
    assert result.stdout.strip() == canonical_json(build_decision_card(inp, simulate(inp, 7, 20_000)))
    assert json.loads(result.stdout)["iterations"] == 20_000


def test_same_bytes_with_two_workers() -> None:
    args = ["simulate", "--campaign", str(EXAMPLE), "--seed", "8", "--iterations", "30000", "--json"]
    one = CliRunner().invoke(_app(), args)
    two = CliRunner().invoke(_app(), [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout


def test_human_summary() -> None:
    result = CliRunner().invoke(_app(), ["simulate", "--campaign", str(EXAMPLE), "--seed", "1", "--iterations", "5000"])
    assert result.exit_code == 0 and "readiness" in result.stdout and "1. [" in result.stdout


def test_bad_campaign_exits_2_naming_the_field(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["posts"][3]["p_policy_violation"] = 1.7
    data["budgets"][0]["cap"] = -10
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = CliRunner().invoke(_app(), ["simulate", "--campaign", str(bad), "--seed", "1", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "posts.3.p_policy_violation" in result.stderr and "budgets.0.cap" in result.stderr


def test_nan_missing_file_and_negative_seed_exit_2(tmp_path: Path) -> None:
    nan = tmp_path / "nan.json"
    nan.write_text(EXAMPLE.read_text().replace('"p_policy_violation": 0.02', '"p_policy_violation": NaN', 1))
    for args in (
        ["--campaign", str(nan), "--seed", "1"],
        ["--campaign", str(tmp_path / "missing.json"), "--seed", "1"],
        ["--campaign", str(EXAMPLE), "--seed", "-1"],
    ):
        result = CliRunner().invoke(_app(), ["simulate", *args, "--json"])
        assert result.exit_code == 2 and result.stdout == "", args


def test_smm_simulate_agrees_on_planted_shapes(tmp_path: Path) -> None:
    """The shapes the card tests plant, through `smm simulate`: every post uncited → not ready;
    a near-duplicate → not ready with a rewrite action for that post."""
    base = json.loads(EXAMPLE.read_text())

    def status_of(doc: dict[str, object], name: str) -> dict[str, object]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc))
        result = CliRunner().invoke(_app(), ["simulate", "--campaign", str(path), "--seed", "3", "--iterations",
                                             "5000", "--json"])
        assert result.exit_code == 0, result.stderr
        return dict(json.loads(result.stdout))

    uncited = json.loads(json.dumps(base))
    for post in uncited["posts"]:
        post.update(p_uncited_claim=0.6, uncited_claim="the best in town")
    card = status_of(uncited, "uncited")
    assert card["status"] == "not_ready" and "carry an uncited claim" in str(card["verdict"])

    duplicate = json.loads(json.dumps(base))
    duplicate["posts"][0].update(duplicate_similarity=0.96, similar_post_id="pub-1")
    card = status_of(duplicate, "duplicate")
    actions = card["recommended_actions"]
    assert card["status"] == "not_ready" and isinstance(actions, list)
    assert {"kind": "rewrite_duplicate", "target": base["posts"][0]["id"]}.items() <= next(
        a for a in actions if a["kind"] == "rewrite_duplicate").items()
