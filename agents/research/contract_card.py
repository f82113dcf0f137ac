"""Draft a Contract Card from a BrandTwin: industry-aware channels, goals and caps.

Channels come from the shared vocabulary (``core.vocabulary``): only channels the planner and the
publisher support are ever proposed, so no budget is given to a channel that would be dropped later.
The draft always starts in shadow mode; a person turns it live.
"""

from __future__ import annotations

from typing import cast

from core.contracts.brand import DEFAULT_PAID_SHARE, ApprovalPolicy, BrandTwin, Channel, ChannelBudget, ContractCard
from core.vocabulary import CHANNEL_CODES, DEFAULT_INDUSTRY, GLOBAL, industry, is_industry

# Budget split over an industry's preferred channels, best first.
_WEIGHTS = {1: (1.0,), 2: (0.6, 0.4), 3: (0.45, 0.35, 0.2), 4: (0.4, 0.3, 0.2, 0.1)}

_RATIONALE = {
    "instagram": "visual stories of the products and the people behind them",
    "facebook": "local community, events and promotions",
    "linkedin": "decision makers and professionals, reachable by role",
    "x": "timely updates and conversation",
    "tiktok": "short videos that show the product in use",
}

GOALS: dict[str, list[str]] = {
    "food_beverage": ["Grow online orders and subscriptions", "Increase repeat purchases", "Build local awareness"],
    "restaurants_hospitality": ["Fill tables and bookings", "Promote menus and events", "Grow local reviews"],
    "software_saas": ["Generate qualified demo requests", "Grow free-trial sign-ups", "Establish thought leadership"],
    "financial_services": ["Grow qualified sign-ups", "Build trust and brand credibility"],
    "retail_ecommerce": ["Increase online sales", "Grow newsletter sign-ups"],
    "sports_outdoor": ["Increase product sales", "Grow the riding and outdoor community", "Promote services"],
    "healthcare": ["Grow appointment bookings", "Educate the community"],
    "health_wellness": ["Grow bookings and memberships", "Educate the community"],
    "beauty_personal_care": ["Increase online sales", "Grow repeat customers"],
    "legal_services": ["Grow consultation requests", "Build trust through expertise"],
    "professional_services": ["Generate qualified enquiries", "Establish thought leadership"],
    "education": ["Grow enrolments and trial lessons", "Build trust with learners"],
    "nonprofit": ["Grow members, volunteers and donations", "Raise awareness of the cause"],
    "industrial_manufacturing": ["Generate qualified B2B leads", "Support distributors and specifiers"],
    "home_services": ["Grow booked jobs and quotes", "Grow local reviews"],
}
_DEFAULT_GOALS = ["Grow brand awareness", "Drive website traffic"]

CURRENCY = {"US": "USD", "GB": "GBP", "EU": "EUR", "AU": "AUD", "NZ": "NZD", "CA": "CAD", "CH": "CHF", "JP": "JPY",
            "IN": "INR", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "SG": "SGD"}  # fmt: skip
_EURO = {"AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PT", "SK",
         "SI", "ES"}  # fmt: skip


def channel_mix(industry_code: str) -> list[tuple[Channel, float, str]]:
    """(channel, budget share, rationale) for an industry, restricted to publishable channels."""
    code = industry_code if is_industry(industry_code) else DEFAULT_INDUSTRY
    channels = [c for c in industry(code).channels if c in CHANNEL_CODES][:4]
    if not channels:
        channels = [c for c in industry(DEFAULT_INDUSTRY).channels if c in CHANNEL_CODES]
    weights = _WEIGHTS[len(channels)]
    return [(cast(Channel, c), w, _RATIONALE.get(c, "")) for c, w in zip(channels, weights, strict=True)]


def guess_region(twin: BrandTwin) -> str:
    """The twin's region, or ``global`` when research found no evidence of one."""
    return twin.region or GLOBAL


def currency_for(region: str, twin: BrandTwin | None = None) -> str:
    if twin is not None:
        priced = [p.currency for p in twin.products if p.currency]
        if priced:
            return max(sorted(set(priced)), key=priced.count)
    if region in _EURO:
        return "EUR"
    return CURRENCY.get(region, "USD")


def draft_contract_card(twin: BrandTwin, *, region: str | None = None, monthly_budget: float = 3000.0) -> ContractCard:
    region = region or guess_region(twin)
    currency = currency_for(region, twin)
    channels = [
        # The paid share is proposed explicitly, where the marketer sees and changes it.
        ChannelBudget(channel=ch, budget_cap=round(monthly_budget * weight, 2), currency=currency, rationale=why,
                      paid_spend=round(monthly_budget * weight * DEFAULT_PAID_SHARE, 2))
        for ch, weight, why in channel_mix(twin.industry)
    ]
    return ContractCard(
        brand_name=twin.name,
        goals=list(GOALS.get(twin.industry, _DEFAULT_GOALS)),
        channels=channels,
        region=region,
        mode="shadow",
        canary_pct=10.0,
        # Low-confidence or suspicious research needs a second pair of eyes.
        approval_policy=ApprovalPolicy(
            required_approvers=2 if twin.confidence < 0.5 or twin.suspicious_sources else 1,
            require_legal_review=True,
        ),
        draft=True,
        generated_by=twin.generated_by,
    )
