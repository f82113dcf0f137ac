"""Planner agent: a deterministic campaign calendar from a BrandTwin and a Contract Card.

Rules, not a model: the same twin, card, start date and seed always give the same plan.

* Channels: those of the contract card the simulator and creative support, in card order.
* Dates: ``posts_per_channel`` posts per channel over a 14-21 day window, evenly spaced with a seeded
  per-channel phase, so no channel posts twice on one day and channels do not all post together.
* Topics: products with cited facts first, then the remaining facts by confidence; every item
  cites 1-2 fact ids of the twin. Crawled text only ever becomes DATA in the creative's prompt.
* KPI targets: the numbers the contract card sets (``kpi_targets``, else numbers written in its goals,
  "10,000 impressions" or "500 website visits"), split over the posts in proportion to each post's
  expected result on its channel. A card that sets no number gets no target: a target derived from the
  simulator's own priors would be met by construction and say nothing.
* Estimates: tokens of the creative's real prompt counted with tiktoken plus the expected answer,
  priced with ``agents.llm.tokens`` for the planned model.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from agents.creative import item_facts, paid_channels, post_messages
from agents.goals import campaign_targets
from agents.llm.tokens import cost_usd, count_message_tokens, count_tokens
from core.contracts.brand import BrandTwin, ContractCard
from core.contracts.campaign import CampaignPlan, ItemKpiTargets, PlanGeneratedBy, PlanItem
from core.contracts.simulation import CHANNELS, Channel, normalise_channel
from core.errors import InvalidInput
from simulator.priors import DEFAULT_PRIORS

PLANNER_NAME = "planner-rules-v1"
MIN_WINDOW_DAYS = 14
MAX_WINDOW_DAYS = 21
MAX_POSTS_PER_CHANNEL = MAX_WINDOW_DAYS
# Typical length of a finished post per channel (characters), for the completion-token estimate.
EXPECTED_POST_CHARS: dict[str, int] = {"x": 240, "linkedin": 900, "instagram": 600, "facebook": 500, "tiktok": 300}
_ANSWER_SKELETON = {"channel": "", "text": "", "hashtags": ["#brand", "#topic"], "cited_fact_ids": ["f_000000000000"]}
_KIND_TOPIC = {
    "metric": "Results",
    "award": "Recognition",
    "policy": "How we work",
    "price": "Offers",
    "date": "Our story",
    "location": "Where we are",
    "person": "Our people",
    "product": "Products",
    "claim": "Why {brand}",
}
# Kinds that make a post worth reading come first when facts are turned into topics.
_KIND_RANK = {k: i for i, k in enumerate(("product", "award", "metric", "price", "policy", "claim", "date",
                                          "location", "person"))}
_PLAN_NAMESPACE = uuid.UUID("8d7e6f52-4c1b-4f53-9f0e-2b6a1c3d5e70")


@dataclass(frozen=True)
class _Topic:
    label: str
    fact_ids: tuple[str, ...]
    length: int  # characters of the shortest cited fact


def plan_channels(card: ContractCard) -> list[Channel]:
    """The card's channels that the simulator and the creative support, in card order."""
    out: list[Channel] = []
    for c in card.channels:
        name = normalise_channel(c.channel)
        for known in CHANNELS:
            if known == name and known not in out:
                out.append(known)
    return out


def _expected(channel: Channel, kpi: str) -> float:
    prior = DEFAULT_PRIORS[channel]
    rate = {"impressions": 1.0, "engagements": prior.engagement_rate_mean, "clicks": prior.click_rate_mean}[kpi]
    return float(prior.reach_mean) * rate


def split_targets(channels: list[Channel], targets: dict[str, float]) -> list[ItemKpiTargets]:
    """Each post's share of the campaign targets, in proportion to its expected result on its channel."""
    shares: list[dict[str, float]] = [{} for _ in channels]
    for kpi, total in targets.items():
        weights = [_expected(c, kpi) for c in channels]
        whole = sum(weights)
        for i, w in enumerate(weights):
            shares[i][kpi] = round(total * w / whole, 2)
    return [ItemKpiTargets(**share) for share in shares]


def _topics(twin: BrandTwin, rng: random.Random) -> list[_Topic]:
    facts = {f.id: f for f in twin.facts}
    topics: list[_Topic] = []
    used: set[str] = set()
    for product in twin.products:
        ids = tuple(f for f in product.fact_ids if f in facts)[:2]
        if ids:
            topics.append(_Topic(product.name[:120], ids, min(len(facts[f].text) for f in ids)))
            used.update(ids)
    rest = sorted((f for f in twin.facts if f.id not in used),
                  # Ties break on where the fact sits in the site, not on its id (which hashes the host):
                  # the same site gives the same plan wherever it is served from.
                  key=lambda f: (_KIND_RANK.get(f.kind, len(_KIND_RANK)), -f.confidence,
                                 urlsplit(f.source_url).path, f.start, f.end))
    fact_topics = [
        _Topic(_KIND_TOPIC.get(f.kind, "Why {brand}").format(brand=twin.name)[:120], (f.id,), len(f.text))
        for f in rest
    ]
    if fact_topics:
        # The seed varies which facts lead; products always come first.
        shift = rng.randrange(len(fact_topics))
        fact_topics = fact_topics[shift:] + fact_topics[:shift]
    return topics + fact_topics


