"""DecisionCard builder: content, actions aimed at the real risks, canonical bytes."""

from __future__ import annotations

import json

from core.contracts.simulation import DecisionCard
from simulator.card import build_decision_card, canonical_json, card_sha256, deterministic_run_id
from simulator.engine import simulate
from tests.simulator.simulator_testkit import build_input


def _post(i: int, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {"id": f"p{i}", "channel": "linkedin", "scheduled_at": f"2026-11-{i + 1:02d}"}
    base.update(kw)
    return base


BUDGET = [{"channel": "linkedin", "cap": 5000, "paid_spend": 100}]


def test_clean_campaign_is_ready_with_three_distinct_actions() -> None:
    inp = build_input(posts=[_post(i) for i in range(5)], budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 1, 5_000))
    assert card.status == "ready" and card.readiness.mean > 0.99
    assert card.policy_pass_pct == 100.0 and card.citation_coverage == 1.0 and card.budget_overrun_probability == 0
    assert len({(a.kind, a.target) for a in card.recommended_actions}) == 3
    assert all(a.readiness_gain == 0 for a in card.recommended_actions)


def test_actions_point_at_the_planted_risks() -> None:
    posts = [_post(i, p_policy_violation=0.01) for i in range(6)]
    posts[1] = _post(1, p_policy_violation=0.6, model_findings=["competitor_disparagement"])
    posts[3] = _post(3, duplicate_similarity=0.93, similar_post_id="pub-9", similar_post_date="2026-10-02")
    posts[4] = _post(4, p_uncited_claim=0.9, uncited_claim="cuts costs by 40%")
    inp = build_input(posts=posts, budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 2, 5_000), policy_decision_ids=["pd-9"], trace_id="t-1")
    assert card.status == "not_ready"  # a post with a 60 % violation risk blocks
    by_kind = {a.kind: a for a in card.recommended_actions}
    # The approver reads which part of the risk a language model, not a rule, found.
    assert by_kind["fix_policy"].target == "p1" and "language model found: competitor_disparagement" in by_kind[
        "fix_policy"].text
    assert by_kind["rewrite_duplicate"].target == "p3"
    assert "0.93" in by_kind["rewrite_duplicate"].text and "2026-10-02" in by_kind["rewrite_duplicate"].text
    assert by_kind["add_citation"].target == "p4" and "cuts costs by 40%" in by_kind["add_citation"].text
    assert card.proofs.policy_decision_ids == ("pd-9",) and card.proofs.trace_id == "t-1"
    assert card.proofs.audit_root_hash is None


def test_overrun_channel_is_named_and_blocks() -> None:
    # Pacing is mean-1 lognormal (sd 0.08): a cap 5 % under plan is exceeded ~3/4 of the time.
    budgets = [{"channel": "linkedin", "cap": 950, "paid_spend": 1000}, {"channel": "x", "cap": 900, "paid_spend": 10}]
    posts = [_post(0), _post(1, channel="x")]
    inp = build_input(posts=posts, budgets=budgets)
    card = build_decision_card(inp, simulate(inp, 3, 10_000))
    first = card.recommended_actions[0]
    assert first.kind == "reduce_channel_spend" and first.target == "linkedin" and "LinkedIn" in first.text
    assert 0.6 < card.budget_overrun_probability < 0.9 and card.status == "not_ready"


def test_kpi_shortfall_becomes_an_action() -> None:
    inp = build_input(posts=[_post(0)], budgets=BUDGET, kpi_targets={"clicks": 1e6})
    card = build_decision_card(inp, simulate(inp, 4, 5_000))
    assert card.recommended_actions[0].kind == "boost_kpi" and card.recommended_actions[0].target == "clicks"
    assert card.readiness.mean < 0.85


def test_canonical_json_round_trips_and_is_sorted() -> None:
    inp = build_input()
    card = build_decision_card(inp, simulate(inp, 5, 3_000))
    text = canonical_json(card)
    assert DecisionCard.model_validate_json(text) == card
    data = json.loads(text)
    assert list(data) == sorted(data) and "NaN" not in text
    assert card_sha256(card) == card_sha256(DecisionCard.model_validate_json(text))
    assert data["proofs"]["fact_ids"] == [] and data["schema_version"] == "1.0"


