"""Draft a Contract Card from a BrandTwin: industry-aware channels, goals and caps.

The draft always starts in shadow mode; a person turns it live.
"""

from __future__ import annotations

import re

from core.contracts.brand import ApprovalPolicy, BrandTwin, Channel, ChannelBudget, ContractCard

# (channel, weight, rationale) per industry; weights split the monthly budget.
CHANNEL_MIX: dict[str, list[tuple[Channel, float, str]]] = {
    "food_beverage": [
        ("instagram", 0.4, "visual product and origin stories reach home consumers"),
        ("tiktok", 0.25, "short brewing and behind-the-scenes videos"),
        ("facebook", 0.2, "local community and subscription promotions"),
        ("pinterest", 0.15, "recipes and brewing guides are saved and revisited"),
    ],
    "b2b_saas": [
        ("linkedin", 0.5, "decision makers in finance and operations are reachable by role"),
        ("email", 0.2, "nurture trial sign-ups and demo requests"),
        ("x", 0.15, "product updates and thought leadership"),
        ("youtube", 0.15, "product walkthroughs and webinars"),
    ],
    "outdoor_retail": [
        ("instagram", 0.35, "gear in the field and trip photography"),
        ("youtube", 0.3, "reviews, packing lists and repair how-tos"),
        ("facebook", 0.2, "community groups and seasonal sales"),
        ("pinterest", 0.15, "trip planning and packing lists"),
    ],
    "fintech": [
        ("linkedin", 0.4, "trust and expertise with professionals"),
        ("x", 0.2, "timely market and product updates"),
        ("youtube", 0.2, "explainers for financial products"),
        ("email", 0.2, "onboarding and retention"),
    ],
    "health": [
        ("facebook", 0.35, "community education"),
        ("instagram", 0.35, "wellness stories"),
        ("youtube", 0.3, "explainers reviewed by professionals"),
    ],
    "general": [
        ("instagram", 0.35, "broad consumer reach"),
        ("facebook", 0.35, "community and promotions"),
        ("linkedin", 0.3, "brand credibility"),
    ],
}

GOALS: dict[str, list[str]] = {
    "food_beverage": [
        "Grow online subscription sign-ups",
        "Increase repeat purchases",
        "Build local community awareness",
    ],
    "b2b_saas": [
        "Generate qualified demo requests",
        "Grow free-trial sign-ups",
        "Establish category thought leadership",
    ],
    "outdoor_retail": [
        "Increase online gear sales",
        "Grow newsletter sign-ups before peak season",
        "Promote repair and warranty program",
    ],
    "fintech": ["Grow qualified sign-ups", "Build trust and brand credibility"],
    "health": ["Grow appointment bookings", "Educate the community"],
    "general": ["Grow brand awareness", "Drive website traffic"],
}

_REGION_HINTS = [
    ("GB", re.compile(r"£|\bUnited Kingdom\b|\bEngland\b|\bLondon\b")),
    ("EU", re.compile(r"€|\bEuropean Union\b|\bGermany\b|\bFrance\b")),
    ("US", re.compile(r"\$|\bUnited States\b|\b(?:Oregon|Texas|Colorado|California|New York)\b")),
]
CURRENCY = {"US": "USD", "GB": "GBP", "EU": "EUR"}


def guess_region(twin: BrandTwin) -> str:
    blob = " ".join(f.quote for f in twin.facts)
    counts = {region: len(pattern.findall(blob)) for region, pattern in _REGION_HINTS}
    best = max(counts, key=lambda r: counts[r])
    return best if counts[best] else "US"


def draft_contract_card(twin: BrandTwin, *, region: str | None = None, monthly_budget: float = 3000.0) -> ContractCard:
    region = region or guess_region(twin)
    currency = CURRENCY.get(region, "USD")
    mix = CHANNEL_MIX.get(twin.industry, CHANNEL_MIX["general"])
    channels = [
        ChannelBudget(channel=ch, budget_cap=round(monthly_budget * weight, 2), currency=currency, rationale=why)
        for ch, weight, why in mix
    ]
    goals = list(GOALS.get(twin.industry, GOALS["general"]))
    return ContractCard(
        brand_name=twin.name,
        goals=goals,
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
