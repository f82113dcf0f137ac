"""DecisionCard builder: turns a simulation result into what an approver reads.

Recommended actions are ranked by readiness_gain, the expected readiness the campaign would gain if
that one risk were removed (read straight off the readiness formula in `simulator.engine`):

* policy, post p:      w_policy/W * p_violation(p) / n_posts
* citation, post p:    w_citation/W * p_uncited(p) / n_posts
* duplicate, post p:   w_duplication/W * duplication_score(p) / n_posts
* budget, channel c:   w_budget/W * (P(any overrun) - P(any overrun on the other channels))
* KPI:                 w_kpi/W * (1 - mean attainment), aimed at the worst-attained target

Blocking items (the ones that set the status below) come first, then the largest gains; fewer
than three are topped up with monitoring advice (largest expected negative-sentiment channel
first), so there are always exactly three.

Status: "not_ready" if mean readiness < 0.60, a post has p_violation >= 0.5 or overrun >= 50 %;
"needs_work" if readiness < 0.85, a post has p_violation >= 0.2 or similarity >= 0.90, or
overrun >= 10 %; otherwise "ready".

Numbers are rounded to fixed decimals and `canonical_json` sorts keys, so the same inputs and seed
give byte-identical JSON.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel

from core.contracts.simulation import (
    ActionKind,
    Convergence,
    CostInterval,
    DecisionCard,
    KpiForecast,
    PostPlan,
    Proofs,
    Quantiles,
    RecommendedAction,
    SimulationInput,
    UnitInterval,
)
from simulator.engine import ENGINE_LABEL, SimulationResult, duplication_score

# Status thresholds; each one alone holds a campaign back (see `_status`), and why:
#: readiness at or above which nothing else holds the campaign back
READY_READINESS = 0.85
#: readiness below which the campaign is not ready at all
NOT_READY_READINESS = 0.60
#: a post this likely to violate policy must be fixed before it goes live
BLOCKING_VIOLATION = 0.2
#: a post this similar to published content reads as a repeat (and X and LinkedIn refuse duplicates)
BLOCKING_SIMILARITY = 0.9
#: this chance of exceeding a channel's budget cap needs a decision first
BLOCKING_OVERRUN = 0.1
#: a post this likely to carry an unsourced claim carries one: the review names it or scores it so
MATERIAL_UNCITED = 0.5
#: below this citation coverage most of the campaign's claims are unsourced: not ready at all
MIN_CITATION_COVERAGE = 0.8
#: below this violation risk a post's risk is the review's residual floor, not something to act on: the floor is
#: the calibrated risk of a post no detector flags (0.107 on the dev posts of 2026-12-02,
#: `agents/legal/calibration.json`; `tests/agents/test_campaign_agents.py` fails if a recalibration lifts it here)
MATERIAL_VIOLATION = 0.15
#: a KPI target missed less often than this is on track: no action
MATERIAL_KPI_MISS = 0.1
_RUN_NAMESPACE = uuid.UUID("5b0f3c2e-2a53-4d8e-9a4c-6d1e7f3b9a10")
_CHANNEL_LABEL = {
    "x": "X", "linkedin": "LinkedIn", "instagram": "Instagram", "facebook": "Facebook", "tiktok": "TikTok",
}  # fmt: skip


def canonical_json(model: BaseModel | dict[str, Any]) -> str:
    """Sorted-key, compact, NaN-free JSON: the byte form that is hashed and compared."""
    data = model.model_dump(mode="json") if isinstance(model, BaseModel) else model
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def card_sha256(card: DecisionCard) -> str:
    """SHA-256 hex digest of the card's canonical JSON."""
    return hashlib.sha256(canonical_json(card).encode("utf-8")).hexdigest()


def deterministic_run_id(inp: SimulationInput, seed: int, iterations: int, namespace: str | None = None) -> str:
    """A run id derived from canonical inputs, seed, iterations and engine (namespace: e.g. tenant id)."""
    material = "\n".join([namespace or "", ENGINE_LABEL, str(seed), str(iterations), canonical_json(inp)])
    return str(uuid.uuid5(_RUN_NAMESPACE, hashlib.sha256(material.encode("utf-8")).hexdigest()))


