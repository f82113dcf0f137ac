"""Calibration: the card's 90 % predictive intervals cover realised outcomes ~90 % of the time.

Each repetition builds a random campaign, draws one "true" realised outcome from the documented
generative model (an independent scalar implementation written here from the docs in
`simulator.priors`, one Gamma per post rather than the engine's summed Gamma), then asks the engine
for a 90 % interval with a different seed. Over 1,000 repetitions coverage must be 90 % +- 3 %
(binomial sd 0.95 %). The same harness run against a deliberately over-confident engine
(variances shrunk) must fail, which shows the test can fail.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from core.contracts.simulation import DEFAULT_PRICE_TABLE, ChannelPriors, SimulationInput
from simulator.engine import simulate
from simulator.priors import DEFAULT_PRIORS, FATIGUE

REPS = 1000
ITERATIONS = 2_000  # enough for 5 %/95 % quantiles; their sampling error barely moves coverage
CHANNELS = ("x", "linkedin", "instagram", "facebook", "tiktok")
KEYS = ("impressions", "cost", "engagements", "clicks")


def _campaign(rng: np.random.Generator) -> SimulationInput:
    channels = list(rng.choice(CHANNELS, size=int(rng.integers(1, 5)), replace=False))
    posts, budgets = [], []
    for c in channels:
        for j in range(int(rng.integers(1, 9))):
            posts.append(
                {
                    "id": f"{c}-{j}",
                    "channel": c,
                    "scheduled_at": f"2026-11-0{int(rng.integers(1, 4))}",  # same-day clashes -> fatigue
                    "prompt_tokens": int(rng.integers(500, 20_000)),
                    "completion_tokens": int(rng.integers(100, 5_000)),
                    "llm_model": str(rng.choice(["gpt-4o-mini", "gpt-4o"])),
                }
            )
        budgets.append({"channel": c, "cap": 1e6, "paid_spend": float(rng.uniform(20, 600))})
    return SimulationInput.model_validate({"posts": posts, "budgets": budgets})


def _truth(inp: SimulationInput, rng: np.random.Generator) -> dict[str, float]:
    """One realised outcome drawn straight from the documented model, post by post."""
    out = dict.fromkeys(KEYS, 0.0)
    for b in inp.budgets:
        pr = DEFAULT_PRIORS[b.channel]
        mine = [p for p in inp.posts if p.channel == b.channel]
        mood = math.exp(pr.reach_tau * rng.standard_normal() - pr.reach_tau**2 / 2)
        k = 1 / pr.reach_cv**2
        per_day: dict[Any, int] = {}
        organic = 0.0
        for p in mine:
            j = per_day.get(p.scheduled_at, 0)
            per_day[p.scheduled_at] = j + 1
            organic += rng.gamma(k * FATIGUE**j, pr.reach_mean / k * mood)
        pacing = math.exp(pr.pacing_sigma * rng.standard_normal() - pr.pacing_sigma**2 / 2)
        cpm = math.exp(math.log(pr.cpm_median) + pr.cpm_sigma * rng.standard_normal())
        tokens = math.exp(pr.token_sigma * rng.standard_normal())
        impressions = organic + b.paid_spend * pacing / cpm * 1000
        er = rng.beta(pr.engagement_rate_mean * pr.engagement_rate_concentration,
                      (1 - pr.engagement_rate_mean) * pr.engagement_rate_concentration)  # fmt: skip
        ctr = rng.beta(pr.click_rate_mean * pr.click_rate_concentration,
                       (1 - pr.click_rate_mean) * pr.click_rate_concentration)  # fmt: skip
        llm = sum(
            (p.prompt_tokens * DEFAULT_PRICE_TABLE[p.llm_model].input_per_1k
             + p.completion_tokens * DEFAULT_PRICE_TABLE[p.llm_model].output_per_1k) / 1000
            for p in mine
        )  # fmt: skip
        out["impressions"] += impressions
        out["engagements"] += er * impressions
        out["clicks"] += ctr * impressions
        out["cost"] += llm * tokens + b.paid_spend * pacing
    return out


def _overconfident(inp: SimulationInput) -> SimulationInput:
    shrunk: dict[str, ChannelPriors] = {
        c: p.model_copy(
            update={
                "reach_tau": 0.0,
                "reach_cv": p.reach_cv * 0.5,
                "pacing_sigma": p.pacing_sigma * 0.3,
                "cpm_sigma": p.cpm_sigma * 0.3,
                "token_sigma": p.token_sigma * 0.3,
                "engagement_rate_concentration": p.engagement_rate_concentration * 10,
                "click_rate_concentration": p.click_rate_concentration * 10,
            }
        )
        for c, p in DEFAULT_PRIORS.items()
    }
    return inp.model_copy(update={"priors": shrunk})


def _coverage(make_variant: Any) -> dict[str, float]:
    hits = dict.fromkeys(KEYS, 0)
    for rep in range(REPS):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([2026, rep])))
        inp = _campaign(rng)
        truth = _truth(inp, rng)
        result = simulate(make_variant(inp), seed=10_000 + rep, iterations=ITERATIONS)
        for key in KEYS:
            lo, _, hi = result.quantiles(key)
            hits[key] += lo <= truth[key] <= hi
    return {k: v / REPS for k, v in hits.items()}


@pytest.fixture(scope="module")
def honest() -> dict[str, float]:
    return _coverage(lambda inp: inp)


@pytest.mark.parametrize("key", KEYS)
def test_90_percent_interval_covers_truth(honest: dict[str, float], key: str) -> None:
    assert 0.87 <= honest[key] <= 0.93, honest


def test_overconfident_engine_fails_the_same_check() -> None:
    cov = _coverage(_overconfident)
    assert cov["impressions"] < 0.87 and cov["cost"] < 0.87, cov
