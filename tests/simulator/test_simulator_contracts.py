"""Bad input is refused by the contracts, before any simulation or card exists."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from core.contracts.simulation import DecisionCard, SimulationInput

MakeDict = Callable[..., dict[str, Any]]


def _errors(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        SimulationInput.model_validate(data)
    return " | ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in info.value.errors())


def test_valid_campaign_and_channel_alias(make_dict: MakeDict) -> None:
    data = make_dict()
    data["posts"][1]["channel"] = "Twitter"
    data["budgets"][1]["channel"] = "X"
    inp = SimulationInput.model_validate(data)
    assert inp.posts[1].channel == "x" and inp.budgets[1].channel == "x"


def test_example_campaign_file_is_valid() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "campaign.json"
    inp = SimulationInput.model_validate_json(path.read_text())
    assert len(inp.posts) == 30 and len({p.channel for p in inp.posts}) == 4


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["budgets"][0].update(cap=-1), "budgets.0.cap"),
        (lambda d: d["budgets"][0].update(paid_spend=-5), "budgets.0.paid_spend"),
        (lambda d: d.update(posts=[]), "posts"),
        (lambda d: d["posts"][0].update(p_policy_violation=1.5), "posts.0.p_policy_violation"),
        (lambda d: d["posts"][0].update(p_uncited_claim=-0.1), "posts.0.p_uncited_claim"),
        (lambda d: d["posts"][0].update(duplicate_similarity=2), "posts.0.duplicate_similarity"),
        (lambda d: d["posts"][0].update(channel="myspace"), "posts.0.channel"),
        (lambda d: d["budgets"][0].update(channel="myspace"), "budgets.0.channel"),
        (lambda d: d["posts"][0].update(p_policy_violation=math.nan), "posts.0.p_policy_violation"),
        (lambda d: d["budgets"][0].update(cap=math.inf), "budgets.0.cap"),
        (lambda d: d["posts"][0].update(prompt_tokens=-1), "posts.0.prompt_tokens"),
        (lambda d: d["posts"][0].update(llm_model="gpt-99"), "posts.0.llm_model"),
        (lambda d: d["posts"][1].update(id="p0"), "duplicate post id"),
        (lambda d: d.update(budgets=d["budgets"][1:]), "posts.0.channel: no budget"),
        (lambda d: d["posts"][0].update(surprise=1), "posts.0.surprise"),
        (lambda d: d.update(kpi_targets={"clicks": -3}), "kpi_targets.clicks"),
        (lambda d: d.update(priors={"x": {"reach_mean": 1}}), "priors.x"),
    ],
)
def test_bad_input_names_the_field(make_dict: MakeDict, mutate: Callable[[dict[str, Any]], None], field: str) -> None:
    data = make_dict()
    mutate(data)
    assert field in _errors(data)


def test_nan_from_json_text_is_refused(make_dict: MakeDict) -> None:
    text = json.dumps(make_dict()).replace('"p_policy_violation": 0.05', '"p_policy_violation": NaN', 1)
    with pytest.raises(ValidationError):
        SimulationInput.model_validate_json(text)


def test_input_is_frozen(make_dict: MakeDict) -> None:
    inp = SimulationInput.model_validate(make_dict())
    with pytest.raises(ValidationError):
        inp.posts[0].p_policy_violation = 0.9  # type: ignore[misc]


def _card_data() -> dict[str, Any]:
    q = {"p5": 1.0, "p50": 2.0, "p95": 3.0}
    action = {"kind": "monitor", "target": "x", "text": "watch", "readiness_gain": 0.0}
    return {
        "engine": "e", "seed": 1, "iterations": 10, "status": "ready", "verdict": "ok",
        "convergence": {"std_error_readiness": 0.001, "std_error_cost": 0.1, "iterations_used": 10,
                        "converged": True, "tolerance_readiness": 0.002, "tolerance_cost": 1.0},
        "readiness": {"mean": 0.9, "p5": 0.8, "p95": 0.95}, "policy_pass_pct": 99.0,
        "citation_coverage": 0.9, "duplication_risk": 0.0, "budget_overrun_probability": 0.0,
        "cost": {"mean": 10.0, "p5": 9.0, "p95": 11.0, "currency": "USD"},
        "kpi_forecast": {"impressions": q, "engagements": q, "clicks": q}, "negative_incidents": q,
        "recommended_actions": [action, {**action, "target": "y"}, {**action, "target": "z"}],
        "proofs": {"fact_ids": [], "policy_decision_ids": [], "simulation_run_id": "r", "seed": 1},
    }  # fmt: skip


def test_decision_card_contract_guards() -> None:
    DecisionCard.model_validate(_card_data())
    bad: list[dict[str, Any]] = []
    for path, value in [
        (("recommended_actions",), _card_data()["recommended_actions"][:2]),
        (("readiness", "mean"), math.nan),
        (("readiness", "p5"), 0.99),
        (("cost", "mean"), -1.0),
        (("verdict",), "two\nlines"),
        (("proofs", "seed"), 2),
        (("kpi_forecast", "clicks", "p5"), 5.0),
    ]:
        data = _card_data()
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        bad.append(data)
    for data in bad:
        with pytest.raises(ValidationError):
            DecisionCard.model_validate(data)