def _r(x: float, nd: int) -> float:
    # Rounding (and normalising -0.0) keeps the JSON stable across BLAS/SIMD last-bit noise.
    v = round(float(x), nd)
    return 0.0 if v == 0 else v


def _sig(x: float, digits: int = 6) -> float:
    return float(f"{float(x):.{digits}g}")


def _quantiles(result: SimulationResult, key: str, nd: int) -> Quantiles:
    p5, p50, p95 = result.quantiles(key)
    return Quantiles(p5=_r(p5, nd), p50=_r(p50, nd), p95=_r(p95, nd))


def _money(currency: str, amount: float) -> str:
    return f"{currency} {amount:,.0f}"


def _candidates(inp: SimulationInput, result: SimulationResult) -> list[RecommendedAction]:
    plan = result.plan
    w = plan.weights
    total_w = sum(w.values())
    n = len(inp.posts)
    out: list[RecommendedAction] = []

    def add(kind: ActionKind, target: str, text: str, gain: float) -> None:
        if gain > 1e-9:
            out.append(RecommendedAction(kind=kind, target=target, text=text[:500], readiness_gain=_r(gain, 6)))

    # Only risks that are really there become actions: a clean post's residual floor (the review's
    # small prior chance of a miss) does not; `_fillers` then says that nothing needs doing.
    for post in inp.posts:
        if post.p_policy_violation >= MATERIAL_VIOLATION:
            found = f" (a language model found: {', '.join(post.model_findings)})" if post.model_findings else ""
            add(
                "fix_policy",
                post.id,
                f"Rewrite post {post.id}: {post.p_policy_violation:.0%} chance of a policy violation{found}",
                w["policy"] / total_w * post.p_policy_violation / n,
            )
        if _uncited(post):
            claim = f'claim "{post.uncited_claim}"' if post.uncited_claim else "its claims"
            add(
                "add_citation",
                post.id,
                f"Add a source for {claim} in post {post.id} ({post.p_uncited_claim:.0%} chance of an uncited "
                "claim)",
                w["citation"] / total_w * post.p_uncited_claim / n,
            )
        dup = duplication_score(post.duplicate_similarity)
        if post.similar_post_id or post.similar_post_date:
            ref = "a published post"
            if post.similar_post_id:
                ref = f"published post {post.similar_post_id}"
            if post.similar_post_date:
                ref += f" from {post.similar_post_date.isoformat()}"
        else:
            ref = "already-published content"
        add(
            "rewrite_duplicate",
            post.id,
            f"Rewrite post {post.id}: {post.duplicate_similarity:.2f} similar to {ref}",
            w["duplication"] / total_w * dup / n,
        )

    overrun_c = result.samples["channel_overrun"]
    cost_c = result.samples["channel_cost"]
    any_overrun = float(np.mean(overrun_c.any(axis=0)))
    for c, channel in enumerate(plan.channels):
        others = np.delete(overrun_c, c, axis=0)
        without = float(np.mean(others.any(axis=0))) if others.shape[0] else 0.0
        p_c = float(np.mean(overrun_c[c]))
        if p_c <= 0.0:
            continue
        cap = float(plan.cap[c])
        paid = float(plan.paid_spend[c])
        q95 = float(np.quantile(cost_c[c], 0.95))
        label = _CHANNEL_LABEL.get(channel, channel)
        # Scaling paid spend by cap/p95 brings the 95th-percentile cost back under the cap.
        suggest = max(paid * min(cap / q95, 1.0) if q95 > 0 else 0.0, 0.0)
        add(
            "reduce_channel_spend",
            channel,
            f"Reduce {label} paid spend from {_money(inp.currency, paid)} to about {_money(inp.currency, suggest)}"
            f" or raise its {_money(inp.currency, cap)} cap: {p_c:.0%} chance of exceeding it",
            w["budget"] / total_w * (any_overrun - without),
        )

    if plan.kpi_targets:
        worst = min(
            plan.kpi_targets, key=lambda t: (float(np.mean(np.minimum(result.samples[t[0]] / t[1], 1.0))), t[0])
        )
        name, target = worst
        p50 = result.quantiles(name)[1]
        miss = float(np.mean(result.samples[name] < target))
        if miss < MATERIAL_KPI_MISS:
            return out
        add(
            "boost_kpi",
            name,
            f"{miss:.0%} chance {name} miss the {target:,.0f} target (p50 {p50:,.0f}): add posts or paid reach"
            " on the channel with the best cost per result",
            w["kpi"] / total_w * (1.0 - result.mean("kpi_attainment")),
        )
    return out


