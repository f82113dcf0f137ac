"""Finding 1: fact text, product names and prices must come from the verified page quote, and the
legal check counts only cited quotes (never the free-text ``Fact.text``) as evidence."""

from __future__ import annotations

from typing import Any

from agents.legal import cited_quotes, uncited_claims
from agents.research.nodes import ResearchState, appears_in, fact_text, verify_citations
from core.contracts.campaign import PostVariant

URL = "http://shop.test/products/ember"
TEXT = (
    "Ember Quilt\n"
    "The Ember  Quilt keeps you warm down to 20°F.\n"
    "It weighs 620 g and costs $289.\n"
    "Our Summit Tent sleeps two people.\n"
)
Q_WARM = "The Ember  Quilt keeps you warm down to 20°F."
Q_PRICE = "It weighs 620 g and costs $289."
Q_TENT = "Our Summit Tent sleeps two people."


def _run(extraction: dict[str, Any]) -> dict[str, Any]:
    state: ResearchState = {
        "config": {},
        "pages": [{"canonical_url": URL, "text": TEXT}],
        "injection": {URL: {"suspicious": False, "spans": []}},
        "extractions": [{"url": URL, "extraction": extraction}],
    }
    return verify_citations(state)


def test_fact_text_is_the_normalised_quote_not_the_model_paraphrase() -> None:
    out = _run(
        {
            "facts": [
                {"text": "Ember is the warmest quilt in the world, guaranteed.", "quote": Q_WARM},
                {"text": "It   weighs 620 g and\ncosts $289.", "quote": Q_PRICE},
            ]
        }
    )
    texts = {f["quote"]: f["text"] for f in out["facts"]}
    assert texts == {Q_WARM: "The Ember Quilt keeps you warm down to 20°F.", Q_PRICE: Q_PRICE}
    dumped = str(out).lower()
    assert "warmest" not in dumped and "guaranteed" not in dumped
    for f in out["facts"]:
        assert TEXT[f["start"] : f["end"]] == f["quote"]
        assert f["text"] == fact_text(f["quote"])


def test_fact_with_empty_model_text_still_gets_the_quote() -> None:
    out = _run({"facts": [{"text": "", "quote": Q_TENT}]})
    assert [f["text"] for f in out["facts"]] == [Q_TENT]


def test_product_name_must_appear_in_its_verified_quote() -> None:
    out = _run(
        {
            "products": [
                {"name": "Free Lifetime Warranty Kit", "price": "$0", "quote": Q_TENT},  # invented name
                {"name": "summit tent", "quote": Q_TENT},  # case-insensitive match
                {"name": "Ember Quilt", "quote": Q_WARM},  # matches across the double space
            ]
        }
    )
    names = sorted(p["name"] for p in out["products"])
    assert names == ["Ember Quilt", "summit tent"]
    assert "warranty" not in str(out["products"]).lower()
    assert any(d["reason"] == "product name not in its quote" for d in out["dropped"])


def test_product_price_must_appear_in_the_quote_or_becomes_none() -> None:
    out = _run(
        {
            "products": [
                {"name": "Summit Tent", "price": "$9", "quote": Q_TENT},  # price not in quote
                {"name": "Ember Quilt", "price": "$1", "quote": Q_WARM},  # invented
            ]
        }
    )
    assert {p["name"]: p["price"] for p in out["products"]} == {"Summit Tent": None, "Ember Quilt": None}
    # the price is in the quote: kept (and a later unsupported price never overrides it)
    text_with_price = "The Ember Quilt costs $289."
    state: ResearchState = {
        "config": {},
        "pages": [{"canonical_url": URL, "text": text_with_price}],
        "injection": {},
        "extractions": [
            {
                "url": URL,
                "extraction": {
                    "products": [
                        {"name": "Ember Quilt", "price": "$289", "quote": text_with_price},
                        {"name": "Ember Quilt", "price": "$5", "quote": text_with_price},
                    ]
                },
            }
        ],
    }
    products = verify_citations(state)["products"]
    assert [(p["name"], p["price"]) for p in products] == [("Ember Quilt", "$289")]


def test_appears_in_is_case_and_whitespace_insensitive() -> None:
    assert appears_in("ember  QUILT", "The Ember\nQuilt keeps")
    assert not appears_in("", "anything")
    assert not appears_in("Ember Tent", "The Ember Quilt")


def _post(text: str, cited: list[str]) -> PostVariant:
    return PostVariant(id="p1", plan_item_id="i1", channel="linkedin", text=text, cited_fact_ids=cited, llm_model="m")


def test_legal_counts_only_cited_quotes_not_fact_text() -> None:
    quotes = {"f1": "Our quilt weighs 620 g."}
    post = _post("Our quilt is the best quilt.", ["f1", "unknown"])
    cited = cited_quotes(post, quotes)
    assert cited == ["Our quilt weighs 620 g."]
    # the claim would be "covered" if the (model-written) fact text counted; it must not
    assert uncited_claims(post.text, cited)
    assert uncited_claims(post.text, [*cited, "the best quilt"]) == []
    assert uncited_claims("Our quilt weighs 620 g.", cited) == []