def _pick(pool: list[_Topic], cursor: int, channel: Channel, taken: set[int]) -> int:
    # Prefer a topic whose fact fits comfortably in the channel's post; x has only 280 characters.
    room = int(EXPECTED_POST_CHARS[channel] * 0.8)
    n = len(pool)
    for step in range(n):
        j = (cursor + step) % n
        if j not in taken and pool[j].length <= room:
            return j
    for step in range(n):
        j = (cursor + step) % n
        if j not in taken:
            return j
    return cursor % n


def estimate_item(twin: BrandTwin, item: PlanItem, *, sponsored: bool, model: str) -> tuple[int, float]:
    """Tokens and cost of drafting one item: the real prompt plus an answer of typical length."""
    messages = post_messages(twin.name, item, item_facts(twin, item), sponsored=sponsored)
    prompt = count_message_tokens(list(messages), model)
    skeleton = count_tokens(json.dumps(_ANSWER_SKELETON), model)
    completion = skeleton + math.ceil(EXPECTED_POST_CHARS[item.channel] / 4)  # ~4 characters per token
    return prompt + completion, cost_usd(model, prompt, completion)


def plan_campaign(
    twin: BrandTwin,
    card: ContractCard,
    *,
    campaign_id: str,
    start_date: dt.date,
    posts_per_channel: int,
    seed: int,
    model: str = "gpt-4o-mini",
) -> CampaignPlan:
    """Lay out the campaign calendar; deterministic for the same arguments."""
    if not 1 <= posts_per_channel <= MAX_POSTS_PER_CHANNEL:
        raise InvalidInput(f"posts_per_channel must be between 1 and {MAX_POSTS_PER_CHANNEL}")
    channels = plan_channels(card)
    if not channels:
        raise InvalidInput(f"the contract card has no supported channel (supported: {', '.join(CHANNELS)})")
    # Content depends on the seed and inputs only, never on the campaign id: the same seed and inputs
    # must give the same decision card (ids may differ, content may not).
    rng = random.Random(f"plan:{seed}")
    pool = _topics(twin, rng)
    if not pool:
        raise InvalidInput("the BrandTwin has no facts to cite: research found nothing to plan from")

    window = max(MIN_WINDOW_DAYS, min(MAX_WINDOW_DAYS, 7 * posts_per_channel))
    step = window / posts_per_channel  # >= 1, so consecutive posts of a channel land on different days
    cursor = 0
    paid = paid_channels(card)

    slots: list[tuple[dt.date, int, Channel, int]] = []
    for ci, channel in enumerate(channels):
        phase = rng.random()
        for k in range(posts_per_channel):
            slots.append((start_date + dt.timedelta(days=math.floor((k + phase) * step)), ci, channel, k))
    slots.sort()

    items: list[PlanItem] = []
    recent: list[int] = []
    for day, _, channel, k in slots:
        # Avoid repeating one of the last few topics so consecutive posts differ.
        taken = set(recent[-min(len(pool) - 1, 3) :]) if len(pool) > 1 else set()
        j = _pick(pool, cursor, channel, taken)
        cursor = j + 1
        recent.append(j)
        topic = pool[j]
        draft = PlanItem(
            id=str(uuid.uuid5(_PLAN_NAMESPACE, f"{campaign_id}:{channel}:{k}")),
            channel=channel,
            scheduled_at=day,
            topic=topic.label,
            fact_ids=list(topic.fact_ids),
            kpi_targets=ItemKpiTargets(),
            token_estimate=0,
            cost_estimate=0.0,
        )
        tokens, cost = estimate_item(twin, draft, sponsored=channel in paid, model=model)
        items.append(draft.model_copy(update={"token_estimate": tokens, "cost_estimate": round(cost, 8)}))

    targets = split_targets([i.channel for i in items], campaign_targets(card))
    items = [i.model_copy(update={"kpi_targets": t}) for i, t in zip(items, targets, strict=True)]
    currency = card.channels[0].currency
    return CampaignPlan(
        campaign_id=campaign_id,
        items=items,
        currency=currency,
        generated_by=PlanGeneratedBy(provider=PLANNER_NAME, offline=True),
    )
