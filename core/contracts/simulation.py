"""Simulator contracts: the campaign the Monte Carlo engine reads and the DecisionCard it yields.

Both are frozen, ``extra="forbid"`` pydantic v2 models; every float must be finite, every
probability lies in [0, 1], money is never negative. Bad input fails here, never in the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION: Literal["1.0"] = "1.0"

Channel = Literal["x", "linkedin", "instagram", "facebook", "tiktok"]
CHANNELS: tuple[Channel, ...] = ("x", "linkedin", "instagram", "facebook", "tiktok")
# Common spellings an upstream agent may emit; normalised so "Twitter" and "x" mean one channel.
CHANNEL_ALIASES: Mapping[str, Channel] = {"twitter": "x", "x.com": "x", "ig": "instagram", "fb": "facebook"}

Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
Finite = Annotated[float, Field(allow_inf_nan=False)]
NonEmptyStr = Annotated[str, Field(min_length=1, max_length=500)]


def normalise_channel(value: Any) -> Any:
    """Lower-case a channel name and map known aliases to the canonical name."""
    if isinstance(value, str):
        key = value.strip().lower()
        return CHANNEL_ALIASES.get(key, key)
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class ModelPrice(_Frozen):
    """Price of one LLM in `currency` per 1,000 tokens."""

    input_per_1k: NonNegative
    output_per_1k: NonNegative


# Placeholder list prices (USD / 1k tokens); tenants override them with their contract prices.
DEFAULT_PRICE_TABLE: dict[str, ModelPrice] = {
    "offline": ModelPrice(input_per_1k=0.0, output_per_1k=0.0),
    "gpt-4o-mini": ModelPrice(input_per_1k=0.00015, output_per_1k=0.0006),
    "gpt-4o": ModelPrice(input_per_1k=0.0025, output_per_1k=0.01),
    "gpt-4.1": ModelPrice(input_per_1k=0.002, output_per_1k=0.008),
    "gpt-4.1-mini": ModelPrice(input_per_1k=0.0004, output_per_1k=0.0016),
}


class ChannelPriors(_Frozen):
    """Generative priors of one channel; see `simulator.priors` for the model and defaults."""

    reach_mean: Positive = Field(description="mean organic impressions of one post (before fatigue)")
    reach_cv: Positive = Field(le=10.0, description="coefficient of variation of one post's reach")
    reach_tau: NonNegative = Field(le=3.0, description="sd of the log channel-wide reach multiplier")
    engagement_rate_mean: Annotated[float, Field(gt=0.0, lt=1.0, allow_inf_nan=False)]
    engagement_rate_concentration: Positive
    click_rate_mean: Annotated[float, Field(gt=0.0, lt=1.0, allow_inf_nan=False)]
    click_rate_concentration: Positive
    negative_rate_mean: Annotated[float, Field(gt=0.0, lt=1.0, allow_inf_nan=False)]
    negative_rate_concentration: Positive
    cpm_median: Positive = Field(description="median paid cost per 1,000 impressions")
    cpm_sigma: NonNegative = Field(le=3.0)
    token_sigma: NonNegative = Field(le=3.0, description="sd of the log ratio actual/estimated tokens")
    pacing_sigma: NonNegative = Field(le=3.0, description="sd of the log ratio delivered/planned paid spend")


class PostPlan(_Frozen):
    """One planned post with the risk estimates the legal agent and the BrandTwin attached."""

    id: NonEmptyStr
    channel: Channel
    scheduled_at: dt.date
    p_policy_violation: Probability = 0.0
    p_uncited_claim: Probability = 0.0
    uncited_claim: str | None = Field(default=None, max_length=500, description="claim most likely unsourced")
    duplicate_similarity: Probability = 0.0
    similar_post_id: str | None = Field(default=None, max_length=500)
    similar_post_date: dt.date | None = None
    cited_fact_ids: tuple[NonEmptyStr, ...] = ()
    policy_decision_ids: tuple[NonEmptyStr, ...] = ()
    prompt_tokens: int = Field(default=0, ge=0, le=10_000_000)
    completion_tokens: int = Field(default=0, ge=0, le=10_000_000)
    llm_model: NonEmptyStr = "offline"
    # The finding classes a configured language model added to the legal review (agents/legal/model_signal.py):
    # the approver sees which part of a post's violation risk a model, not a rule, found.
    model_findings: tuple[NonEmptyStr, ...] = Field(default=(), max_length=10)

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> Any:
        return normalise_channel(value)


class ChannelBudget(_Frozen):
    """Spending cap of one channel (LLM + paid) and the paid spend planned on it."""

    channel: Channel
    cap: NonNegative
    paid_spend: NonNegative = 0.0

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> Any:
        return normalise_channel(value)


class KpiTargets(_Frozen):
    """Campaign-wide KPI targets; an unset target is not scored."""

    impressions: Positive | None = None
    engagements: Positive | None = None
    clicks: Positive | None = None


class SimulationInput(_Frozen):
    """Everything the simulator needs about one campaign."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    campaign_id: str | None = Field(default=None, max_length=200)
    name: str | None = Field(default=None, max_length=200)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    posts: tuple[PostPlan, ...] = Field(min_length=1, max_length=5000)
    budgets: tuple[ChannelBudget, ...] = Field(min_length=1)
    kpi_targets: KpiTargets = KpiTargets()
    priors: dict[Channel, ChannelPriors] = Field(default_factory=dict)
    price_table: dict[str, ModelPrice] = Field(default_factory=lambda: dict(DEFAULT_PRICE_TABLE))

    @field_validator("priors", mode="before")
    @classmethod
    def _prior_keys(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {normalise_channel(k): v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> SimulationInput:
        ids = [p.id for p in self.posts]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})[0]
            raise ValueError(f"posts: duplicate post id {dup!r}")
        budget_channels = [b.channel for b in self.budgets]
        if len(set(budget_channels)) != len(budget_channels):
            raise ValueError("budgets: each channel may appear once")
        for i, post in enumerate(self.posts):
            if post.channel not in budget_channels:
                raise ValueError(f"posts.{i}.channel: no budget for channel {post.channel!r}")
            if post.llm_model not in self.price_table:
                known = ", ".join(sorted(self.price_table))
                raise ValueError(f"posts.{i}.llm_model: unknown model {post.llm_model!r} (price table: {known})")
        return self


