"""The MiniLM exemplar-similarity signal (real all-MiniLM-L6-v2, offline)."""

from __future__ import annotations

from agents.legal.context import ReviewContext
from agents.legal.detectors import detect
from agents.legal.semantic import THRESHOLDS, max_similarities, similar_findings


def test_a_paraphrased_promise_is_found_and_a_neutral_post_is_not() -> None:
    promise = "Put your savings with us: a risk-free investment with guaranteed returns every year."
    sims = max_similarities(promise)
    assert sims["financial_guarantee"] >= THRESHOLDS["financial_guarantee"]
    assert "financial_guarantee" in {f.cls for f in similar_findings(promise)}
    neutral = "Fresh loaves come out of the oven at seven every morning; see you at the counter."
    assert similar_findings(neutral) == []


def test_semantic_only_adds_classes_the_rules_missed() -> None:
    ctx = ReviewContext(brand_name="Crumb & Co")
    text = "Their products are poor quality and overpriced, don't waste your money on that other brand."
    rules = detect(text, "x", ctx)
    both = detect(text, "x", ctx, semantic=True)
    assert [f.cls for f in both[: len(rules)]] == [f.cls for f in rules]
    assert len({f.cls for f in both}) == len(both)  # never two findings of one class