def _fillers(inp: SimulationInput, result: SimulationResult) -> list[RecommendedAction]:
    plan = result.plan
    counts = {c: 0 for c in plan.channels}
    for post in inp.posts:
        counts[post.channel] += 1
    rate = {c: float(a / (a + b)) for c, a, b in zip(plan.channels, *plan.beta_negative, strict=True) if counts[c]}
    ranked = sorted(rate, key=lambda c: (-rate[c] * counts[c], c))
    # Without a target the readiness leaves KPIs out; say so rather than let a forecast pass for attainment.
    unset = [] if plan.kpi_targets else [RecommendedAction(
        kind="monitor", target="kpi",
        text="No KPI target in the contract card, so readiness leaves KPIs out: give a goal a number "
             "(\"10,000 impressions\", \"500 website visits\") to score the forecast against it",
        readiness_gain=0.0)]
    out = unset + [
        RecommendedAction(
            kind="monitor",
            target=c,
            text=f"Watch negative sentiment on {_CHANNEL_LABEL.get(c, c)}:"
            f" about {rate[c] * counts[c]:.1f} incidents expected across {counts[c]} posts",
            readiness_gain=0.0,
        )
        for c in ranked
    ]
    out.append(
        RecommendedAction(
            kind="monitor",
            target="budget",
            text="Track spend against caps daily; models are downgraded at 80 % of a cap",
            readiness_gain=0.0,
        )
    )
    return out


def _blocking(inp: SimulationInput, result: SimulationResult, action: RecommendedAction) -> bool:
    # Items that alone hold the status back (see _status) outrank small-but-broad gains.
    posts = {p.id: p for p in inp.posts}
    if action.kind == "fix_policy":
        return posts[action.target].p_policy_violation >= BLOCKING_VIOLATION
    if action.kind == "rewrite_duplicate":
        return posts[action.target].duplicate_similarity >= BLOCKING_SIMILARITY
    if action.kind == "reduce_channel_spend":
        c = result.plan.channels.index(action.target)
        return float(np.mean(result.samples["channel_overrun"][c])) >= BLOCKING_OVERRUN
    return False


_NOTHING_TO_DO = RecommendedAction(
    kind="proceed",
    target="campaign",
    text="No material risk found: nothing needs doing before launch; start in shadow mode, then canary "
    "before full rollout, and watch the items below",
    readiness_gain=0.0,
)


def recommended_actions(inp: SimulationInput, result: SimulationResult) -> tuple[RecommendedAction, ...]:
    """Exactly three actions: blocking items, then the largest readiness gains, then what to watch after
    launch; with no material risk at all, the first says so."""
    ranked = sorted(
        _candidates(inp, result),
        key=lambda a: (not _blocking(inp, result, a), -a.readiness_gain, a.kind, a.target),
    )
    chosen = ranked[:3] or [_NOTHING_TO_DO]
    for filler in _fillers(inp, result):
        if len(chosen) == 3:
            break
        if all((filler.kind, filler.target) != (a.kind, a.target) for a in chosen):
            chosen.append(filler)
    return tuple(chosen)


def _uncited(post: PostPlan) -> bool:
    """The review found an unsourced claim in the post (named, or scored as likely)."""
    return bool(post.uncited_claim) or post.p_uncited_claim >= MATERIAL_UNCITED


