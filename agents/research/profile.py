"""What a BrandTwin knows and what it lacks: the site's language and the parts research did not find."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

# The most frequent function words of each language: enough to tell the languages apart on a page.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is for with our you we are on that your this it".split()),
    "es": frozenset("el la los las de del y en que por con para una un es nuestro nuestra se al".split()),
    "de": frozenset("der die das und ist mit für von den dem ein eine wir sie nicht auf zu im".split()),
    "fr": frozenset("le la les et des du un une est pour avec nous vous dans sur au que pas".split()),
    "it": frozenset("il lo la gli le di e che per con una un è sono nel della del".split()),
    "pt": frozenset("o a os as de do da e em que para com um uma é não nosso".split()),
    "nl": frozenset("de het een en van is met voor op zijn wij u niet in dat".split()),
    "pl": frozenset("i w na z do się że nie jest to od za po dla oraz przez jak".split()),
}

# Weights of what research looks for in the completeness part of confidence; competitors weigh less
# (many honest businesses name none).
PART_WEIGHTS: dict[str, float] = {
    "products": 1.0, "prices": 0.5, "audience": 1.0, "competitors": 0.5, "region": 0.5, "summary": 1.0,
    "voice": 0.5, "javascript_pages": 0.5,
}  # fmt: skip


def detect_language(texts: list[str]) -> str | None:
    """ISO 639-1 code of the language most of the text is in; None with too little text to say."""
    words = Counter(w for t in texts for w in re.findall(r"[^\W\d_]+", t.lower()))
    scores = {lang: sum(words[w] for w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (lang, best), (_, second) = ranked[0], ranked[1]
    # Enough function words, and clearly more of one language than of the next.
    return lang if best >= 8 and best >= 1.5 * second else None


def missing_parts(state: dict[str, Any] | Any) -> list[str]:
    """The parts of a BrandTwin research looked for and did not find, in a fixed order."""
    products = state.get("products") or []
    missing = []
    if not products:
        missing.append("products")
    elif not any(p.get("price_amount") for p in products):
        missing.append("prices")
    if not state.get("audience_segments"):
        missing.append("audience")
    if not state.get("competitors"):
        missing.append("competitors")
    if not (state.get("region") or {}).get("code"):
        missing.append("region")
    if not (state.get("summary") or {}).get("fact_ids"):
        missing.append("summary")
    if (state.get("voice") or {}).get("features", {}).get("sentences", 0) < 5:
        missing.append("voice")
    problems = (state.get("crawl") or {}).get("problems", [])
    if any(p.get("kind") == "no_text" for p in problems):
        missing.append("javascript_pages")
    return missing


def completeness(missing: list[str]) -> float:
    total = sum(PART_WEIGHTS.values())
    return round(1.0 - sum(PART_WEIGHTS.get(m, 0.0) for m in missing) / total, 3)
