"""What the detectors check a post against: the brand's own evidence (fact quotes, products with prices,
competitors), built from a stored BrandTwin or, for the blind eval, from a site's answers.json."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from core.contracts.brand import BrandTwin


@dataclass(frozen=True)
class PricedProduct:
    name: str
    amount: Decimal | None
    quote: str = ""


@dataclass(frozen=True)
class ReviewContext:
    brand_name: str
    region: str | None = None  # ISO 3166-1 alpha-2 (phone number parsing), "EU", "global" or None
    facts: tuple[str, ...] = ()  # verbatim page quotes: the only evidence a claim can rest on
    products: tuple[PricedProduct, ...] = ()
    competitors: tuple[str, ...] = ()
    # Further sentences of the brand's own pages (the blind eval gives every one): evidence a claim can rest on.
    pages: tuple[str, ...] = ()
    evidence: str = field(default="", init=False)  # everything a claim can rest on
    # The twin's own evidence without `pages`: the names of the brand's world. A capitalised name outside it may
    # be another business (the rival gate); a site's comparison pages name its rivals, so `pages` are not in it.
    own_evidence: str = field(default="", init=False)
    # The competitors and the short forms a post calls them by ("BrightPaws" for "BrightPaws Animal Hospital").
    rival_names: tuple[str, ...] = field(default=(), init=False)
    # Any of rival_names as a whole word, in any case, also as a handle or hashtag ("@BrightPaws"): the one way
    # the detectors find a competitor in a post.
    rival_pattern: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts = [self.brand_name, *self.facts, *self.competitors]
        for p in self.products:
            parts += [p.name, p.quote]
        object.__setattr__(self, "own_evidence", "\n".join(parts))
        object.__setattr__(self, "evidence", "\n".join([*parts, *self.pages]))
        names = tuple(dict.fromkeys(n for c in self.competitors if c.strip()
                                    for n in (c.strip(), short_name(c), self._first_word_alias(c)) if n))
        object.__setattr__(self, "rival_names", names)
        if names:
            alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            object.__setattr__(self, "rival_pattern", re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))

    def _first_word_alias(self, competitor: str) -> str | None:
        """A rival's first word when the brand's evidence uses it only inside that rival's name ("Beachline" for
        "Beachline Surf School"); not a place or a word the brand's world shares ("Salthill" of "Salthill Sea
        Racers" is where the brand is)."""
        words = competitor.strip().split()
        first = words[0] if len(words) > 1 else ""
        if len(first) < 5 or not first[0].isupper() or not first.isalpha():
            return None
        low = self.evidence.lower()
        uses = len(re.findall(rf"(?<!\w){re.escape(first.lower())}(?!\w)", low))
        return first if uses == low.count(competitor.strip().lower()) else None


# Words that say what kind of business a name is, not which one: a post names "Cape Union" or "BrightPaws".
_KIND_WORDS = frozenset("""animal pet vets vet veterinary hospital clinic clinics dental medical health bank banks
    building society insurance ltd limited inc llc plc gmbh ag sa sl co company group holdings store stores shop
    shops studio studios restaurant café cafe bar hotel hotels brewery brauerei academy school solutions services
    software labs app apps""".split())  # fmt: skip


def short_name(name: str) -> str | None:
    """``name`` without its trailing kind-of-business words, when what is left is still a name (4+ letters)."""
    words = name.strip().rstrip(".").split()
    while len(words) > 1 and words[-1].lower().strip(".,&") in _KIND_WORDS | {"&", "and"}:
        words.pop()
    short = " ".join(words)
    return short if short != name.strip() and len(short) >= 4 and short[0].isupper() else None


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def context_from_twin(twin: BrandTwin) -> ReviewContext:
    quotes = tuple(f.quote for f in twin.facts)
    products = tuple(PricedProduct(p.name, _decimal(p.price_amount), p.price or "") for p in twin.products)
    region = twin.region if twin.region and re.fullmatch(r"[A-Z]{2}", twin.region) else None
    return ReviewContext(twin.name, region, quotes, products, tuple(c.name for c in twin.competitors))


def context_from_answers(path: Path, pages: Sequence[str] = ()) -> ReviewContext:
    """A BrandTwin-like context from a blind site's answers.json (facts, products, competitors), with ``pages``
    (sentences of the site's pages) as further evidence."""
    data = json.loads(path.read_text(encoding="utf-8"))
    facts = tuple(str(f["text"]) for f in data.get("facts", []))
    products = tuple(
        PricedProduct(str(p["name"]), _decimal(p.get("price")), str(p.get("quote") or ""))
        for p in data.get("products", [])
    )
    region = data.get("region")
    return ReviewContext(
        str(data["name"]),
        region if isinstance(region, str) and len(region) == 2 else None,
        facts,
        products,
        tuple(str(c) for c in data.get("competitors", [])),
        tuple(pages),
    )
