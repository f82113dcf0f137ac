"""Seeded, vectorised Monte Carlo engine for campaign outcomes and readiness.

Randomness: iterations are cut into fixed blocks of BLOCK_SIZE; block b draws from
``PCG64(SeedSequence(seed, spawn_key=(b,)))`` (exactly the b-th child of ``SeedSequence(seed).spawn``),
so the samples depend on (seed, iterations) only -- never on how blocks are spread over processes.
The generative model per iteration is documented in `simulator.priors`.

Per-post Bernoulli events (policy violation, uncited claim, negative-sentiment incident) compare
16-bit uniforms cut from raw PCG64 words with integer thresholds: probabilities are rounded to
multiples of 2^-16 (p = 1 is counted as a certain event), a bias under 1e-5 that buys a 4x cheaper
draw than float uniforms. Thresholds never feed back into the
draws, so with a fixed seed raising a probability can only turn "no event" into "event" (common
random numbers make the monotonicity properties exact).

Readiness of one iteration (a number in [0, 1]) is a weighted mean of five scores in [0, 1]::

    R = (0.30*P + 0.20*C + 0.15*(1 - D) + 0.15*(1 - O) + 0.20*K) / W

    P  share of posts without a policy violation in this iteration
    C  share of posts whose claims are all cited in this iteration
    D  duplication risk = mean over posts of clip((similarity - 0.80) / 0.15, 0, 1)
       (<= 0.80 similar is fine, >= 0.95 is a certain duplicate)
    O  1 if any channel's cost (LLM + delivered paid spend) exceeds its cap in this iteration, else 0
    K  mean over the KPI targets set of min(1, forecast / target)
    W  sum of the weights used: 1.0, or 0.8 when no KPI target is set (K is then left out)

The card reports the mean and the 5th/95th percentiles of R over iterations.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any

import numpy as np
import numpy.typing as npt

from core.contracts.simulation import CHANNELS, ChannelPriors, SimulationInput
from simulator.priors import FATIGUE, beta_params, resolve_priors

FloatArray = npt.NDArray[np.float64]

ENGINE_VERSION = "1.0"
BLOCK_SIZE = 10_000
ENGINE_LABEL = f"smm-simulator/{ENGINE_VERSION} numpy/{np.__version__} pcg64 block={BLOCK_SIZE}"

WEIGHT_POLICY = 0.30
WEIGHT_CITATION = 0.20
WEIGHT_DUPLICATION = 0.15
WEIGHT_BUDGET = 0.15
WEIGHT_KPI = 0.20
DUP_SAFE = 0.80
DUP_CERTAIN = 0.95

MAX_ITERATIONS = 10_000_000
_SCALE16 = float(1 << 16)
KPI_NAMES = ("impressions", "engagements", "clicks")


def duplication_score(similarity: float) -> float:
    """Per-post duplication risk in [0, 1] from the similarity to already-published content."""
    return min(max((similarity - DUP_SAFE) / (DUP_CERTAIN - DUP_SAFE), 0.0), 1.0)


@dataclass(frozen=True)
class Plan:
    """The campaign compiled to arrays; posts are grouped by channel so slices stay contiguous."""

    channels: tuple[str, ...]
    post_order: tuple[int, ...]  # input index of each row of the per-post arrays
    segments: tuple[tuple[int, int], ...]  # [start, end) of each channel's posts
    reach_shape: FloatArray
    reach_scale: FloatArray
    reach_tau: FloatArray
    beta_engagement: tuple[FloatArray, FloatArray]
    beta_click: tuple[FloatArray, FloatArray]
    beta_negative: tuple[FloatArray, FloatArray]
    log_cpm: FloatArray
    cpm_sigma: FloatArray
    token_sigma: FloatArray
    pacing_sigma: FloatArray
    llm_cost: FloatArray
    paid_spend: FloatArray
    cap: FloatArray
    thr_violation: npt.NDArray[np.uint16]
    thr_uncited: npt.NDArray[np.uint16]
    certain_violations: int
    certain_uncited: int
    kpi_targets: tuple[tuple[str, float], ...]
    duplication_risk: float
    weights: dict[str, float]

    @property
    def n_posts(self) -> int:
        """Number of posts in the campaign."""
        return len(self.post_order)


def _threshold(p: float) -> int:
    # p = 1 cannot be a uint32 threshold; such posts are counted as certain events instead.
    return 0 if p >= 1.0 else min(round(p * _SCALE16), (1 << 16) - 1)


def _count(events: npt.NDArray[np.bool_]) -> npt.NDArray[np.unsignedinteger[Any]]:
    # Summing the bool bytes in a narrow integer type is ~5x faster than bool.sum(axis=0).
    dtype = np.uint16 if events.shape[0] < (1 << 16) else np.uint32
    counts: npt.NDArray[np.unsignedinteger[Any]] = events.view(np.uint8).sum(axis=0, dtype=dtype)
    return counts


def compile_plan(inp: SimulationInput) -> Plan:
    """Turn a validated campaign into the arrays the block sampler needs."""
    priors: dict[str, ChannelPriors] = {str(c): p for c, p in resolve_priors(inp.priors).items()}
    channels = tuple(c for c in CHANNELS if any(b.channel == c for b in inp.budgets))
    budget = {b.channel: b for b in inp.budgets}
    order = sorted(range(len(inp.posts)), key=lambda i: (channels.index(inp.posts[i].channel), i))
    segments: list[tuple[int, int]] = []
    start = 0
    for c in channels:
        count = sum(1 for i in order if inp.posts[i].channel == c)
        segments.append((start, start + count))
        start += count

    # Same-day posts on one channel split attention: the j-th gets FATIGUE^(j-1) of the reach.
    fatigue: dict[int, float] = {}
    by_day: dict[tuple[str, Any], list[int]] = {}
    for i, post in enumerate(inp.posts):
        by_day.setdefault((post.channel, post.scheduled_at), []).append(i)
    for members in by_day.values():
        for j, i in enumerate(sorted(members, key=lambda k: inp.posts[k].id)):
            fatigue[i] = FATIGUE**j

    def per_channel(fn: Any) -> FloatArray:
        return np.array([float(fn(c)) for c in channels], dtype=np.float64)

    def k_of(c: str) -> float:
        return 1.0 / priors[c].reach_cv ** 2

    def llm(c: str) -> float:
        total = 0.0
        for post in inp.posts:
            if post.channel == c:
                price = inp.price_table[post.llm_model]
                total += (post.prompt_tokens * price.input_per_1k + post.completion_tokens * price.output_per_1k) / 1000
        return total

    def beta(mean_attr: str, kappa_attr: str) -> tuple[FloatArray, FloatArray]:
        pairs = [beta_params(getattr(priors[c], mean_attr), getattr(priors[c], kappa_attr)) for c in channels]
        return np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])

    targets = tuple((name, float(value)) for name in KPI_NAMES if (value := getattr(inp.kpi_targets, name)) is not None)
    weights = {
        "policy": WEIGHT_POLICY,
        "citation": WEIGHT_CITATION,
        "duplication": WEIGHT_DUPLICATION,
        "budget": WEIGHT_BUDGET,
        "kpi": WEIGHT_KPI if targets else 0.0,
    }
    dup = [duplication_score(p.duplicate_similarity) for p in inp.posts]
    return Plan(
        channels=channels,
        post_order=tuple(order),
        segments=tuple(segments),
        reach_shape=per_channel(lambda c: k_of(c) * sum(fatigue[i] for i in order if inp.posts[i].channel == c)),
        reach_scale=per_channel(lambda c: priors[c].reach_mean / k_of(c)),
        reach_tau=per_channel(lambda c: priors[c].reach_tau),
        beta_engagement=beta("engagement_rate_mean", "engagement_rate_concentration"),
        beta_click=beta("click_rate_mean", "click_rate_concentration"),
        beta_negative=beta("negative_rate_mean", "negative_rate_concentration"),
        log_cpm=per_channel(lambda c: math.log(priors[c].cpm_median)),
        cpm_sigma=per_channel(lambda c: priors[c].cpm_sigma),
        token_sigma=per_channel(lambda c: priors[c].token_sigma),
        pacing_sigma=per_channel(lambda c: priors[c].pacing_sigma),
        llm_cost=per_channel(llm),
        paid_spend=per_channel(lambda c: budget[c].paid_spend),
        cap=per_channel(lambda c: budget[c].cap),
        thr_violation=np.array([_threshold(inp.posts[i].p_policy_violation) for i in order], dtype=np.uint16),
        thr_uncited=np.array([_threshold(inp.posts[i].p_uncited_claim) for i in order], dtype=np.uint16),
        certain_violations=sum(1 for p in inp.posts if p.p_policy_violation >= 1.0),
        certain_uncited=sum(1 for p in inp.posts if p.p_uncited_claim >= 1.0),
        kpi_targets=targets,
        duplication_risk=float(sum(dup) / len(dup)),
        weights=weights,
    )


def block_generator(seed: int, block: int) -> np.random.Generator:
    """The independent stream of one block: the block-th spawned child of SeedSequence(seed)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def simulate_block(plan: Plan, seed: int, block: int, n: int) -> dict[str, FloatArray]:
    """Draw n iterations of block `block`; 1-D arrays per iteration, (channels, n) per channel."""
    g = block_generator(seed, block)
    n_ch = len(plan.channels)
    col = (slice(None), None)  # broadcast a per-channel vector over iterations

    z = g.standard_normal((4, n_ch, n))
    tau = plan.reach_tau[col]
    mood = np.exp(tau * z[0] - 0.5 * tau * tau)
    organic = np.zeros((n_ch, n))
    for c, (lo, hi) in enumerate(plan.segments):
        if hi > lo:
            organic[c] = g.standard_gamma(plan.reach_shape[c], n)
    organic *= plan.reach_scale[col] * mood

    def betas(params: tuple[FloatArray, FloatArray]) -> FloatArray:
        # Beta = Ga / (Ga + Gb); float32 gammas are ~15 % faster and ample for rates.
        out = np.empty((n_ch, n))
        for c in range(n_ch):
            ga = g.standard_gamma(params[0][c], n, dtype=np.float32)
            gb = g.standard_gamma(params[1][c], n, dtype=np.float32)
            out[c] = ga / (ga + gb)
        return out

    engagement_rate = betas(plan.beta_engagement)
    click_rate = betas(plan.beta_click)
    negative_rate = betas(plan.beta_negative)

    token_mult = np.exp(plan.token_sigma[col] * z[1])
    ps = plan.pacing_sigma[col]
    pacing = np.exp(ps * z[2] - 0.5 * ps * ps)
    cpm = np.exp(plan.log_cpm[col] + plan.cpm_sigma[col] * z[3])
    delivered = plan.paid_spend[col] * pacing
    channel_cost = plan.llm_cost[col] * token_mult + delivered
    impressions_c = organic + delivered / cpm * 1000.0

    # One raw draw feeds three contiguous (posts, n) planes of 16-bit uniforms.
    p = plan.n_posts
    bits = g.bit_generator.random_raw(-(-3 * p * n // 4)).view(np.uint16)[: 3 * p * n].reshape(3, p, n)
    u_violation, u_uncited, u_incident = bits[0], bits[1], bits[2]
    violations = _count(u_violation < plan.thr_violation[col]) + plan.certain_violations
    uncited = _count(u_uncited < plan.thr_uncited[col]) + plan.certain_uncited
    incidents = np.zeros(n)
    for c, (lo, hi) in enumerate(plan.segments):
        if hi > lo:
            thr = np.minimum(negative_rate[c] * _SCALE16, _SCALE16 - 1).astype(np.uint16)
            incidents += _count(u_incident[lo:hi] < thr)

    impressions = impressions_c.sum(axis=0)
    totals = {
        "impressions": impressions,
        "engagements": (engagement_rate * impressions_c).sum(axis=0),
        "clicks": (click_rate * impressions_c).sum(axis=0),
    }
    channel_overrun = channel_cost > plan.cap[col]
    overrun = channel_overrun.any(axis=0)
    policy_pass = 1.0 - violations / plan.n_posts
    citation = 1.0 - uncited / plan.n_posts
    w = plan.weights
    score = (
        w["policy"] * policy_pass
        + w["citation"] * citation
        + w["duplication"] * (1.0 - plan.duplication_risk)
        + w["budget"] * (1.0 - overrun)
    )
    if plan.kpi_targets:
        kpi = np.mean([np.minimum(totals[name] / target, 1.0) for name, target in plan.kpi_targets], axis=0)
        score = score + w["kpi"] * kpi
    else:
        kpi = np.ones(n)
    readiness = np.clip(score / sum(w.values()), 0.0, 1.0)
    return {
        "readiness": readiness,
        "cost": channel_cost.sum(axis=0),
        **totals,
        "negative_incidents": incidents,
        "overrun": overrun.astype(np.float64),
        "policy_pass": policy_pass,
        "citation_coverage": citation,
        "kpi_attainment": kpi,
        "channel_cost": channel_cost,
        "channel_overrun": channel_overrun.astype(np.float64),
    }


def run_blocks(plan: Plan, seed: int, blocks: Sequence[tuple[int, int]]) -> list[dict[str, FloatArray]]:
    """Simulate (block index, size) pairs in order; the unit of work sent to a worker process."""
    return [simulate_block(plan, seed, b, n) for b, n in blocks]


def _concat(parts: Sequence[dict[str, FloatArray]], keys: Sequence[str]) -> dict[str, FloatArray]:
    return {key: np.concatenate([p[key] for p in parts], axis=-1) for key in keys}


@dataclass(frozen=True)
class SimulationResult:
    """Samples and convergence figures of one run; `samples` arrays have one entry per iteration."""

    seed: int
    iterations: int
    converged: bool
    std_error_readiness: float
    std_error_cost: float
    tolerance_readiness: float
    tolerance_cost: float
    plan: Plan
    samples: dict[str, FloatArray] = field(repr=False)
    engine: str = ENGINE_LABEL

    def quantiles(self, key: str, qs: Sequence[float] = (0.05, 0.5, 0.95)) -> tuple[float, ...]:
        """Empirical quantiles of one sampled quantity."""
        return tuple(float(v) for v in np.quantile(self.samples[key], qs))

    def mean(self, key: str) -> float:
        """Monte Carlo mean of one sampled quantity."""
        return float(np.mean(self.samples[key]))

    def summary(self) -> dict[str, Any]:
        """JSON-safe digest for persistence (no raw samples)."""
        keys = ("readiness", "cost", "impressions", "engagements", "clicks", "negative_incidents")
        out: dict[str, Any] = {
            "engine": self.engine,
            "seed": self.seed,
            "iterations": self.iterations,
            "converged": self.converged,
            "std_error_readiness": self.std_error_readiness,
            "std_error_cost": self.std_error_cost,
            "budget_overrun_probability": self.mean("overrun"),
            "duplication_risk": self.plan.duplication_risk,
            "channels": list(self.plan.channels),
        }
        for key in keys:
            p5, p50, p95 = self.quantiles(key)
            out[key] = {"mean": self.mean(key), "p5": p5, "p50": p50, "p95": p95}
        return out


def _std_error(x: FloatArray) -> float:
    return float(np.std(x, ddof=1) / math.sqrt(x.size)) if x.size > 1 else math.inf


def _split(blocks: list[tuple[int, int]], parts: int) -> list[list[tuple[int, int]]]:
    size = -(-len(blocks) // parts)
    return [blocks[i : i + size] for i in range(0, len(blocks), size)]


def simulate(
    inp: SimulationInput,
    seed: int,
    iterations: int | None = None,
    workers: int = 1,
    *,
    tolerance_readiness: float = 0.002,
    tolerance_cost_rel: float = 0.005,
    min_iterations: int = 2 * BLOCK_SIZE,
    max_iterations: int = 200_000,
    batch_iterations: int = 2 * BLOCK_SIZE,
) -> SimulationResult:
    """Run the Monte Carlo simulation.

    With `iterations` set, exactly that many run; otherwise batches of `batch_iterations` run until
    the standard errors of mean readiness and mean cost are under tolerance (cost relative to its
    mean) or `max_iterations` is reached. Batches are whole blocks, so the result is the same for
    every `workers` value.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise ValueError("seed must be an integer in [0, 2^63)")
    if iterations is not None and not 2 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be in [2, {MAX_ITERATIONS}]")
    if workers < 1:
        raise ValueError("workers must be >= 1")
    if not 2 <= min_iterations <= max_iterations <= MAX_ITERATIONS or batch_iterations < 1:
        raise ValueError("need 2 <= min_iterations <= max_iterations and batch_iterations >= 1")
    plan = compile_plan(inp)

    def blocks_between(first: int, last: int) -> list[tuple[int, int]]:
        # Blocks are aligned to multiples of BLOCK_SIZE from iteration 0, whatever the batching.
        out = []
        b = first // BLOCK_SIZE
        while b * BLOCK_SIZE < last:
            out.append((b, min((b + 1) * BLOCK_SIZE, last) - b * BLOCK_SIZE))
            b += 1
        return out

    def round_up(n: int) -> int:
        return -(-n // BLOCK_SIZE) * BLOCK_SIZE

    if iterations is not None:
        schedule = [iterations]
    else:
        stops = [min(round_up(min_iterations), max_iterations)]
        while stops[-1] < max_iterations:
            stops.append(min(stops[-1] + round_up(batch_iterations), max_iterations))
        schedule = stops

    pool = None
    if workers > 1:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context(_mp_method()))
    try:
        parts: list[dict[str, FloatArray]] = []
        done = 0
        se_r = se_c = math.inf
        tol_c = math.inf
        for stop in schedule:
            blocks = blocks_between(done, stop)
            if pool is None:
                parts.extend(run_blocks(plan, seed, blocks))
            else:
                futures = [pool.submit(run_blocks, plan, seed, chunk) for chunk in _split(blocks, workers)]
                for future in futures:
                    parts.extend(future.result())
            done = stop
            head = _concat(parts, ("readiness", "cost"))
            se_r = _std_error(head["readiness"])
            se_c = _std_error(head["cost"])
            tol_c = tolerance_cost_rel * abs(float(np.mean(head["cost"])))
            if iterations is None and se_r <= tolerance_readiness and se_c <= tol_c:
                break
        samples = _concat(parts, tuple(parts[0]))
    finally:
        if pool is not None:
            pool.shutdown()
    return SimulationResult(
        seed=seed,
        iterations=done,
        converged=se_r <= tolerance_readiness and se_c <= tol_c,
        std_error_readiness=se_r,
        std_error_cost=se_c,
        tolerance_readiness=tolerance_readiness,
        tolerance_cost=tol_c,
        plan=plan,
        samples=samples,
    )


def _mp_method() -> str:
    # fork is unsafe in threaded hosts (API server, Temporal worker); spawn is slower but always safe.
    return os.environ.get("SMM_SIMULATOR_MP_START", "spawn")
