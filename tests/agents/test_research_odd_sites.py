"""Research on unusual sites gives a clear result that says what was not found (issue 11, bad input)."""

from __future__ import annotations

import pytest

from agents.research.report import render_twin
from agents.research.service import run_research
from core.contracts.brand import BrandTwin
from evals.research_eval import research_config
from fixtures.server import serve_site


def _twin(slug: str) -> tuple[str, BrandTwin]:
    with serve_site(slug) as base:
        outcome = run_research(base + "/", tenant_id=f"t-{slug}", config=research_config())
    return outcome.status, outcome.brand_twin


@pytest.mark.parametrize("slug", ["odd-german", "odd-js-products"])
def test_odd_site_gives_a_result_that_names_what_is_missing(slug: str) -> None:
    status, twin = _twin(slug)
    assert status in ("ok", "partial") and twin.facts
    assert "products" in twin.missing and twin.confidence < 0.5  # thin evidence, low confidence
    text = "\n".join(render_twin(twin))
    assert "missing (please fill in):" in text and "no products or services were found" in text


def test_another_language_is_detected_and_its_sentences_kept() -> None:
    _, twin = _twin("odd-german")
    assert twin.language == "de"
    assert any("1994" in f.quote for f in twin.facts)


def test_javascript_only_product_pages_are_reported() -> None:
    status, twin = _twin("odd-js-products")
    assert status == "partial" and "javascript_pages" in twin.missing
    assert any("JavaScript" in line for line in render_twin(twin))


def test_unknown_charset_is_read_as_utf8_and_says_what_is_missing() -> None:
    """An undeclarable charset is decoded as UTF-8: the one priced sentence gives its product with the euro read
    right (no mojibake, no invented product), and the thin page still says what was not found."""
    status, twin = _twin("odd-unknown-charset")
    assert status in ("ok", "partial") and any("since 1961" in f.quote for f in twin.facts)
    assert [(p.name, p.price_amount, p.currency) for p in twin.products] == [("espresso blend", "9.50", "EUR")]
    assert {"audience", "competitors"} <= set(twin.missing) and twin.confidence < 0.5
    assert "missing (please fill in):" in "\n".join(render_twin(twin))
