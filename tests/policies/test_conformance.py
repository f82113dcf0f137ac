"""Engine parity: the same >= 200 (input, expected decision) cases on both engines.

Python-side validation is off here so the Rego bundle itself decides every case,
including malformed ones; the OPA adapter runs over real HTTP against a loopback
server speaking OPA's Data API.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policies.gate import PolicyGate
from policies.opa_stub import FakeOpaServer

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "conformance" / "cases.json").read_text())


def codes(reasons: tuple[str, ...]) -> list[str]:
    return sorted({r.split(":", 1)[0] for r in reasons})


@pytest.fixture(scope="module")
def embedded() -> PolicyGate:
    return PolicyGate("embedded", validate_input=False, timeout_ms=5_000)


@pytest.fixture(scope="module")
def opa() -> Iterator[PolicyGate]:
    with FakeOpaServer() as url:
        gate = PolicyGate("opa", opa_url=url, validate_input=False, timeout_ms=5_000)
        yield gate
        engine = gate.engine
        if engine is not None and hasattr(engine, "close"):
            engine.close()


def test_suite_size() -> None:
    assert len(CASES) >= 200
    assert len({c["name"] for c in CASES}) == len(CASES)


def check(gate: PolicyGate, case: dict[str, Any]) -> None:
    decision = gate.evaluate(case["query"], case["input"])
    expect = case["expect"]
    assert not decision.engine_unavailable, decision.deny
    assert decision.allow is expect["allow"], (case["name"], decision.deny)
    if case["name"].startswith("malformed/"):
        assert set(expect["deny_codes"]) <= set(codes(decision.deny)), decision.deny
    else:
        assert codes(decision.deny) == expect["deny_codes"], case["name"]
        assert list(decision.obligations) == expect["obligations"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_embedded(embedded: PolicyGate, case: dict[str, Any]) -> None:
    check(embedded, case)


def test_opa_adapter_matches_embedded(embedded: PolicyGate, opa: PolicyGate) -> None:
    mismatches = []
    for case in CASES:
        a = embedded.evaluate(case["query"], case["input"])
        b = opa.evaluate(case["query"], case["input"])
        assert b.engine == "opa" and b.engine_decision_id
        if (a.allow, a.deny, a.warnings, a.obligations) != (b.allow, b.deny, b.warnings, b.obligations):
            mismatches.append(case["name"])
        check(opa, case)
    assert mismatches == []
