"""Offline channel templates: deterministic post drafts built from cited facts.

Task ``offline.channel_post``: DATA ``{channel, brand, facts: [{id, text}], topic?}``
→ ``{channel, text, hashtags, cited_fact_ids, label}``. The seed picks the
template, so the same seed gives the same draft. Every draft says it is an
offline draft.
"""

from __future__ import annotations

import random
import re
from typing import Any

from agents.llm.offline import register_offline_task
from core.contracts.campaign import POST_CHAR_LIMITS

OFFLINE_LABEL = "[offline draft]"
# One table of post limits (the PostVariant contract's); email is a template-only channel.
CHANNEL_LIMITS = {**POST_CHAR_LIMITS, "email": 5000}
TEMPLATES: dict[str, list[str]] = {
    "x": ["{fact} {tags}", "Did you know? {fact} {tags}"],
    "instagram": ["{fact}\n\n{cta}\n\n{tags}", "A little about {brand}: {fact}\n\n{tags}"],
    "linkedin": ["{brand} update: {fact}\n\n{cta}", "What sets {brand} apart: {fact}\n\n{cta}"],
    "facebook": ["{fact} {cta}", "From the {brand} team: {fact} {cta}"],
    "tiktok": ["{fact} {tags}"],
    "email": ["Hello,\n\n{fact}\n\n{cta}\n\nThe {brand} team"],
}


def _hashtags(brand: str, topic: str) -> list[str]:
    tags = ["#" + re.sub(r"[^A-Za-z0-9]", "", brand)]
    if topic:
        tags.append("#" + re.sub(r"[^A-Za-z0-9]", "", topic.title()))
    return [t for t in tags if len(t) > 1]


def channel_post(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    channel = str(data.get("channel", "x")).lower()
    brand = str(data.get("brand", ""))
    facts = list(data.get("facts", []))
    fact = facts[rng.randrange(len(facts))] if facts else {"id": None, "text": f"News from {brand}."}
    tags = _hashtags(brand, str(data.get("topic", "")))
    template = rng.choice(TEMPLATES.get(channel, TEMPLATES["facebook"]))
    body = template.format(fact=fact["text"], brand=brand, tags=" ".join(tags), cta="Learn more on our website.")
    text = f"{body} {OFFLINE_LABEL}"
    limit = CHANNEL_LIMITS.get(channel, 2000)
    if len(text) > limit:
        text = text[: limit - len(OFFLINE_LABEL) - 2].rstrip() + "… " + OFFLINE_LABEL
    return {
        "channel": channel,
        "text": text,
        "hashtags": tags,
        "cited_fact_ids": [fact["id"]] if fact.get("id") else [],
        "label": OFFLINE_LABEL,
    }


register_offline_task("offline.channel_post", channel_post)
