"""A readable BrandTwin summary for people (``smm onboard`` without ``--json``)."""

from __future__ import annotations

from core.contracts.brand import BrandTwin, Product

_MISSING_HINT = {
    "products": "no products or services were found — add them so posts can name what you sell",
    "prices": "products were found without prices — add prices so offers can be checked",
    "audience": "no audience segments were found — tell us who you sell to",
    "competitors": "no competitors were named on the site — add the alternatives customers compare you with",
    "region": "the region could not be determined — set it (it decides which rules apply)",
    "summary": "no summary could be written from cited facts",
    "voice": "too little text to describe the brand voice",
    "javascript_pages": "some pages (often product pages) show no text without JavaScript and could not be read",
}
MAX_LISTED = 12


def _price(p: Product) -> str:
    if p.price_amount and p.currency:
        period = "" if p.period in (None, "one_time") else f" / {str(p.period).removeprefix('per_')}"
        return f"{p.price_amount} {p.currency}{period}"
    return p.price or "no price found"


def render_twin(twin: BrandTwin) -> list[str]:
    lines = [
        f"brand: {twin.name} ({twin.industry}, region {twin.region or 'unknown'}, "
        f"language {twin.language or 'unknown'})",
        f"confidence {twin.confidence:.2f}, {len(twin.facts)} cited facts",
    ]
    if twin.summary:
        lines.append(f"summary: {twin.summary}")
    lines.append(f"products ({len(twin.products)}):")
    for p in twin.products[:MAX_LISTED]:
        cited = "cited" if p.fact_ids else f"from {p.source}, no visible quote"
        lines.append(f"  - {p.name}: {_price(p)} [{cited}]")
    if len(twin.products) > MAX_LISTED:
        lines.append(f"  ... and {len(twin.products) - MAX_LISTED} more")
    lines.append(f"audience ({len(twin.audience_segments)}):")
    lines += [f"  - {a.name}" for a in twin.audience_segments[:MAX_LISTED]]
    lines.append(f"competitors ({len(twin.competitors)}): " + (", ".join(c.name for c in twin.competitors) or "none"))
    if twin.voice.tone:
        lines.append(f"voice: {', '.join(twin.voice.tone)} ({twin.voice.formality}, {twin.voice.person})")
    if twin.missing:
        lines.append("missing (please fill in):")
        lines += [f"  - {_MISSING_HINT.get(m, m)}" for m in twin.missing]
    return lines
