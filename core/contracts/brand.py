"""BrandTwin and ContractCard contracts (versioned, extra fields forbidden).

A BrandTwin is built by the research agent from a crawled brand site. Every
fact carries the exact span of the page text it came from: ``quote ==
page_text[start:end]`` is checked before a fact is accepted.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# 1.1: products carry amount, currency, period and source; the twin carries region, language and
# what research could not find (``missing``). 1.0 documents still validate (the new fields default).
BRAND_TWIN_SCHEMA_VERSION = "1.1"
CONTRACT_CARD_SCHEMA_VERSION = "1.0"

FactKind = Literal[
    "price",
    "date",
    "metric",
    "person",
    "product",
    "location",
    "policy",
    "award",
    "claim",
]


class _Strict(BaseModel):
    # No inf/nan anywhere: caps, confidences and percentages end up in JSON, policies and the database.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Fact(_Strict):
    """One cited statement; ``quote`` is exactly ``page_text[start:end]`` of ``source_url``."""

    id: str
    text: str
    source_url: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    kind: FactKind = "claim"
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _span_length_matches_quote(self) -> Fact:
        if self.end - self.start != len(self.quote):
            raise ValueError("fact span length differs from the quote length")
        return self


PriceSource = Literal["text", "json-ld", "microdata", "opengraph"]


class Product(_Strict):
    """A product, plan or priced service. ``price`` is the page's wording ("From £1,299"); ``price_amount``
    the parsed decimal ("1299.00") in ``currency`` (ISO 4217) per ``period`` (one_time, month, year,
    per_person, per_lesson, per_hour, ...). A product known only from structured data (JSON-LD) has no
    visible quote to cite: its ``fact_ids`` are empty and ``source`` says where it came from."""

    name: str
    description: str = ""
    price: str | None = None
    price_amount: str | None = Field(default=None, pattern=r"^\d+(?:\.\d+)?$")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: str | None = Field(default=None, max_length=40)
    source: PriceSource = "text"
    url: str | None = None
    fact_ids: list[str] = Field(default_factory=list)


class AudienceSegment(_Strict):
    name: str
    fact_ids: list[str] = Field(default_factory=list)


class Competitor(_Strict):
    name: str
    fact_ids: list[str] = Field(default_factory=list)


class Voice(_Strict):
    tone: list[str] = Field(default_factory=list)
    features: dict[str, float] = Field(default_factory=dict)
    formality: Literal["casual", "neutral", "formal"] = "neutral"
    person: Literal["first_plural", "second", "third", "mixed"] = "mixed"


class SuspiciousSource(_Strict):
    """A page with instruction-like content; ``locations`` name where it hid."""

    url: str
    rules: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    findings: int = 0


class CrawlProblemOut(_Strict):
    url: str
    kind: str
    detail: str
    status_code: int | None = None


class CrawlReport(_Strict):
    status: Literal["ok", "partial", "failed"]
    start_url: str
    pages_ok: int = 0
    pages_failed: int = 0
    pages_skipped: int = 0
    ok_urls: list[str] = Field(default_factory=list)
    problems: list[CrawlProblemOut] = Field(default_factory=list)
    message: str = ""


class GeneratedBy(_Strict):
    provider: str
    model: str
    offline: bool


class BrandTwin(_Strict):
    schema_version: str = BRAND_TWIN_SCHEMA_VERSION
    name: str
    url: str
    industry: str = "general"
    summary: str = ""
    summary_fact_ids: list[str] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    audience_segments: list[AudienceSegment] = Field(default_factory=list)
    voice: Voice = Field(default_factory=Voice)
    competitors: list[Competitor] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    # ISO 3166-1 alpha-2, "EU" or "global" (core.vocabulary); None when the site gave no evidence.
    region: str | None = None
    language: str | None = None
    # What research looked for and did not find ("products", "prices", "audience", "competitors",
    # "region", ...), so the marketer knows what to fill in.
    missing: list[str] = Field(default_factory=list)
    suspicious_sources: list[SuspiciousSource] = Field(default_factory=list)
    crawl_report: CrawlReport
    generated_by: GeneratedBy

    @model_validator(mode="after")
    def _references_resolve(self) -> BrandTwin:
        ids = {f.id for f in self.facts}
        if len(ids) != len(self.facts):
            raise ValueError("duplicate fact ids")
        refs: list[str] = list(self.summary_fact_ids)
        for p in self.products:
            refs += p.fact_ids
        for a in self.audience_segments:
            refs += a.fact_ids
        for c in self.competitors:
            refs += c.fact_ids
        missing = sorted(set(refs) - ids)
        if missing:
            raise ValueError(f"references to unknown fact ids: {missing[:5]}")
        return self


Channel = Literal["instagram", "facebook", "linkedin", "x", "tiktok", "youtube", "pinterest", "email"]


#: Share of a channel's cap planned as paid promotion when a card predates ``paid_spend`` (the draft
#: proposes the same share explicitly, where the marketer sees and changes it).
DEFAULT_PAID_SHARE = 0.5


class ChannelBudget(_Strict):
    channel: Channel
    budget_cap: float = Field(ge=0.0)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    rationale: str = ""
    # Planned paid promotion on this channel (what the simulator costs and the publisher spends); the rest
    # of the cap is headroom for LLM cost and pacing. None on older cards: see ``planned_paid_spend``.
    paid_spend: float | None = Field(default=None, ge=0.0)

    @model_validator(mode="after")
    def _paid_within_cap(self) -> ChannelBudget:
        if self.paid_spend is not None and self.paid_spend > self.budget_cap:
            raise ValueError(f"{self.channel}: planned paid spend {self.paid_spend} exceeds its cap {self.budget_cap}")
        return self

    def planned_paid_spend(self) -> float:
        """The paid promotion planned on this channel: ``paid_spend``, else (older cards) the default share."""
        if self.paid_spend is not None:
            return min(float(self.paid_spend), self.budget_cap)  # min: a copy made without validation
        return round(self.budget_cap * DEFAULT_PAID_SHARE, 2)


class KpiGoals(_Strict):
    """The campaign's numeric KPI targets as the marketer set them; an unset one is not scored."""

    impressions: float | None = Field(default=None, gt=0.0)
    engagements: float | None = Field(default=None, gt=0.0)
    clicks: float | None = Field(default=None, gt=0.0)


class ApprovalPolicy(_Strict):
    required_approvers: int = Field(default=1, ge=1)
    require_legal_review: bool = True
    auto_approve_below: float = Field(default=0.0, ge=0.0)


class ContractCard(_Strict):
    schema_version: str = CONTRACT_CARD_SCHEMA_VERSION
    brand_name: str
    goals: list[str] = Field(min_length=1)
    channels: list[ChannelBudget] = Field(min_length=1)
    region: str = "US"
    mode: Literal["shadow", "live"] = "shadow"
    canary_pct: float = Field(default=10.0, ge=0.0, le=100.0)
    approval_policy: ApprovalPolicy = Field(default_factory=ApprovalPolicy)
    draft: bool = True
    generated_by: GeneratedBy | None = None
    # Terms the brand never wants in a post (a marketer's correction during onboarding); the policy
    # gate reads them as the workspace's avoid list. Older cards without it validate (empty).
    avoid_list: list[str] = Field(default_factory=list)
    # Numbers the campaign should reach. None: taken from numbers written in ``goals`` ("10,000
    # impressions"), else the campaign has no KPI target (the simulator never invents one).
    kpi_targets: KpiGoals | None = None
