"""Offline (rule-based) handlers for the research tasks."""

from __future__ import annotations

import random
from typing import Any

from agents.llm.offline import register_offline_task
from agents.research import pricing, rules
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
    """Facts (every declarative sentence), priced items, audience segments and competitors of one page.

    ``text`` arrives with flagged and boilerplate lines masked (blanked, offsets kept)."""
    out = PageExtraction()
    brand_word = brand.split()[0].lower() if brand.split() else None  # a site may not say its name
    product_page = rules.is_product_page(url)
    first_price: str | None = None
    previous = ""
    for span in rules.split_sentences(text):
        quote = text[span.start : span.end]
        # Rivals a question weighs the brand against, or the sentence before calls alternatives.
        for name in [*rules.options_question_competitors(quote, brand),
                     *rules.difference_question_competitors(quote, brand)]:
            out.competitors.append(ExtractedMention(name=name, quote=quote))
        for name in rules.alternatives_named_before(previous, quote, brand):
            out.competitors.append(ExtractedMention(name=name, quote=previous))
        for name in [*rules.examples_after_others(previous, quote, brand),
                     *rules.full_then_neighbours(previous, quote, brand)]:
            out.competitors.append(ExtractedMention(name=name, quote=quote))
        for name in [*rules.switch_question_rivals(previous, quote, brand),
                     *rules.ours_after_question(previous, quote, brand),
                     *rules.habit_then_here(previous, quote, brand)]:
            out.competitors.append(ExtractedMention(name=name, quote=previous))
        previous = quote
        sig = rules.signals(quote, brand)
        products = rules.product_mentions(quote)
        competitors = rules.competitor_mentions(quote, brand)
        audiences = rules.audience_mentions(quote)
        price_m = rules.PRICE.search(quote)
        if price_m and first_price is None:
            first_price = price_m.group(0)
        statement = rules.is_statement(quote)
        # Any sentence may name rivals: a question ("Looking for an alternative to Acme?"), a table cell or a
        # heading ("Landelijke keten, bijvoorbeeld De Hypotheker") as well as a statement.
        for name in competitors:
            out.competitors.append(ExtractedMention(name=name, quote=quote))
        reader = None if statement else rules.reader_question(quote) or rules.served_question(quote)
        if reader:
            out.audience_segments.append(ExtractedMention(name=reader, quote=quote))
        if not statement:
            for name in rules.heading_audiences(quote):
                out.audience_segments.append(ExtractedMention(name=name, quote=quote))
            # A group named as the label of the questions after it ("Für alle, die bald in Rente gehen: Wann …?").
            label, colon, _ = quote.partition(": ")
            for name, _offset in rules.audience_mentions(label) if colon and len(label.split()) >= 3 else []:
                out.audience_segments.append(ExtractedMention(name=name, quote=quote))
            # An FAQ in a customer's voice says who asks ("I'm a landlord, not a business. Can I still use it?",
            # "I'm building a new home – when should I bring you in?"), and so does a sentence too short for a fact
            # ("I'm a carer.") or a question about the reader's situation ("No dental insurance?"); a heading does
            # not end like one.
            for name in rules.life_stage_mentions(quote) if quote.rstrip().endswith(("?", ".", "!")) else []:
                out.audience_segments.append(ExtractedMention(name=name, quote=quote))
            continue
        kind = rules.classify(sig, quote, product_page)
        confidence = round(min(0.95, 0.5 + 0.05 * sig.strength), 2)
        out.facts.append(
            ExtractedFact(text=quote, quote=quote, kind=kind, start=span.start, end=span.end, confidence=confidence)
        )
        for name in products:
            # Each name's own price, the first after it ("Solo is $290 a year, Studio is $590 a year").
            at = quote.find(name)
            own = rules.PRICE.search(quote, at + len(name)) if at != -1 else None
            price = own or price_m
            text_of_price = rules.range_low(quote, price) if price else None
            out.products.append(ExtractedProduct(name=name, price=text_of_price, quote=quote))
        # Not the brand's own name at a sentence's start ("Brushline groups appointments …": a verb, not a group).
        for name, _offset in [(n, o) for n, o in audiences if n.split()[0].lower() != brand_word
                              and not rules.sent_to_rival(quote, n, o, competitors)]:
            out.audience_segments.append(ExtractedMention(name=name, quote=quote))
        for name in rules.life_stage_mentions(quote):
            out.audience_segments.append(ExtractedMention(name=name, quote=quote))
    # Priced items laid out as tables, cards or "Name — Price" lines (not sentences).
    for item in pricing.price_items(text):
        quote = text[item.span.start : item.span.end]
        out.products.append(ExtractedProduct(name=item.name, price=item.price_text, quote=quote))
        out.facts.append(ExtractedFact(text=quote, quote=quote, kind="price", start=item.span.start,
                                       end=item.span.end, confidence=0.8))  # fmt: skip
    # Label-value rows of a specification table ("| Produzione | 3.200 bottiglie numerate |"): a stated fact
    # each, quoted from the label to the value. Rows with a price are priced items (above).
    for span in rules.spec_rows(text):
        quote = text[span.start : span.end]
        out.facts.append(ExtractedFact(text=quote, quote=quote, kind="claim", start=span.start, end=span.end,
                                       confidence=0.6))
    # Lists of groups under an audience heading ("Who uses Acme": "Retail chains and franchise groups").
    # A sentence read for its groups above already gave them, better named than its items alone.
    read = [m.quote for m in out.audience_segments]
    for name, span in rules.listed_audiences(text):
        quote = text[span.start : span.end]
        if not any(quote in sentence for sentence in read):
            out.audience_segments.append(ExtractedMention(name=name, quote=quote))
    # A testimonial's byline says who the customer is ("— Claire, professeure des écoles à Villeurbanne").
    for name, span in rules.testimonial_bylines(text, brand):
        out.audience_segments.append(ExtractedMention(name=name, quote=text[span.start : span.end]))
    # Team cards (a name with its job or credentials): the people the brand itself presents.
    for span in rules.team_cards(text):
        quote = text[span.start : span.end]
        out.facts.append(ExtractedFact(text=quote, quote=quote, kind="person", start=span.start, end=span.end,
                                       confidence=0.7))
    # A comparison page names its competitor in its title ("Acme vs Globex").
    for name in rules.comparison_title_competitors(rules.title_head(title) if title else "", brand):
        support = next((f.quote for f in out.facts if name in f.quote), None)
        if support:
            out.competitors.append(ExtractedMention(name=name, quote=support))
    # A comparison page's table names the alternatives row by row.
    for name, row in rules.comparison_table_competitors(title, text, brand):
        out.competitors.append(ExtractedMention(name=name, quote=row))
    if product_page and title:
        name = rules.title_head(title)
        if name and name.lower() != brand.lower() and not any(p.name == name for p in out.products):
            support = next((f.quote for f in out.facts if name in f.quote), None)
            if support:
                out.products.insert(0, ExtractedProduct(name=name, price=None, quote=support))
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
    origin = [f for f in facts if rules.FOUNDED.search(f["text"]) and rules.DATE.search(f["text"])]
    chosen: list[dict[str, str]] = []
    for group in (identity, origin, facts):
        for fact in group:
            if fact not in chosen and len(chosen) < 2:
                chosen.append(fact)
    return SummaryOut(summary=" ".join(f["text"] for f in chosen), fact_ids=[f["id"] for f in chosen])


register_offline_task(TASK_EXTRACT, _extract)
register_offline_task(TASK_VOICE, _voice)
register_offline_task(TASK_SUMMARY, _summary)