def _status(inp: SimulationInput, readiness: float, overrun: float,
            citation: float) -> tuple[str, list[str]]:
    """Readiness alone is a weighted average and can hide a blocking problem; each named threshold
    above holds the campaign back on its own (uncited claims and near-duplicates included)."""
    max_violation = max(p.p_policy_violation for p in inp.posts)
    max_similarity = max(p.duplicate_similarity for p in inp.posts)
    uncited = [p.id for p in inp.posts if _uncited(p)]
    reasons: list[str] = []
    if (readiness < NOT_READY_READINESS or max_violation >= 0.5 or overrun >= 0.5
            or max_similarity >= BLOCKING_SIMILARITY or citation < MIN_CITATION_COVERAGE
            or len(uncited) == len(inp.posts)):
        status = "not_ready"
    elif (
        readiness < READY_READINESS
        or max_violation >= BLOCKING_VIOLATION
        or uncited
        or overrun >= BLOCKING_OVERRUN
    ):
        status = "needs_work"
    else:
        status = "ready"
    if max_violation >= BLOCKING_VIOLATION:
        reasons.append(f"a post has a {max_violation:.0%} policy-violation risk")
    if max_similarity >= BLOCKING_SIMILARITY:
        reasons.append(f"a post is {max_similarity:.2f} similar to published content")
    if uncited:
        shown = ", ".join(uncited[:5]) + (f" and {len(uncited) - 5} more" if len(uncited) > 5 else "")
        reasons.append(f"{len(uncited)} of {len(inp.posts)} posts carry an uncited claim ({shown})")
    if citation < MIN_CITATION_COVERAGE:
        reasons.append(f"citation coverage {citation:.0%} is below {MIN_CITATION_COVERAGE:.0%}")
    if overrun >= BLOCKING_OVERRUN:
        reasons.append(f"{overrun:.0%} budget-overrun risk")
    if readiness < READY_READINESS:
        reasons.append("readiness below 0.85")
    return status, reasons


_STATUS_TEXT = {"ready": "Ready to go live", "needs_work": "Needs work before going live", "not_ready": "Not ready"}


def build_decision_card(
    inp: SimulationInput,
    result: SimulationResult,
    *,
    simulation_run_id: str | None = None,
    policy_decision_ids: Iterable[str] = (),
    trace_id: str | None = None,
    audit_root_hash: str | None = None,
) -> DecisionCard:
    """Summarise a simulation into a DecisionCard (deterministic for a given input and result)."""
    readiness_q = result.quantiles("readiness")
    readiness_mean = _r(result.mean("readiness"), 4)
    cost_q = result.quantiles("cost")
    overrun = _r(result.mean("overrun"), 4)
    n = len(inp.posts)
    # Exact expectations: these two need no Monte Carlo.
    policy_pass = 1.0 - sum(p.p_policy_violation for p in inp.posts) / n
    citation = 1.0 - sum(p.p_uncited_claim for p in inp.posts) / n

    status, reasons = _status(inp, readiness_mean, overrun, citation)
    cost = CostInterval(
        mean=_r(result.mean("cost"), 2), p5=_r(cost_q[0], 2), p95=_r(cost_q[2], 2), currency=inp.currency
    )
    verdict = (
        f"{_STATUS_TEXT[status]}: readiness {readiness_mean:.2f} (90% {readiness_q[0]:.2f}-{readiness_q[2]:.2f}),"
        f" cost {_money(inp.currency, cost.mean)} (90% {cost.p5:,.0f}-{cost.p95:,.0f})"
    )
    if reasons:
        verdict += "; " + ", ".join(reasons)
    fact_ids = sorted({f for p in inp.posts for f in p.cited_fact_ids})
    decisions = sorted({d for p in inp.posts for d in p.policy_decision_ids} | set(policy_decision_ids))
    run_id = simulation_run_id or deterministic_run_id(inp, result.seed, result.iterations)
    return DecisionCard(
        engine=result.engine,
        campaign_id=inp.campaign_id,
        seed=result.seed,
        iterations=result.iterations,
        convergence=Convergence(
            std_error_readiness=_sig(result.std_error_readiness),
            std_error_cost=_sig(result.std_error_cost),
            iterations_used=result.iterations,
            converged=result.converged,
            tolerance_readiness=_sig(result.tolerance_readiness),
            tolerance_cost=_sig(result.tolerance_cost),
        ),
        status=status,
        verdict=verdict[:300],
        readiness=UnitInterval(mean=readiness_mean, p5=_r(readiness_q[0], 4), p95=_r(readiness_q[2], 4)),
        policy_pass_pct=_r(100.0 * policy_pass, 2),
        citation_coverage=_r(citation, 4),
        duplication_risk=_r(result.plan.duplication_risk, 4),
        budget_overrun_probability=overrun,
        cost=cost,
        kpi_forecast=KpiForecast(
            impressions=_quantiles(result, "impressions", 1),
            engagements=_quantiles(result, "engagements", 1),
            clicks=_quantiles(result, "clicks", 1),
        ),
        negative_incidents=_quantiles(result, "negative_incidents", 1),
        recommended_actions=recommended_actions(inp, result),
        proofs=Proofs(
            fact_ids=tuple(fact_ids),
            policy_decision_ids=tuple(decisions),
            simulation_run_id=run_id,
            seed=result.seed,
            trace_id=trace_id,
            audit_root_hash=audit_root_hash,
        ),
    )


