"""Simulator benchmark: a 30-post, 4-channel campaign at 100,000 iterations on one core.

The floor is numpy drawing the same variates the engine draws through its public API (normals,
gammas, betas, and one float uniform per per-post Bernoulli), with no arithmetic on top; the ratio
says how much the engine's own work costs on top of "just random numbers".
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from core.contracts.simulation import SimulationInput
from simulator.card import build_decision_card
from simulator.engine import simulate

ITERATIONS = 100_000
POSTS = 30
CHANNELS = ("linkedin", "instagram", "x", "facebook")


def bench_campaign(posts: int = POSTS) -> SimulationInput:
    """A realistic campaign: `posts` posts over four channels with mixed risks and paid spend."""
    start = dt.date(2026, 11, 2)
    items = []
    for i in range(posts):
        items.append(
            {
                "id": f"post-{i + 1:02d}",
                "channel": CHANNELS[i % len(CHANNELS)],
                "scheduled_at": (start + dt.timedelta(days=(i // 4) * 2 + (i % 7 == 0))).isoformat(),
                "p_policy_violation": 0.22 if i == 2 else 0.02,
                "p_uncited_claim": 0.6 if i == 6 else 0.05,
                "duplicate_similarity": 0.93 if i == 10 else 0.35,
                "cited_fact_ids": [f"fact-{i % 9 + 1}"],
                "prompt_tokens": 1800,
                "completion_tokens": 350,
                "llm_model": "gpt-4o-mini",
            }
        )
    caps = {"linkedin": (1200, 1100), "instagram": (800, 500), "x": (300, 150), "facebook": (500, 300)}
    return SimulationInput.model_validate(
        {
            "campaign_id": "bench",
            "posts": items,
            "budgets": [{"channel": c, "cap": cap, "paid_spend": paid} for c, (cap, paid) in caps.items()],
            "kpi_targets": {"impressions": 150_000, "clicks": 900},
        }
    )


def _times(fn: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def run(repeats: int = 15, iterations: int = ITERATIONS) -> dict[str, float]:
    """Measure the engine and its numpy floor; metric names carry their units."""
    inp = bench_campaign()
    n_ch = len(CHANNELS)
    simulate(inp, 0, iterations)  # warm caches and imports
    seeds = iter(range(1, 10_000))
    engine_ms = _times(lambda: simulate(inp, next(seeds), iterations), repeats)

    def floor() -> None:
        g = np.random.Generator(np.random.PCG64(12345))
        g.standard_normal(4 * n_ch * iterations)
        g.standard_gamma(2.0, n_ch * iterations)
        g.beta(3.0, 150.0, 3 * n_ch * iterations)
        g.random(3 * POSTS * iterations)

    total_variates = (4 + 1 + 3) * n_ch * iterations + 3 * POSTS * iterations

    def uniform_floor() -> None:
        np.random.Generator(np.random.PCG64(12345)).random(total_variates)

    floor_ms = _times(floor, repeats)
    uniform_ms = _times(uniform_floor, repeats)

    result = simulate(inp, 1, iterations)
    card_ms = _times(lambda: build_decision_card(inp, result), max(3, repeats // 3))

    tracemalloc.start()
    build_decision_card(inp, simulate(inp, 2, iterations))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    p50 = statistics.median(engine_ms)
    return {
        "iterations": float(iterations),
        "posts": float(POSTS),
        "channels": float(n_ch),
        "p50_ms": round(p50, 3),
        "p99_ms": round(_pct(engine_ms, 99), 3),
        "min_ms": round(min(engine_ms), 3),
        "iterations_per_s": round(iterations / (p50 / 1000.0), 1),
        "card_build_p50_ms": round(statistics.median(card_ms), 3),
        "numpy_floor_p50_ms": round(statistics.median(floor_ms), 3),
        "numpy_uniform_floor_p50_ms": round(statistics.median(uniform_ms), 3),
        "variates_per_run": float(total_variates),
        "ratio_vs_numpy_floor": round(p50 / statistics.median(floor_ms), 3),
        "ratio_vs_uniform_floor": round(p50 / statistics.median(uniform_ms), 3),
        "peak_mb": round(peak / 2**20, 2),
    }


if __name__ == "__main__":
    import json

    print(json.dumps({"bench": "simulator", "metrics": run()}, sort_keys=True))
