"""Scorers for a BrandTwin against an answer key (fixtures/blind/README.md describes the keys).

- fact recall: an answer quote is found in a twin fact's quote, or a twin quote covers most of it;
- product recall: a twin product with a matching name and the right price and currency;
- competitor recall, audience recall (an answer quote overlapping a segment's cited quote);
- industry and region: exact code; brand name: the same name, case and a trailing legal form aside ("Acme GmbH" is
  the brand "Acme": the research drops the form on purpose, the register's detail, not the name marketers use).

Matching is on whitespace-collapsed, case-folded text, never on offsets, so a key written from the
browser's view of a page still matches the crawler's text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from agents.research.rules import legal_form_pattern
from core.contracts.brand import BrandTwin
from evals.scorers.base import Score

# A twin quote shorter than the answer still counts when it covers this share of it.
MIN_COVER = 0.6
# A product name matches when this share of the key name's words is in the twin's name (or vice versa).
MIN_NAME_OVERLAP = 0.6


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


_LEGAL_FORM = re.compile(rf"[\s,]+{legal_form_pattern(loose=True)}(?!\w).*$")


def brand_key(name: str) -> str:
    """A brand name as compared: normalised, without a trailing legal form."""
    return norm(_LEGAL_FORM.sub("", name))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", norm(text)))


def quote_found(answer: str, quotes: list[str]) -> bool:
    a = norm(answer)
    for q in quotes:
        n = norm(q)
        if a in n or (n in a and len(n) >= MIN_COVER * len(a)):
            return True
    return False


def fact_recall(twin: BrandTwin, answers: dict[str, Any]) -> Score:
    quotes = [f.quote for f in twin.facts]
    score = Score()
    for fact in answers.get("facts", []):
        score.total += 1
        if quote_found(fact["text"], quotes):
            score.hits += 1
        else:
            score.missed.append(fact["text"])
    return score


def names_match(key: str, name: str) -> bool:
    k, n = _words(key), _words(name)
    if not k or not n:
        return False
    if norm(key) in norm(name) or norm(name) in norm(key):
        return True
    return len(k & n) >= MIN_NAME_OVERLAP * len(k) and len(k & n) >= MIN_NAME_OVERLAP * len(n)


def _same_amount(a: str | None, b: str | None) -> bool:
    try:
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def product_recall(twin: BrandTwin, answers: dict[str, Any]) -> Score:
    """A key product counts when a twin product of that name has the key's price and currency."""
    score = Score()
    for item in answers.get("products", []):
        score.total += 1
        ok = any(
            names_match(item["name"], p.name) and _same_amount(p.price_amount, item["price"])
            and p.currency == item["currency"]
            for p in twin.products
        )  # fmt: skip
        if ok:
            score.hits += 1
        else:
            score.missed.append(f"{item['name']} {item['price']} {item['currency']}")
    return score


def competitor_recall(twin: BrandTwin, answers: dict[str, Any]) -> Score:
    names = [c.name for c in twin.competitors]
    score = Score()
    for name in answers.get("competitors", []):
        score.total += 1
        if any(norm(name) == norm(n) or names_match(name, n) for n in names):
            score.hits += 1
        else:
            score.missed.append(name)
    return score


def competitor_precision(twin: BrandTwin, answers: dict[str, Any]) -> Score:
    """Of the twin's competitors, how many the key names (partners and insurers are not competitors)."""
    keys = answers.get("competitors", [])
    score = Score()
    for c in twin.competitors:
        score.total += 1
        if any(names_match(k, c.name) for k in keys):
            score.hits += 1
        else:
            score.missed.append(c.name)
    return score


def audience_recall(twin: BrandTwin, answers: dict[str, Any]) -> Score:
    facts = {f.id: f.quote for f in twin.facts}
    quotes = [facts[i] for seg in twin.audience_segments for i in seg.fact_ids if i in facts]
    quotes += [seg.name for seg in twin.audience_segments]
    score = Score()
    for item in answers.get("audience", []):
        score.total += 1
        q = norm(item["quote"])
        if any(norm(x) in q or q in norm(x) for x in quotes if len(norm(x)) >= 8):
            score.hits += 1
        else:
            score.missed.append(item["segment"])
    return score


def exact(label: str, expected: str, got: str | None) -> Score:
    ok = expected == got
    return Score(int(ok), 1, [] if ok else [f"{label}: expected {expected}, got {got}"])


def score_twin(twin: BrandTwin, answers: dict[str, Any]) -> dict[str, Score]:
    return {
        "fact_recall": fact_recall(twin, answers),
        "product_recall": product_recall(twin, answers),
        "competitor_recall": competitor_recall(twin, answers),
        "competitor_precision": competitor_precision(twin, answers),
        "audience_recall": audience_recall(twin, answers),
        "industry": exact("industry", answers["industry"], twin.industry),
        "region": exact("region", answers["region"], twin.region),
        "name": exact("name", brand_key(answers["name"]), brand_key(twin.name)),
    }
