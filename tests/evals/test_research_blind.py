"""Research on the blind corpus (fixtures/blind): dev figures per site, test figures only pooled.

The test half is never inspected case by case: ``evaluate("test")`` returns pooled counts only, and
these tests assert the issue's acceptance thresholds on them.
"""

from __future__ import annotations

import copy

import pytest

from agents.research.report import render_twin
from agents.research.service import run_research
from evals.research_eval import HalfReport, evaluate, research_config
from evals.scorers.research import score_twin
from fixtures.server import load_answers, serve_site


@pytest.fixture(scope="module")
def dev() -> HalfReport:
    return evaluate("dev")


@pytest.fixture(scope="module")
def test_half() -> HalfReport:
    return evaluate("test")


def test_dev_figures(dev: HalfReport) -> None:
    agg = {k: v.value for k, v in dev.aggregate.items()}
    assert dev.sites == 4
    assert agg["fact_recall"] is not None and agg["fact_recall"] >= 0.95
    assert agg["product_recall"] == 1.0 and agg["competitor_recall"] == 1.0
    assert agg["competitor_precision"] == 1.0  # cycle-to-work schemes are partners, not competitors
    assert agg["industry"] == 1.0 and agg["region"] == 1.0 and agg["name"] == 1.0
    assert agg["audience_recall"] is not None and agg["audience_recall"] >= 0.6
    for slug, scores in dev.per_site.items():
        assert scores["fact_recall"].value is not None and scores["fact_recall"].value >= 0.9, slug


def test_test_half_is_reported_only_in_aggregate(test_half: HalfReport) -> None:
    doc = test_half.as_dict()
    assert "per_site" not in doc and not test_half.per_site
    assert all(not s.missed for s in test_half.aggregate.values())


def test_test_half_meets_acceptance(test_half: HalfReport) -> None:
    agg = {k: v.value for k, v in test_half.aggregate.items()}
    assert agg["fact_recall"] is not None and agg["fact_recall"] >= 0.85
    assert agg["product_recall"] is not None and agg["product_recall"] >= 0.80
    assert agg["competitor_recall"] is not None and agg["competitor_recall"] >= 0.70
    assert agg["industry"] == 1.0
    assert agg["region"] is not None and agg["region"] >= 0.75


def test_test_half_region_on_every_site(test_half: HalfReport) -> None:
    assert test_half.aggregate["region"].value == 1.0


@pytest.fixture(scope="module")
def brunel():  # type: ignore[no-untyped-def]
    with serve_site("brunel-wheelworks") as base:
        outcome = run_research(base + "/", tenant_id="t-brunel", config=research_config())
    return outcome.brand_twin


def test_each_figure_moves_when_its_answer_key_changes(brunel) -> None:  # type: ignore[no-untyped-def]
    answers = load_answers("brunel-wheelworks")
    base = {k: v.value for k, v in score_twin(brunel, answers).items()}
    perturbed = copy.deepcopy(answers)
    perturbed["facts"].append({"page": "/about.html", "text": "We were founded on the moon in 1850."})
    perturbed["products"][0]["price"] = "2500.00"
    perturbed["products"][1]["currency"] = "EUR"
    perturbed["competitors"].append("Nonexistent Bikes Ltd")
    perturbed["industry"] = "education"
    perturbed["region"] = "IE"
    perturbed["name"] = "Brunel Bicycles of Bath"
    after = {k: v.value for k, v in score_twin(brunel, perturbed).items()}
    for figure in ("fact_recall", "product_recall", "competitor_recall", "industry", "region", "name"):
        assert after[figure] is not None and base[figure] is not None
        assert after[figure] < base[figure], figure


def test_a_brand_name_is_scored_without_its_legal_form_but_a_missing_word_still_counts(  # type: ignore[no-untyped-def]
        brunel) -> None:
    answers = copy.deepcopy(load_answers("brunel-wheelworks"))
    answers["name"] = f"{brunel.name} Ltd"
    assert score_twin(brunel, answers)["name"].value == 1.0
    answers["name"] = f"{brunel.name} Cycles Ltd"
    assert score_twin(brunel, answers)["name"].value == 0.0


def test_prices_currency_and_sources_on_a_dev_site(brunel) -> None:  # type: ignore[no-untyped-def]
    by_name = {p.name: p for p in brunel.products}
    clifton = by_name["Clifton E-Hybrid"]
    assert (clifton.price_amount, clifton.currency, clifton.period) == ("1299.00", "GBP", "one_time")
    assert clifton.fact_ids  # visible on the page, so cited
    facts = {f.id: f for f in brunel.facts}
    for p in brunel.products:
        for fid in p.fact_ids:
            assert p.name.split()[0] in facts[fid].quote
    # Footer, registered address and cookie notice never become facts or the summary.
    assert not any("Registered office" in f.quote or "cookies" in f.quote for f in brunel.facts)
    assert "Registered" not in brunel.summary
    assert brunel.region == "GB" and brunel.language == "en"


def test_json_ld_only_products_say_they_have_no_visible_quote() -> None:
    with serve_site("wattle-and-clay") as base:
        twin = run_research(base + "/", tenant_id="t-wattle", config=research_config()).brand_twin
    structured = [p for p in twin.products if p.source == "json-ld"]
    assert len(structured) >= 5 and all(not p.fact_ids and p.currency == "AUD" for p in structured)
    text = "\n".join(render_twin(twin))
    assert "from json-ld, no visible quote" in text and "competitors (0): none" in text
    assert "competitors" in twin.missing


def test_site_selling_nothing_says_products_are_missing() -> None:
    with serve_site("harbour-city-tool-library") as base:
        twin = run_research(base + "/", tenant_id="t-tools", config=research_config()).brand_twin
    # Donation amounts ("$50 keeps one of our lawnmowers serviced") are not products.
    assert not twin.products and "products" in twin.missing
    assert twin.industry == "nonprofit" and twin.region == "NZ"
    assert any("no products" in line for line in render_twin(twin))


def test_every_fixture_site_slug_is_unique() -> None:
    # A site is served, and a post's brand finds its evidence, by slug alone (fixtures.server.site_dir, the legal
    # eval's contexts): two folders with one slug would score one set against the other's answer key. A new blind
    # author chose "mare-viva-surf" again for another Portuguese surf school (blind_dev31, renamed).
    from fixtures.server import (
        BLIND_DEV_SITES_DIRS,
        BLIND_SITES_DIR,
        NEWBRANDS3_SITES_DIR,
        NEWBRANDS_SITES_DIR,
        SITES_DIR,
    )

    roots = (SITES_DIR, BLIND_SITES_DIR, *BLIND_DEV_SITES_DIRS.values(), NEWBRANDS_SITES_DIR, NEWBRANDS3_SITES_DIR)
    slugs = [d.name for root in roots for d in root.iterdir() if (d / "answers.json").exists()]
    assert len(slugs) > 100
    assert sorted({s for s in slugs if slugs.count(s) > 1}) == []
