"""Engine parity: every (input, expected decision) case on regorus AND real OPA, same answers.

Python-side validation is off in `raw` gates so the Rego bundle itself decides every case,
malformed ones included (its schema pass, then the concerns); the `validated` gates take the
gate's fast path (Python validation, then `validated_decision`), which must answer the same.
The HTTP adapter runs over real HTTP against a loopback server speaking OPA's Data API and
evaluating with real OPA.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policies.gate import PolicyGate
from policies.inputs import validate_input
from tests.fakes.opa import OpaTestServer
from tests.policies.engines import ENGINES, answer, differences, make_engine

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "conformance" / "cases.json").read_text())


def codes(reasons: tuple[str, ...]) -> list[str]:
    return sorted({r.split(":", 1)[0] for r in reasons})


@pytest.fixture(scope="module")
def raw() -> dict[str, PolicyGate]:
    return {name: PolicyGate(make_engine(name), validate_input=False, timeout_ms=5_000) for name in ENGINES}


@pytest.fixture(scope="module")
def validated(raw: dict[str, PolicyGate]) -> dict[str, PolicyGate]:
    return {name: PolicyGate(gate.engine, timeout_ms=5_000) for name, gate in raw.items()}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def opa_http() -> Iterator[PolicyGate]:
    with OpaTestServer() as url:
        gate = PolicyGate("opa", opa_url=url, validate_input=False, timeout_ms=5_000)
        yield gate
        engine = gate.engine
        if engine is not None and hasattr(engine, "close"):
            engine.close()


def test_suite_size() -> None:
    assert len(CASES) >= 250
    assert len({c["name"] for c in CASES}) == len(CASES)


def check(gate: PolicyGate, case: dict[str, Any]) -> None:
    decision = gate.evaluate(case["query"], case["input"])
    expect = case["expect"]
    assert not decision.engine_unavailable, decision.deny
    assert decision.allow is expect["allow"], (case["name"], decision.deny)
    if case["name"].startswith("malformed/"):
        assert set(expect["deny_codes"]) <= set(codes(decision.deny)), decision.deny
    else:
        assert codes(decision.deny) == expect["deny_codes"], (case["name"], decision.deny)
        assert list(decision.obligations) == expect["obligations"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(raw: dict[str, PolicyGate], engine: str, case: dict[str, Any]) -> None:
    check(raw[engine], case)


def test_engines_agree_on_every_case(raw: dict[str, PolicyGate]) -> None:
    mismatches = [m for case in CASES for m in differences(case["name"], raw, case["query"], case["input"])]
    assert mismatches == [], "\n".join(mismatches)


def test_fast_path_matches_full_bundle(raw: dict[str, PolicyGate], validated: dict[str, PolicyGate]) -> None:
    """For every valid case, `validated_decision` (no Rego schema pass) == `decision`, per engine."""
    checked = 0
    mismatches = []
    for case in CASES:
        if validate_input(case["input"]):
            continue
        checked += 1
        for engine in ENGINES:
            full = answer(raw[engine].evaluate(case["query"], case["input"]))
            fast = answer(validated[engine].evaluate(case["query"], case["input"]))
            if full != fast:
                mismatches.append(f"{case['name']} on {engine}: decision={full}; validated_decision={fast}")
    assert checked >= 200
    assert mismatches == [], "\n".join(mismatches)


def test_opa_adapter_matches_embedded(raw: dict[str, PolicyGate], opa_http: PolicyGate) -> None:
    """The production adapter (HTTP Data API) against real OPA answers what regorus answers."""
    mismatches = []
    for case in CASES:
        a = raw["regorus"].evaluate(case["query"], case["input"])
        b = opa_http.evaluate(case["query"], case["input"])
        assert b.engine == "opa" and b.engine_decision_id
        if answer(a) != answer(b):
            mismatches.append(f"{case['name']}: regorus={answer(a)}; opa over HTTP={answer(b)}")
    assert mismatches == [], "\n".join(mismatches)


def test_public_ipv4_target_allowed_on_real_opa(raw: dict[str, PolicyGate]) -> None:
    """OPA matches IPv4 addresses against ::ffff:0:0/96; the bundle must not block them as ipv4_mapped."""
    from tests.policies.gen_conformance import base

    for ip in ("93.184.216.34", "8.8.8.8", "1.1.1.1"):
        doc = base("research.start")
        doc["target_ips"] = [ip]
        d = raw["opa"].evaluate("main", doc)
        assert d.allow, (ip, d.deny)