# ---------------------------------------------------------------------------------------------
# DecisionCard


def _check_order(low: float, high: float, what: str) -> None:
    if low > high:
        raise ValueError(f"{what}: p5 {low} exceeds p95 {high}")


class Quantiles(_Frozen):
    """p5 / p50 / p95 of a forecast distribution."""

    p5: Finite
    p50: Finite
    p95: Finite

    @model_validator(mode="after")
    def _ordered(self) -> Quantiles:
        _check_order(self.p5, self.p50, "quantiles")
        _check_order(self.p50, self.p95, "quantiles")
        return self


class UnitInterval(_Frozen):
    """Mean and 90 % interval of a quantity in [0, 1]."""

    mean: Probability
    p5: Probability
    p95: Probability

    @model_validator(mode="after")
    def _ordered(self) -> UnitInterval:
        _check_order(self.p5, self.p95, "interval")
        return self


class CostInterval(_Frozen):
    """Mean and 90 % interval of total campaign cost."""

    mean: NonNegative
    p5: NonNegative
    p95: NonNegative
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]

    @model_validator(mode="after")
    def _ordered(self) -> CostInterval:
        _check_order(self.p5, self.p95, "cost")
        return self


class KpiForecast(_Frozen):
    """Forecast distributions of the campaign totals."""

    impressions: Quantiles
    engagements: Quantiles
    clicks: Quantiles


class Convergence(_Frozen):
    """How many iterations ran and how precise the Monte Carlo means are."""

    std_error_readiness: NonNegative
    std_error_cost: NonNegative
    iterations_used: int = Field(ge=1)
    converged: bool
    tolerance_readiness: NonNegative
    tolerance_cost: NonNegative


ActionKind = Literal[
    "fix_policy", "add_citation", "rewrite_duplicate", "reduce_channel_spend", "boost_kpi", "monitor", "proceed"
]


class RecommendedAction(_Frozen):
    """One thing the approver (or the agents) should do, aimed at a post, channel or KPI."""

    kind: ActionKind
    target: NonEmptyStr
    text: Annotated[str, Field(min_length=1, max_length=500)]
    readiness_gain: NonNegative = Field(description="expected readiness gained if fully addressed")


class Proofs(_Frozen):
    """Ids of everything the card rests on; trace id and audit root may be filled in later."""

    fact_ids: tuple[str, ...]
    policy_decision_ids: tuple[str, ...]
    simulation_run_id: NonEmptyStr
    seed: int = Field(ge=0)
    trace_id: str | None = None
    audit_root_hash: str | None = None


class DecisionCard(_Frozen):
    """What an approver sees before anything goes live."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    engine: NonEmptyStr
    campaign_id: str | None = None
    seed: int = Field(ge=0)
    iterations: int = Field(ge=1)
    convergence: Convergence
    status: Literal["ready", "needs_work", "not_ready"]
    verdict: Annotated[str, Field(min_length=1, max_length=300)]
    readiness: UnitInterval
    policy_pass_pct: Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False)]
    citation_coverage: Probability
    duplication_risk: Probability
    budget_overrun_probability: Probability
    cost: CostInterval
    kpi_forecast: KpiForecast
    negative_incidents: Quantiles
    recommended_actions: tuple[RecommendedAction, ...] = Field(min_length=3, max_length=3)
    proofs: Proofs

    @field_validator("verdict")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("verdict must be one line")
        return value

    @model_validator(mode="after")
    def _seed_matches(self) -> DecisionCard:
        if self.proofs.seed != self.seed:
            raise ValueError("proofs.seed must equal seed")
        if self.convergence.iterations_used != self.iterations:
            raise ValueError("convergence.iterations_used must equal iterations")
        return self
