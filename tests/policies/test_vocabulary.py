"""The shared vocabulary and the Rego bundle's view of it (policies/smm/vocabulary/data.json)."""

from __future__ import annotations

import json

import pycountry

from core import vocabulary as v
from core.contracts.campaign import POST_CHAR_LIMITS
from policies.bundle import load_bundle
from policies.gate import EmbeddedEngine
from policies.vocabulary_data import DATA_FILE, main, render


def _engine() -> EmbeddedEngine:
    return EmbeddedEngine()


def _rule(engine: EmbeddedEngine, rule: str, doc: dict[str, object] | None = None) -> object:
    value, _ = engine.evaluate(rule, doc or {})
    return value


def test_generated_data_matches_the_module() -> None:
    assert DATA_FILE.read_text(encoding="utf-8") == render(), "run python -m policies.vocabulary_data"
    assert main(["--check"]) == 0


def test_drift_is_detected(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "vocabulary.json"
    doc = json.loads(render())
    doc["industries"].pop("legal_services")
    stale.write_text(json.dumps(doc))
    monkeypatch.setattr("policies.vocabulary_data.DATA_FILE", stale)
    assert main(["--check"]) == 1


def test_vocabulary_contents() -> None:
    assert len(v.INDUSTRIES) >= 15
    assert all(i.description and i.label for i in v.INDUSTRIES)
    assert len(set(v.INDUSTRY_CODES)) == len(v.INDUSTRY_CODES)
    for code in ("legal_services", "sports_outdoor", "healthcare", "restaurants_hospitality", "nonprofit",
                 "industrial_manufacturing", "beauty_personal_care", "education", "food_beverage", "software_saas",
                 "financial_services", "retail_ecommerce", "fashion_apparel", "health_wellness",
                 "professional_services", "travel_tourism", "real_estate", "home_services", "general"):  # fmt: skip
        assert v.is_industry(code), code
    assert {c.alpha_2 for c in pycountry.countries} | {"EU", "global"} == set(v.region_codes())
    assert not v.is_region("UK")  # ISO says GB
    assert v.CHANNEL_LIMITS == {c: n for c, n in POST_CHAR_LIMITS.items() if c in v.CHANNEL_CODES}
    assert set(v.ROLE_CODES) == {"admin", "marketer", "approver", "evaluator"}
    assert set(v.FINDING_CLASSES) == {"financial_guarantee", "health_claim", "unsupported_superlative",
                                      "missing_disclosure", "personal_data", "competitor_disparagement",
                                      "unsupported_claim", "banned_term", "length"}  # fmt: skip
    for i in v.INDUSTRIES:
        assert set(i.channels) <= set(v.CHANNEL_CODES), i.code


def test_bundle_reads_the_vocabulary() -> None:
    import regorus

    bundle = load_bundle()
    assert [rel for rel, _ in bundle.data] == ["smm/content_actions/data.json", "smm/vocabulary/data.json"]
    engine = regorus.Engine()
    engine.add_data_json(bundle.data_json())
    result = json.loads(engine.eval_query_as_json("data.smm.vocabulary.industries"))
    industries = result["result"][0]["expressions"][0]["value"]
    assert set(industries) == set(v.INDUSTRY_CODES)


def test_every_bundle_key_is_a_vocabulary_code() -> None:
    engine = _engine()
    industries = _rule(engine, "data.smm.content.banned_terms_industry")
    regions = _rule(engine, "data.smm.content.banned_terms_region")
    regulated = _rule(engine, "data.smm.content.health_regulated")
    assert isinstance(industries, dict) and isinstance(regions, dict) and isinstance(regulated, (list, set))
    assert set(industries) <= set(v.INDUSTRY_CODES), set(industries) - set(v.INDUSTRY_CODES)
    assert set(regions) <= set(v.region_codes()), set(regions) - set(v.region_codes())
    assert set(regulated) <= set(v.INDUSTRY_CODES) and "food_beverage" in regulated
    limits = _rule(engine, "data.smm.content.channel_limits")
    assert isinstance(limits, dict)
    for channel, n in v.CHANNEL_LIMITS.items():  # a post within our limit is never too long for the bundle
        assert channel in limits and n <= limits[channel], channel


def test_content_actions_table_speaks_the_vocabulary() -> None:
    """The compliance table (policies/smm/content_actions/data.json) is written by hand, so this is its drift
    test: every finding class has a row with a default action, and every key is a vocabulary code."""
    table = json.loads(load_bundle().data_json())["smm"]["content_actions"]  # as the engines mount it
    assert table["unmatched"] == {"high": "deny", "medium": "warn", "low": "warn"}
    rows = table["classes"]
    assert set(rows) == set(v.FINDING_CLASSES), set(rows) ^ set(v.FINDING_CLASSES)
    actions = {"deny", "warn"}
    for cls, row in rows.items():
        assert set(row) <= {"why", "action", "industries", "regions", "industry_regions"}, cls
        assert row["why"] and row["action"] in actions, cls
        assert set(row.get("industries", {})) <= set(v.INDUSTRY_CODES), cls
        assert set(row.get("industries", {}).values()) <= actions, cls
        assert set(row.get("regions", {})) <= set(v.region_codes()), cls
        assert set(row.get("regions", {}).values()) <= actions, cls
        for ind, by_region in row.get("industry_regions", {}).items():
            assert v.is_industry(ind) and set(by_region) <= set(v.region_codes()), cls
            assert set(by_region.values()) <= actions, cls
    # The detectors emit exactly the vocabulary's classes, so each finding meets a row of its own.
    from agents.legal.detectors import DETECTORS, SEVERITY

    assert set(DETECTORS) == set(SEVERITY) == set(rows)


def _review(text: str, industry: str, region: str) -> dict[str, object]:
    return {
        "action": "content.review",
        "workspace": {"id": "w1", "tenant_id": "t1", "region": region, "industry": industry, "mode": "shadow",
                      "avoid_list": []},
        "posts": [{"channel": "x", "text": text}],
    }


def test_bundle_judges_vocabulary_codes_as_intended() -> None:
    engine = _engine()

    from policies.derive import prepare

    def deny(text: str, industry: str, region: str) -> list[str]:
        # The gate derives normal forms, lengths and cents in Python before the bundle sees the input.
        value = _rule(engine, "data.smm.content.deny", prepare(_review(text, industry, region)))
        return sorted(value) if isinstance(value, (list, set)) else []

    assert any(d.startswith("content.health_cure") for d in deny("This tea cures colds", "food_beverage", "US"))
    assert any("get rich quick" in d for d in deny("Get rich quick with us", "financial_services", "US"))
    assert any("clinically proven" in d for d in deny("Clinically proven comfort", "retail_ecommerce", "GB"))
    assert any("clinically proven" in d for d in deny("Clinically proven comfort", "retail_ecommerce", "IE"))
    assert not deny("Clinically proven comfort", "retail_ecommerce", "US")
    gdpr = _rule(engine, "data.smm.consent.eu_regions")
    assert isinstance(gdpr, (list, set)) and {"GB", "IE", "DE", "EU"} <= set(gdpr) and "US" not in set(gdpr)


def test_every_industry_is_reachable_from_research_and_nothing_else_is_emitted() -> None:
    from agents.research import rules

    for item in v.INDUSTRIES:
        if item.code == v.DEFAULT_INDUSTRY:
            continue
        # A page that talks the industry's language (its own terms, a few times each) is classified as it.
        page = " ".join(f"We offer {t}." for t in item.terms for _ in range(2))
        assert rules.classify_industry([page]) == item.code, item.code
    assert rules.classify_industry(["Welcome to our website. Contact us today."]) == v.DEFAULT_INDUSTRY
    # Word boundaries only: "team" is not tea, "content" is not a tent.
    assert rules.industry_scores(["Our team writes content for the steam engine contest."])["food_beverage"] == 0
    assert rules.industry_scores(["Our team writes content."])["sports_outdoor"] == 0


def test_regions_research_emits_are_vocabulary_codes() -> None:
    from agents.research.region import guess_region

    cases = {
        "GB": ["Visit us at 12 High Street, Bristol BS1 4DJ. Call 0117 496 0000."],
        "EU": ["Prices from €49."],
        "DE": ["Besuchen Sie uns in Stuttgart, Baden-Württemberg. Tel. +49 711 123456."],
        "US": ["Our studio: 500 Main St, Austin, TX 78701. Call (512) 555-0142."],
    }
    for expected, texts in cases.items():
        currencies = ["EUR"] if "€" in texts[0] else []
        guess = guess_region(texts, currencies=currencies)
        assert guess.code == expected, (expected, guess)
        assert v.is_region(str(guess.code))
    assert guess_region(["Hello there, welcome."]).code is None  # no evidence: the twin says region is missing


def test_contract_card_only_proposes_publishable_channels() -> None:
    from agents.research.contract_card import channel_mix
    from core.contracts.simulation import CHANNELS

    for item in v.INDUSTRIES:
        mix = channel_mix(item.code)
        assert mix and abs(sum(w for _, w, _ in mix) - 1.0) < 1e-9
        assert {c for c, _, _ in mix} <= set(v.CHANNEL_CODES) <= set(CHANNELS), item.code
    assert channel_mix("not-an-industry") == channel_mix(v.DEFAULT_INDUSTRY)


def test_contract_cards_propose_only_channels_a_connector_publishes() -> None:
    # A proposed channel without a connector would be planned, written and then refused at launch.
    from agents.publisher.connectors.registry import CHANNELS as CONNECTED
    from agents.research.contract_card import channel_mix

    assert set(v.CHANNEL_CODES) == set(CONNECTED)
    for code in v.INDUSTRY_CODES:
        assert {c for c, _, _ in channel_mix(code)} <= set(CONNECTED), code
