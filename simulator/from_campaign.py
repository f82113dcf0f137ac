"""Turn a campaign (plan, drafted posts, legal reviews, contract card) into a ``SimulationInput``.

* Budgets: one per channel the posts use, capped at the contract card's ``budget_cap``.
* Paid spend: each channel's planned paid promotion from the contract card
  (``ChannelBudget.planned_paid_spend``); the rest of the cap is headroom for LLM cost and pacing noise.
* KPI targets: the sums of the plan items' targets, which split the contract card's own numbers
  (unset when the card sets none: the simulator never invents a target).
* Price table: the simulator's defaults plus every model the posts name; an offline model costs 0,
  other unknown models are priced from ``agents.llm.tokens``.
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.llm.tokens import PRICES_PER_MTOK
from core.contracts.brand import ContractCard
from core.contracts.campaign import CampaignPlan, LegalReview, PostVariant
from core.contracts.simulation import (
    DEFAULT_PRICE_TABLE,
    ChannelBudget,
    KpiTargets,
    ModelPrice,
    PostPlan,
    SimulationInput,
    normalise_channel,
)
from core.errors import InvalidInput


def model_price(model: str, *, offline: bool) -> ModelPrice:
    """Price per 1k tokens of ``model`` (0 for offline drafts and unknown models)."""
    if offline or model in ("offline",):
        return ModelPrice(input_per_1k=0.0, output_per_1k=0.0)
    if model in DEFAULT_PRICE_TABLE:
        return DEFAULT_PRICE_TABLE[model]
    for known in sorted(PRICES_PER_MTOK, key=len, reverse=True):
        if model.startswith(known):
            per_m = PRICES_PER_MTOK[known]
            return ModelPrice(input_per_1k=per_m[0] / 1000, output_per_1k=per_m[1] / 1000)
    return ModelPrice(input_per_1k=0.0, output_per_1k=0.0)


def simulation_input(
    plan: CampaignPlan,
    posts: Sequence[PostVariant],
    reviews: Sequence[LegalReview],
    card: ContractCard,
    *,
    campaign_id: str | None,
    name: str | None,
) -> SimulationInput:
    """The simulator's view of the campaign; every post needs its legal review."""
    items = {i.id: i for i in plan.items}
    by_post = {r.post_id: r for r in reviews}
    caps = {str(normalise_channel(c.channel)): c for c in card.channels}
    prices = dict(DEFAULT_PRICE_TABLE)
    plans: list[PostPlan] = []
    for post in posts:
        review = by_post.get(post.id)
        if review is None:
            raise InvalidInput(f"post {post.id} has no legal review")
        item = items.get(post.plan_item_id)
        if item is None:
            raise InvalidInput(f"post {post.id} refers to unknown plan item {post.plan_item_id}")
        if post.llm_model not in prices:
            prices[post.llm_model] = model_price(post.llm_model, offline=post.disclosure_flags.offline_draft)
        plans.append(
            PostPlan(
                id=post.id,
                channel=post.channel,
                scheduled_at=item.scheduled_at,
                p_policy_violation=review.p_policy_violation,
                p_uncited_claim=review.p_uncited_claim,
                uncited_claim=review.uncited_claim,
                duplicate_similarity=review.duplicate_similarity,
                similar_post_id=review.similar_post_id,
                similar_post_date=review.similar_post_date,
                cited_fact_ids=tuple(post.cited_fact_ids),
                policy_decision_ids=(review.policy_decision_id,),
                prompt_tokens=post.prompt_tokens,
                completion_tokens=post.completion_tokens,
                llm_model=post.llm_model,
                model_findings=tuple(review.model_review.classes) if review.model_review else (),
            )
        )
    if not plans:
        raise InvalidInput("the campaign has no posts to simulate")
    budgets: list[ChannelBudget] = []
    for channel in dict.fromkeys(p.channel for p in plans):
        if channel not in caps:
            raise InvalidInput(f"channel {channel} has posts but no budget in the contract card")
        contract = caps[channel]
        budgets.append(ChannelBudget(channel=channel, cap=contract.budget_cap,
                                     paid_spend=contract.planned_paid_spend()))

    def total(kpi: str) -> float | None:
        values = [getattr(i.kpi_targets, kpi) for i in plan.items if getattr(i.kpi_targets, kpi) is not None]
        return round(sum(values), 2) if values and sum(values) > 0 else None

    return SimulationInput(
        campaign_id=campaign_id,
        name=name,
        currency=plan.currency,
        posts=tuple(plans),
        budgets=tuple(budgets),
        kpi_targets=KpiTargets(impressions=total("impressions"), engagements=total("engagements"),
                               clicks=total("clicks")),
        price_table=prices,
    )
