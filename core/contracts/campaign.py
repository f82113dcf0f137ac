"""Campaign contracts: the plan, the post drafts and their legal reviews (versioned, extra fields forbidden).

Channels are the simulator's channel set (``core.contracts.simulation.CHANNELS``); an alias such as
"Twitter" is normalised on the way in.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.contracts.simulation import Channel, normalise_channel

CAMPAIGN_SCHEMA_VERSION = "1.0"

Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]


# Post length limits per channel (the offline templates use this table too): never looser than the
# policy bundle's, so a post within them never trips content.too_long.
# The platforms' own limits, as policies/content.rego and the sandbox's Graph API enforce them (Facebook's is
# 63,206 characters: a long Facebook post is allowed and is not a `length` finding).
POST_CHAR_LIMITS: dict[str, int] = {"x": 280, "linkedin": 3000, "instagram": 2200, "facebook": 63206, "tiktok": 2200}


def channel_limit(channel: str) -> int:
    """Hard character limit of a channel's post text."""
    return POST_CHAR_LIMITS[channel]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _ChannelField(_Strict):
    @field_validator("channel", mode="before", check_fields=False)
    @classmethod
    def _channel(cls, value: Any) -> Any:
        return normalise_channel(value)


class ItemKpiTargets(_Strict):
    """KPI targets of one calendar item; an unset target is not scored."""

    impressions: NonNegative | None = None
    engagements: NonNegative | None = None
    clicks: NonNegative | None = None


class PlanItem(_ChannelField):
    """One calendar slot: a post on one channel on one day about one cited topic."""

    id: str = Field(min_length=1, max_length=200)
    channel: Channel
    scheduled_at: dt.date
    topic: str = Field(min_length=1, max_length=200)
    fact_ids: list[str] = Field(min_length=1, max_length=2)
    kpi_targets: ItemKpiTargets = Field(default_factory=ItemKpiTargets)
    token_estimate: int = Field(ge=0)
    cost_estimate: NonNegative


class PlanGeneratedBy(_Strict):
    provider: str
    offline: bool


class CampaignPlan(_Strict):
    """The calendar of a campaign with its token and money estimates."""

    schema_version: str = CAMPAIGN_SCHEMA_VERSION
    campaign_id: str = Field(min_length=1, max_length=200)
    items: list[PlanItem] = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    generated_by: PlanGeneratedBy

    @model_validator(mode="after")
    def _unique(self) -> CampaignPlan:
        ids = [i.id for i in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("plan items: duplicate id")
        slots = [(i.channel, i.scheduled_at) for i in self.items]
        if len(set(slots)) != len(slots):
            raise ValueError("plan items: two posts of one channel on the same day")
        return self


class DisclosureFlags(_Strict):
    sponsored: bool = False
    ad_label: bool = False
    offline_draft: bool = False


class PostVariant(_ChannelField):
    """A drafted post: text within its channel's limit, cited facts and disclosure flags."""

    id: str = Field(min_length=1, max_length=200)
    plan_item_id: str = Field(min_length=1, max_length=200)
    channel: Channel
    text: str = Field(min_length=1)
    hashtags: list[str] = Field(default_factory=list)
    cited_fact_ids: list[str] = Field(default_factory=list)
    disclosure_flags: DisclosureFlags = Field(default_factory=DisclosureFlags)
    llm_model: str = Field(min_length=1)
    model_downgraded: bool = False
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    spend_decision_id: str | None = None

    @model_validator(mode="after")
    def _within_limits(self) -> PostVariant:
        limit = channel_limit(self.channel)
        if len(self.text) > limit:
            raise ValueError(f"text: {len(self.text)} characters exceed the {self.channel} limit of {limit}")
        if self.disclosure_flags.ad_label and "#ad" not in self.text.lower().split():
            raise ValueError("text: ad_label is set but the text carries no #ad")
        if self.disclosure_flags.sponsored and not self.disclosure_flags.ad_label:
            raise ValueError("disclosure_flags: a sponsored post must carry the ad label")
        return self


class ModelReview(_Strict):
    """A language model's part in one post's legal review: the classes of its corroborated findings, what the call
    cost, and why it added nothing when it failed."""

    model: str = Field(min_length=1, max_length=200)
    classes: list[str] = Field(default_factory=list, max_length=10)
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    cost_usd: float = Field(default=0.0, ge=0)
    error: str | None = Field(default=None, max_length=500)


class LegalReview(_Strict):
    """The legal agent's verdict on one post, with the risk estimates the simulator reads."""

    post_id: str = Field(min_length=1, max_length=200)
    policy_decision_id: str
    allow: bool
    deny: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    obligations: list[str] = Field(default_factory=list)
    p_policy_violation: Probability
    p_uncited_claim: Probability
    uncited_claim: str | None = Field(default=None, max_length=500)
    duplicate_similarity: Probability = 0.0
    similar_post_id: str | None = None
    similar_post_date: dt.date | None = None
    # What a configured language model added (agents/legal/model_signal.py); None when none was asked.
    model_review: ModelReview | None = None