def card_lines(card: DecisionCard) -> Sequence[str]:
    """Human-readable summary of a card (CLI without --json)."""
    k = card.kpi_forecast
    lines = [
        card.verdict,
        f"readiness   {card.readiness.mean:.3f}  (90% {card.readiness.p5:.3f} - {card.readiness.p95:.3f})",
        f"cost        {card.cost.currency} {card.cost.mean:,.2f}  (90% {card.cost.p5:,.2f} - {card.cost.p95:,.2f})",
        f"policy pass {card.policy_pass_pct:.1f} %   citation coverage {card.citation_coverage:.1%}"
        f"   duplication risk {card.duplication_risk:.3f}   overrun {card.budget_overrun_probability:.1%}",
        f"impressions p5/p50/p95  {k.impressions.p5:,.0f} / {k.impressions.p50:,.0f} / {k.impressions.p95:,.0f}",
        f"engagements p5/p50/p95  {k.engagements.p5:,.0f} / {k.engagements.p50:,.0f} / {k.engagements.p95:,.0f}",
        f"clicks      p5/p50/p95  {k.clicks.p5:,.0f} / {k.clicks.p50:,.0f} / {k.clicks.p95:,.0f}",
        f"iterations  {card.iterations} (converged={card.convergence.converged},"
        f" se readiness {card.convergence.std_error_readiness:.2g}, se cost {card.convergence.std_error_cost:.2g})",
        "actions:",
        *(f"  {i}. [{a.kind}] {a.text}" for i, a in enumerate(card.recommended_actions, 1)),
        f"seed {card.seed}  run {card.proofs.simulation_run_id}  engine {card.engine}",
    ]
    return lines


def card_table(card: DecisionCard, *, title: str = "Decision card") -> str:
    """The card as a readable table, verdict first (plain text; no colour codes in captured output)."""
    import io

    from rich.console import Console
    from rich.table import Table

    k = card.kpi_forecast
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("")
    rows = [
        ("verdict", card.verdict),
        ("readiness", f"{card.readiness.mean:.3f}  (90 % interval {card.readiness.p5:.3f} - {card.readiness.p95:.3f})"),
        ("policy pass", f"{card.policy_pass_pct:.1f} %"),
        ("citation coverage", f"{card.citation_coverage:.1%}"),
        ("cost", f"{card.cost.currency} {card.cost.mean:,.2f}  (90 % {card.cost.p5:,.2f} - {card.cost.p95:,.2f})"),
        ("duplication risk", f"{card.duplication_risk:.3f}"),
        ("impressions p5/p50/p95", f"{k.impressions.p5:,.0f} / {k.impressions.p50:,.0f} / {k.impressions.p95:,.0f}"),
        ("engagements p5/p50/p95", f"{k.engagements.p5:,.0f} / {k.engagements.p50:,.0f} / {k.engagements.p95:,.0f}"),
        *((f"action {i}", f"[{a.kind}] {a.text}") for i, a in enumerate(card.recommended_actions, 1)),
        ("proofs", f"seed {card.seed}, {card.iterations} iterations, run {card.proofs.simulation_run_id}, "
                   f"{len(card.proofs.fact_ids)} facts, {len(card.proofs.policy_decision_ids)} policy decisions"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    out = io.StringIO()
    Console(file=out, width=110, force_terminal=False, color_system=None).print(table)
    return out.getvalue().rstrip()
