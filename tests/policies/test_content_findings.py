"""Detector findings decide content through policy: the compliance table data.smm.content_actions
(policies/smm/content_actions/data.json) maps class × industry × region to deny or warn, on both engines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from agents.legal import content_review_document, policy_findings
from core.contracts.brand import BrandTwin
from core.vocabulary import FINDING_CLASSES
from policies.bundle import BUNDLE_DIR
from policies.gate import EmbeddedEngine, PolicyGate
from tests.fakes.opa import RealOpaEngine
from tests.policies.engines import ENGINES, make_engine

SPAN = "the offending words"

# (class, severity, industry, region) -> what the table says; every class planted in a place where it
# is denied and, where the table has one, a place where it is only warned about.
PLANTED: list[tuple[str, str, str, str, str]] = [
    ("financial_guarantee", "high", "financial_services", "US", "deny"),
    ("financial_guarantee", "high", "retail_ecommerce", "US", "warn"),
    ("financial_guarantee", "high", "retail_ecommerce", "GB", "deny"),
    ("financial_guarantee", "high", "software_saas", "ES", "deny"),  # EU member state
    ("health_claim", "high", "food_beverage", "US", "deny"),
    ("health_claim", "high", "beauty_personal_care", "US", "deny"),
    ("health_claim", "high", "health_wellness", "AU", "deny"),
    ("health_claim", "high", "software_saas", "US", "warn"),
    ("health_claim", "high", "software_saas", "EU", "deny"),
    ("unsupported_superlative", "medium", "retail_ecommerce", "GB", "warn"),
    ("unsupported_superlative", "medium", "healthcare", "US", "warn"),
    ("unsupported_superlative", "medium", "healthcare", "GB", "deny"),
    ("missing_disclosure", "high", "general", "US", "deny"),
    ("personal_data", "high", "nonprofit", "US", "deny"),
    ("personal_data", "high", "general", "DE", "deny"),
    ("competitor_disparagement", "medium", "software_saas", "US", "warn"),
    ("competitor_disparagement", "medium", "software_saas", "GB", "deny"),
    ("competitor_disparagement", "medium", "software_saas", "FR", "deny"),
    ("unsupported_claim", "medium", "industrial_manufacturing", "US", "deny"),
    ("banned_term", "medium", "education", "CA", "deny"),
    ("length", "low", "general", "US", "deny"),
    # Not in the table: the fallback decides by severity, failing closed for high.
    ("new_class", "high", "general", "US", "deny"),
    ("new_class", "medium", "general", "US", "warn"),
]


def review_doc(findings: list[dict[str, Any]], industry: str, region: str) -> dict[str, Any]:
    return {
        "action": "content.review",
        "actor": {"id": "u1", "tenant_id": "t1", "role": "marketer"},
        "resource": {"tenant_id": "t1"},
        "workspace": {"id": "w1", "tenant_id": "t1", "region": region, "industry": industry, "mode": "shadow"},
        "posts": [{"id": "p-7", "channel": "x", "text": "Spring trail notes", "findings": findings}],
    }


def planted(cls: str, severity: str) -> dict[str, Any]:
    return {"class": cls, "severity": severity, "span": SPAN, "score": 0.85}


def reason(cls: str, severity: str) -> str:
    return f'content.finding.{cls}: posts[0] (p-7) says "{SPAN}" ({severity} severity)'


@pytest.fixture(scope="module")
def gates() -> dict[str, PolicyGate]:
    return {name: PolicyGate(make_engine(name), timeout_ms=5_000) for name in ENGINES}


def test_every_vocabulary_class_is_planted() -> None:
    assert {c for c, *_ in PLANTED} >= set(FINDING_CLASSES)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("cls", "severity", "industry", "region", "expected"), PLANTED,
                         ids=[f"{c}-{i}-{r}" for c, _, i, r, _ in PLANTED])  # fmt: skip
def test_planted_finding_is_denied_or_warned_per_industry_and_region(
    gates: dict[str, PolicyGate], engine: str, cls: str, severity: str, industry: str, region: str, expected: str
) -> None:
    for query in ("content", "main"):
        d = gates[engine].evaluate(query, review_doc([planted(cls, severity)], industry, region))
        if expected == "deny":
            assert not d.allow and reason(cls, severity) in d.deny, (query, d.deny)
            assert reason(cls, severity) not in d.warnings
        else:
            assert d.allow, (query, d.deny)
            assert reason(cls, severity) in d.warnings, (query, d.warnings)


def _flipped_bundle(tmp_path: Path, edit: Any) -> Path:
    root = tmp_path / "bundle"
    shutil.copytree(BUNDLE_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    table_file = root / "smm" / "content_actions" / "data.json"
    table = json.loads(table_file.read_text(encoding="utf-8"))
    edit(table["classes"])
    table_file.write_text(json.dumps(table), encoding="utf-8")
    return root


@pytest.mark.parametrize("engine", ENGINES)
def test_flipping_a_table_entry_moves_the_decision(tmp_path: Path, engine: str) -> None:
    def edit(classes: dict[str, Any]) -> None:
        classes["health_claim"]["industries"].pop("food_beverage")  # food health claims: deny -> warn
        classes["unsupported_superlative"]["action"] = "deny"  # superlatives: warn -> deny

    root = _flipped_bundle(tmp_path, edit)
    flipped = PolicyGate(EmbeddedEngine(root) if engine == "regorus" else RealOpaEngine(root), timeout_ms=5_000)
    before = PolicyGate(make_engine(engine), timeout_ms=5_000)
    assert flipped.bundle_revision != before.bundle_revision  # the table is part of the bundle revision

    health = review_doc([planted("health_claim", "high")], "food_beverage", "US")
    assert not before.evaluate("main", health).allow
    after = flipped.evaluate("main", health)
    assert after.allow and reason("health_claim", "high") in after.warnings

    superlative = review_doc([planted("unsupported_superlative", "medium")], "retail_ecommerce", "US")
    assert before.evaluate("main", superlative).allow
    after = flipped.evaluate("main", superlative)
    assert not after.allow and reason("unsupported_superlative", "medium") in after.deny


def test_malformed_findings_are_refused_naming_the_field(gates: dict[str, PolicyGate]) -> None:
    bad = {"class": "health_claim", "severity": "severe", "span": SPAN, "score": 0.5}
    d = gates["regorus"].evaluate("main", review_doc([bad], "general", "US"))
    assert not d.allow and any(r.startswith("input.posts[0].findings[0].severity") for r in d.deny), d.deny


TWIN = BrandTwin.model_validate({
    "name": "Leaf & Cup", "url": "https://leaf.example/", "industry": "food_beverage", "confidence": 0.9,
    "region": "US", "crawl_report": {"status": "ok", "start_url": "https://leaf.example/"},
    "generated_by": {"provider": "offline", "model": "none", "offline": True},
})  # fmt: skip


def pipeline_doc(text: str, industry: str, region: str) -> dict[str, Any]:
    """The input the campaign's legal review and the publisher send (agents.legal.content_review_document)."""
    workspace = {"id": "w1", "tenant_id": "t1", "region": region, "industry": industry, "mode": "shadow"}
    return content_review_document({"id": "p-1", "channel": "instagram", "text": text}, TWIN,
                                   workspace_doc=workspace, actor={"id": "u1", "role": "marketer"}, tenant_id="t1")


def test_the_review_input_carries_the_detectors_findings(gates: dict[str, PolicyGate]) -> None:
    text = "Our green tea prevents flu."  # no phrase of content.rego's lists: only the detector sees it
    doc = pipeline_doc(text, "food_beverage", "US")
    findings = doc["post"]["findings"]
    assert [f["class"] for f in findings] == ["health_claim"] and set(findings[0]) == {"class", "severity", "span",
                                                                                      "score"}
    assert policy_findings(text, "instagram", TWIN) == findings
    span = findings[0]["span"]
    for gate in gates.values():
        denied = gate.evaluate("main", doc)
        assert not denied.allow
        assert f'content.finding.health_claim: post (p-1) says "{span}" (high severity)' in denied.deny
        warned = gate.evaluate("main", pipeline_doc(text, "software_saas", "US"))
        assert warned.allow and any(w.startswith("content.finding.health_claim: post (p-1)") for w in warned.warnings)
    clean = pipeline_doc("Fresh leaves from the spring harvest.", "food_beverage", "US")
    assert clean["post"]["findings"] == []
    assert gates["regorus"].evaluate("main", clean).allow