def test_run_id_is_deterministic_and_input_sensitive() -> None:
    inp = build_input()
    assert deterministic_run_id(inp, 1, 100) == deterministic_run_id(inp, 1, 100)
    assert deterministic_run_id(inp, 1, 100) != deterministic_run_id(inp, 2, 100)
    assert deterministic_run_id(inp, 1, 100) != deterministic_run_id(inp, 1, 100, namespace="tenant-b")
    other = build_input(currency="EUR")
    assert deterministic_run_id(inp, 1, 100) != deterministic_run_id(other, 1, 100)


def test_every_post_with_an_uncited_claim_is_not_ready() -> None:
    posts = [_post(i, p_uncited_claim=0.6, uncited_claim=f"saves {10 + i} hours a week") for i in range(5)]
    inp = build_input(posts=posts, budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 4, 5_000))
    assert card.status == "not_ready", card.verdict
    assert "5 of 5 posts carry an uncited claim" in card.verdict and "citation coverage 40%" in card.verdict
    assert {a.kind for a in card.recommended_actions} == {"add_citation"}


def test_one_uncited_claim_needs_work_and_names_the_post() -> None:
    posts = [_post(i) for i in range(6)]
    posts[2] = _post(2, p_uncited_claim=0.6, uncited_claim="the fastest payroll in Europe")
    inp = build_input(posts=posts, budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 5, 5_000))
    assert card.status == "needs_work" and "1 of 6 posts carry an uncited claim (p2)" in card.verdict
    first = card.recommended_actions[0]
    assert first.kind == "add_citation" and first.target == "p2" and "fastest payroll" in first.text


def test_near_duplicate_of_a_published_post_is_not_ready_with_a_rewrite_first() -> None:
    posts = [_post(i) for i in range(4)]
    posts[1] = _post(1, duplicate_similarity=0.95, similar_post_id="pub-3")
    inp = build_input(posts=posts, budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 6, 5_000))
    assert card.status == "not_ready" and "0.95 similar" in card.verdict
    first = card.recommended_actions[0]
    assert (first.kind, first.target) == ("rewrite_duplicate", "p1") and "pub-3" in first.text


def test_residual_floors_make_no_actions_and_the_card_says_nothing_needs_doing() -> None:
    """A clean review still leaves small prior risks (a 2 % violation floor, 5 % uncited): not actions."""
    posts = [_post(i, p_policy_violation=0.02, p_uncited_claim=0.05, duplicate_similarity=0.2) for i in range(5)]
    inp = build_input(posts=posts, budgets=BUDGET)
    card = build_decision_card(inp, simulate(inp, 7, 5_000))
    assert card.status == "ready", card.verdict
    kinds = [a.kind for a in card.recommended_actions]
    assert not {"fix_policy", "add_citation", "rewrite_duplicate"} & set(kinds), kinds
    assert kinds[0] == "proceed" and "nothing needs doing" in card.recommended_actions[0].text
    # No KPI target was set: the card says readiness leaves KPIs out instead of implying attainment.
    assert any(a.target == "kpi" and "No KPI target" in a.text for a in card.recommended_actions)


def test_a_kpi_on_track_is_not_an_action() -> None:
    posts = [_post(i, channel=ch) for i, ch in enumerate(["linkedin", "x", "instagram", "facebook"])]
    budgets = [{"channel": ch, "cap": 5000, "paid_spend": 100} for ch in ("linkedin", "x", "instagram", "facebook")]
    inp = build_input(posts=posts, budgets=budgets, kpi_targets={"clicks": 1})
    card = build_decision_card(inp, simulate(inp, 8, 5_000))
    kinds = [a.kind for a in card.recommended_actions]
    assert card.status == "ready" and "boost_kpi" not in kinds and kinds[0] == "proceed", kinds
    assert all(a.target != "kpi" for a in card.recommended_actions)  # a target is set
