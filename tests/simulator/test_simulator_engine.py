"""Engine: determinism across workers and processes, seeds, convergence and monotone properties."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.contracts.simulation import SimulationInput
from simulator.card import build_decision_card, canonical_json
from simulator.engine import BLOCK_SIZE, simulate
from tests.simulator.simulator_testkit import MakeInput, build_input

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "campaign.json"


def _example() -> SimulationInput:
    return SimulationInput.model_validate_json(EXAMPLE.read_text())


def test_same_seed_same_card_for_1_2_4_workers() -> None:
    inp = _example()
    # 45,000 iterations = 4 full blocks + a partial one, so uneven chunking is exercised.
    results = {w: simulate(inp, 11, 45_000, workers=w) for w in (1, 2, 4)}
    cards = {w: canonical_json(build_decision_card(inp, r)) for w, r in results.items()}
    assert cards[1] == cards[2] == cards[4]
    for key, arr in results[1].samples.items():
        assert np.array_equal(arr, results[4].samples[key]), key


def test_adaptive_run_is_worker_independent() -> None:
    inp = _example()
    one = simulate(inp, 5, workers=1, tolerance_readiness=0.0005)
    two = simulate(inp, 5, workers=2, tolerance_readiness=0.0005)
    assert one.iterations == two.iterations and one.iterations % BLOCK_SIZE == 0
    assert canonical_json(build_decision_card(inp, one)) == canonical_json(build_decision_card(inp, two))


def test_same_card_bytes_in_a_fresh_process() -> None:
    inp = _example()
    here = canonical_json(build_decision_card(inp, simulate(inp, 123, 30_000)))
    code = (
        "import sys; from pathlib import Path;"
        "from core.contracts.simulation import SimulationInput;"
        "from simulator.engine import simulate; from simulator.card import build_decision_card, canonical_json;"
        f"inp = SimulationInput.model_validate_json(Path({str(EXAMPLE)!r}).read_text());"
        "sys.stdout.write(canonical_json(build_decision_card(inp, simulate(inp, 123, 30_000))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout == here


def test_blocks_do_not_depend_on_total_iterations() -> None:
    inp = _example()
    short = simulate(inp, 3, 2 * BLOCK_SIZE)
    long = simulate(inp, 3, 2 * BLOCK_SIZE + 777)
    assert np.array_equal(short.samples["cost"], long.samples["cost"][: 2 * BLOCK_SIZE])


def test_different_seeds_differ_but_agree_within_intervals() -> None:
    inp = _example()
    a, b = simulate(inp, 1, 40_000), simulate(inp, 2, 40_000)
    assert not np.array_equal(a.samples["impressions"], b.samples["impressions"])
    card_a, card_b = build_decision_card(inp, a), build_decision_card(inp, b)
    assert card_a.status == card_b.status
    assert card_a.readiness.p5 <= card_b.readiness.mean <= card_a.readiness.p95
    assert card_a.cost.p5 <= card_b.cost.mean <= card_a.cost.p95
    # Means agree within Monte Carlo error, not just within the wide predictive interval.
    se = np.hypot(a.std_error_cost, b.std_error_cost)
    assert abs(a.mean("cost") - b.mean("cost")) < 4.5 * se
    se_r = np.hypot(a.std_error_readiness, b.std_error_readiness)
    assert abs(a.mean("readiness") - b.mean("readiness")) < 4.5 * se_r


def test_reported_standard_error_matches_spread_across_seeds() -> None:
    inp = build_input()
    runs = [simulate(inp, s, 2_000) for s in range(40)]
    spread = float(np.std([r.mean("cost") for r in runs], ddof=1))
    reported = float(np.mean([r.std_error_cost for r in runs]))
    # With 40 seeds the sample sd is within ~25 % of the truth; a wrong SE formula (e.g. no sqrt(n)) is off by 45x.
    assert 0.7 < spread / reported < 1.4


def test_adaptive_convergence_and_cap() -> None:
    inp = _example()
    done = simulate(inp, 9)
    assert done.converged
    assert done.std_error_readiness <= done.tolerance_readiness and done.std_error_cost <= done.tolerance_cost
    capped = simulate(inp, 9, tolerance_readiness=1e-9, max_iterations=3 * BLOCK_SIZE)
    assert capped.iterations == 3 * BLOCK_SIZE and not capped.converged


@pytest.mark.parametrize("kwargs", [{"seed": -1}, {"seed": 1, "iterations": 1}, {"seed": 1, "workers": 0}])
def test_bad_run_parameters(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        simulate(build_input(), **kwargs)


def test_certain_events_are_certain() -> None:
    posts = [
        {"id": "a", "channel": "x", "scheduled_at": "2026-11-02", "p_policy_violation": 1.0, "p_uncited_claim": 0.0},
        {"id": "b", "channel": "x", "scheduled_at": "2026-11-02", "p_policy_violation": 0.0, "p_uncited_claim": 1.0},
    ]
    r = simulate(build_input(posts=posts, budgets=[{"channel": "x", "cap": 100}]), 4, 5_000)
    assert np.all(r.samples["policy_pass"] == 0.5) and np.all(r.samples["citation_coverage"] == 0.5)


# --- property tests ------------------------------------------------------------------------------

CHANNELS = ["x", "linkedin", "instagram", "facebook", "tiktok"]
prob = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def campaigns(draw: st.DrawFn) -> SimulationInput:
    """Random small valid campaigns."""
    channels = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3, unique=True))
    n = draw(st.integers(1, 6))
    posts = [
        {
            "id": f"p{i}",
            "channel": draw(st.sampled_from(channels)),
            "scheduled_at": f"2026-11-0{draw(st.integers(1, 3))}",
            "p_policy_violation": draw(prob),
            "p_uncited_claim": draw(prob),
            "duplicate_similarity": draw(prob),
            "prompt_tokens": draw(st.integers(0, 5000)),
            "completion_tokens": draw(st.integers(0, 2000)),
            "llm_model": draw(st.sampled_from(["offline", "gpt-4o-mini", "gpt-4o"])),
        }
        for i in range(n)
    ]
    budgets = [
        {"channel": c, "cap": draw(st.floats(0, 2000)), "paid_spend": draw(st.floats(0, 1500))} for c in channels
    ]
    kpi = draw(st.sampled_from([{}, {"impressions": 5000.0}, {"clicks": 50.0, "engagements": 200.0}]))
    return build_input(posts=posts, budgets=budgets, kpi_targets=kpi)


PROPS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(inp=campaigns(), seed=st.integers(0, 2**32))
def test_readiness_in_unit_interval(inp: SimulationInput, seed: int) -> None:
    r = simulate(inp, seed, 400)
    assert np.all((r.samples["readiness"] >= 0) & (r.samples["readiness"] <= 1))
    card = build_decision_card(inp, r)
    # (The mean may lie outside [p5, p95] for a skewed two-point distribution, so only order the quantiles.)
    assert 0 <= card.readiness.p5 <= card.readiness.p95 <= 1 and 0 <= card.readiness.mean <= 1
    assert len(card.recommended_actions) == 3


def _bump(inp: SimulationInput, index: int, field: str, value: float) -> SimulationInput:
    data = inp.model_dump()
    post = data["posts"][index % len(data["posts"])]
    post[field] = max(post[field], value)
    return SimulationInput.model_validate(data)


@PROPS
@given(inp=campaigns(), seed=st.integers(0, 2**32), index=st.integers(0, 10), p=prob)
def test_more_violations_never_raise_readiness(inp: SimulationInput, seed: int, index: int, p: float) -> None:
    before = simulate(inp, seed, 400)
    after = simulate(_bump(inp, index, "p_policy_violation", p), seed, 400)
    assert np.all(after.samples["readiness"] <= before.samples["readiness"] + 1e-12)
    assert after.mean("readiness") <= before.mean("readiness") + 1e-12


@PROPS
@given(inp=campaigns(), seed=st.integers(0, 2**32), index=st.integers(0, 10), p=prob)
def test_worse_citations_or_duplication_never_raise_readiness(
    inp: SimulationInput, seed: int, index: int, p: float
) -> None:
    before = simulate(inp, seed, 400).mean("readiness")
    assert simulate(_bump(inp, index, "p_uncited_claim", p), seed, 400).mean("readiness") <= before + 1e-12
    assert simulate(_bump(inp, index, "duplicate_similarity", p), seed, 400).mean("readiness") <= before + 1e-12


@PROPS
@given(inp=campaigns(), seed=st.integers(0, 2**32), factor=st.floats(1.0, 5.0), extra=st.floats(0.0, 500.0))
def test_higher_caps_never_raise_overrun(inp: SimulationInput, seed: int, factor: float, extra: float) -> None:
    data = inp.model_dump()
    for b in data["budgets"]:
        b["cap"] = b["cap"] * factor + extra
    before = simulate(inp, seed, 400)
    after = simulate(SimulationInput.model_validate(data), seed, 400)
    assert after.mean("overrun") <= before.mean("overrun")
    assert np.all(after.samples["overrun"] <= before.samples["overrun"])


def test_overrun_probability_tracks_cap(make_input: MakeInput) -> None:
    # A cap right at the planned spend overruns about half the time (mean-1 pacing); a cap far above never.
    budgets = [{"channel": "x", "cap": 1000, "paid_spend": 1000}]
    posts = [{"id": "a", "channel": "x", "scheduled_at": "2026-11-02"}]
    tight = simulate(make_input(posts=posts, budgets=budgets), 1, 20_000).mean("overrun")
    loose = simulate(make_input(posts=posts, budgets=[{**budgets[0], "cap": 2000}]), 1, 20_000).mean("overrun")
    assert 0.4 < tight < 0.6 and loose == 0.0
