"""Offline (rule-based) handlers for the research tasks."""

from __future__ import annotations

import random
from typing import Any

from agents.llm.offline import register_offline_task
from agents.research import rules
from agents.research.schemas import (
    ExtractedFact,
    ExtractedMention,
    ExtractedProduct,
    PageExtraction,
    SummaryOut,
    VoiceOut,
)

TASK_EXTRACT = "research.extract_page"
TASK_VOICE = "research.voice"
TASK_SUMMARY = "research.summary"


def extract_page(url: str, title: str, text: str, brand: str) -> PageExtraction:
    out = PageExtraction()
    product_page = rules.is_product_page(url)
    first_price: str | None = None
    for span in rules.split_sentences(text):
        quote = text[span.start : span.end]
        sig = rules.signals(quote, brand)
        products = rules.product_mentions(quote)
        competitors = rules.competitor_mentions(quote, brand)
        audiences = rules.audience_mentions(quote)
        price_m = rules.PRICE.search(quote)
        if price_m and first_price is None:
            first_price = price_m.group(0)
        if not rules.is_statement(quote):
            continue
        if not (rules.is_fact_sentence(quote, sig, brand) or products or competitors or audiences):
            continue
        kind = rules.classify(sig, quote, product_page)
        confidence = round(min(0.95, 0.5 + 0.05 * sig.strength), 2)
        out.facts.append(
            ExtractedFact(text=quote, quote=quote, kind=kind, start=span.start, end=span.end, confidence=confidence)
        )
        for name in products:
            out.products.append(ExtractedProduct(name=name, price=price_m.group(0) if price_m else None, quote=quote))
        for name in competitors:
            out.competitors.append(ExtractedMention(name=name, quote=quote))
        for name, _offset in audiences:
            out.audience_segments.append(ExtractedMention(name=name, quote=quote))
    if product_page and title:
        name = rules.title_head(title)
        if name and name.lower() != brand.lower():
            support = next((f.quote for f in out.facts if name.split()[0] in f.quote), None)
            support = support or (out.facts[0].quote if out.facts else None)
            out.products.insert(0, ExtractedProduct(name=name, price=first_price, quote=support))
    return out


def _extract(data: dict[str, Any], rng: random.Random) -> PageExtraction:
    return extract_page(str(data["url"]), str(data.get("title", "")), str(data["text"]), str(data.get("brand", "")))


def _voice(data: dict[str, Any], rng: random.Random) -> VoiceOut:
    tone, formality, person = rules.tone_from_features({k: float(v) for k, v in data["features"].items()})
    return VoiceOut(tone=tone, formality=formality, person=person)


def _summary(data: dict[str, Any], rng: random.Random) -> SummaryOut:
    name = str(data.get("name", ""))
    facts: list[dict[str, str]] = list(data.get("facts", []))
    if not facts:
        return SummaryOut(summary=f"{name}: not enough verified information was found on the site.", fact_ids=[])
    first = name.split()[0].lower() if name else ""
    identity = [
        f
        for f in facts
        if first and (f["text"].lower().startswith(first) or (first in f["text"].lower() and " is a" in f["text"]))
    ]
    origin = [f for f in facts if "founded" in f["text"].lower() or "since" in f["text"].lower()]
    chosen: list[dict[str, str]] = []
    for group in (identity, origin, facts):
        for fact in group:
            if fact not in chosen and len(chosen) < 2:
                chosen.append(fact)
    return SummaryOut(summary=" ".join(f["text"] for f in chosen), fact_ids=[f["id"] for f in chosen])


register_offline_task(TASK_EXTRACT, _extract)
register_offline_task(TASK_VOICE, _voice)
register_offline_task(TASK_SUMMARY, _summary)
