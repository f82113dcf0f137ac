"""PolicyGate behaviour: decisions, validation, recording, threads, and failing closed."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from core.contracts.policy import POLICY_ENGINE_UNAVAILABLE, PolicyDecision
from policies.bench import campaign_input
from policies.gate import PolicyGate, qualify_query
from policies.inputs import validate_input
from tests.fakes.opa import OpaTestServer, RealOpaEngine
from tests.policies.engines import ENGINES, make_engine
from tests.policies.gen_conformance import base


@pytest.fixture(scope="module", params=ENGINES)
def gate(request: pytest.FixtureRequest) -> PolicyGate:
    """The gate on each engine: every behaviour below must hold on regorus and on real OPA."""
    return PolicyGate(make_engine(request.param), timeout_ms=5_000)


def test_allows_clean_campaign(gate: PolicyGate) -> None:
    d = gate.evaluate("main", campaign_input())
    assert d.allow and d.deny == ()
    assert d.engine in ("embedded", "opa") and len(d.bundle_revision) == 64
    assert d.query == "data.smm.main.decision"


def test_every_decision_has_fresh_id(gate: PolicyGate) -> None:
    ids = {gate.evaluate("main", base("llm.spend")).decision_id for _ in range(5)}
    assert len(ids) == 5


def test_budget_obligation_and_deny(gate: PolicyGate) -> None:
    doc = base("llm.spend")
    doc["workspace"]["budget"] = {"cap": 100, "spent": 85}
    d = gate.evaluate("main", doc)
    assert d.allow and d.has_obligation("downgrade_model")
    doc["workspace"]["budget"] = {"cap": 0.3, "spent": 0.1}  # 0.1 + 0.2 > 0.3 in floats, not in cents
    doc["spend"] = {"amount": 0.2}
    assert gate.evaluate("main", doc).allow
    doc["workspace"]["budget"]["spent"] = 100
    d = gate.evaluate("main", doc)
    assert not d.allow and any(r.startswith("budget.workspace_cap_reached") for r in d.deny)


def test_concern_query(gate: PolicyGate) -> None:
    assert gate.evaluate("budget", base("llm.spend")).query == "data.smm.budget.decision"
    assert qualify_query("smm.main.decision") == "data.smm.main.decision"
    with pytest.raises(ValueError):
        qualify_query("data.smm;rm")


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["actor"].pop("role"), "input.actor.role"),
        (lambda d: d["actor"].update(role=3), "input.actor.role"),
        (lambda d: d["spend"].update(amount=True), "input.spend.amount"),
        (lambda d: d.update(now="tomorrow"), "input.now"),
        (lambda d: d.pop("spend"), "input.spend.amount"),
        (lambda d: d.update(surprise=1), "input.surprise"),
    ],
)
def test_malformed_input_denied_naming_field(gate: PolicyGate, mutate: Any, field: str) -> None:
    doc = base("llm.spend")
    mutate(doc)
    d = gate.evaluate("main", doc)
    assert not d.allow
    assert any(r.startswith(field) for r in d.deny), d.deny


@pytest.mark.parametrize("doc", [None, [], "x", 3, {"action": None}, {"actor": "me"}])
def test_garbage_never_raises(gate: PolicyGate, doc: Any) -> None:
    assert not gate.evaluate("main", doc).allow
    raw = PolicyGate(gate.engine, validate_input=False)  # type: ignore[arg-type]
    d = raw.evaluate("main", doc)
    assert not d.allow and not d.engine_unavailable, d.deny


def test_python_and_rego_validation_agree_on_deny(gate: PolicyGate) -> None:
    raw = PolicyGate(gate.engine, validate_input=False)  # type: ignore[arg-type]
    for action in ("research.start", "llm.spend", "content.review", "publish.post", "campaign.approve"):
        full = base(action)
        assert validate_input(full) == []
        for key in [k for k in full if k not in ("now",)]:
            doc = copy.deepcopy(full)
            doc.pop(key)
            assert validate_input(doc), (action, key)
            assert not raw.evaluate("main", doc).allow, (action, key)


def test_recorder_gets_every_decision() -> None:
    seen: list[tuple[PolicyDecision, Mapping[str, Any]]] = []
    g = PolicyGate(recorder=lambda d, i: seen.append((d, i)))
    g.evaluate("main", base("llm.spend"))
    g.evaluate("main", {"action": "nope"})
    assert [d.allow for d, _ in seen] == [True, False]
    assert seen[0][1]["action"] == "llm.spend"


def test_recorder_failure_denies() -> None:
    def broken(d: PolicyDecision, i: Mapping[str, Any]) -> None:
        raise RuntimeError("db down")

    d = PolicyGate(recorder=broken).evaluate("main", base("llm.spend"))
    assert not d.allow and d.engine_unavailable


@pytest.mark.parametrize("engine", ENGINES)
def test_threads_share_the_gate(engine: str) -> None:
    g = PolicyGate(make_engine(engine), timeout_ms=10_000)
    results: list[bool] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                results.append(g.evaluate("main", base("llm.spend")).allow)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [True] * 80


# ---- fault injection: every failure mode must deny -------------------------------------------


class RaisingEngine:
    name = "embedded"
    revision = "r"

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        raise RuntimeError("boom")


class UndefinedEngine(RaisingEngine):
    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        return None, None


class SlowEngine(RaisingEngine):
    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        time.sleep(0.05)
        return {"allow": True, "deny": [], "warnings": [], "obligations": []}, None


class PanicEngine(RaisingEngine):
    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        raise BaseException("rust panic")  # pyo3 PanicException derives from BaseException


class LyingEngine(RaisingEngine):
    def __init__(self, result: Any) -> None:
        self.result = result

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        return self.result, None


FAULTS: list[Any] = [
    RaisingEngine(),
    UndefinedEngine(),
    SlowEngine(),
    PanicEngine(),
    LyingEngine(True),
    LyingEngine({"allow": "yes", "deny": []}),
    LyingEngine({"allow": True, "deny": ["x"], "warnings": [], "obligations": []}),
    LyingEngine({"allow": True}),
    LyingEngine([1, 2]),
]


@pytest.mark.parametrize("engine", FAULTS, ids=lambda e: type(e).__name__)
def test_faults_deny(engine: Any) -> None:
    g = PolicyGate(engine, timeout_ms=10)
    inputs = [base(a) for a in ("research.start", "llm.spend", "content.review", "publish.post", "campaign.approve")]
    decisions = [g.evaluate("main", doc) for doc in inputs]
    assert all(not d.allow for d in decisions)
    assert all(any(r.startswith(POLICY_ENGINE_UNAVAILABLE) for r in d.deny) for d in decisions)


def test_missing_rule_denies(gate: PolicyGate) -> None:
    d = gate.evaluate("smm.nothing.here", base("llm.spend"))
    assert not d.allow and d.engine_unavailable


def test_missing_bundle_denies_or_fails_fast(tmp_path: Path) -> None:
    from policies.bundle import BundleError

    with pytest.raises(BundleError):
        PolicyGate(bundle_dir=tmp_path / "gone")
    g = PolicyGate(bundle_dir=tmp_path / "gone", fail_fast=False)
    assert g.startup_error
    d = g.evaluate("main", base("llm.spend"))
    assert not d.allow and d.engine_unavailable and d.bundle_revision == "unavailable"


@pytest.mark.parametrize("engine", ENGINES)
def test_timeout_denies(engine: str) -> None:
    g = PolicyGate(make_engine(engine), timeout_ms=0)
    d = g.evaluate("main", base("llm.spend"))
    assert not d.allow and "timeout" in d.deny[0]


def test_a_threads_engine_compile_is_not_counted_against_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # regorus engines are per thread; the first decision on a new thread compiles one. That one-off cost
    # must not turn a well-formed request into a timeout deny under load.
    from policies.gate import EmbeddedEngine

    engine = EmbeddedEngine()
    real_build = engine._build

    def slow_build() -> Any:
        time.sleep(0.4)
        return real_build()

    monkeypatch.setattr(engine, "_build", slow_build)
    g = PolicyGate(engine, timeout_ms=250)
    answers: list[PolicyDecision] = []
    worker = threading.Thread(target=lambda: answers.append(g.evaluate("main", base("llm.spend"))))
    worker.start()
    worker.join(30)
    assert answers and not any("timeout" in r for r in answers[0].deny), answers


def test_opa_unreachable_denies() -> None:
    g = PolicyGate("opa", opa_url="http://127.0.0.1:9", timeout_ms=200)
    d = g.evaluate("main", base("llm.spend"))
    assert not d.allow and d.engine_unavailable and d.engine == "opa"


def test_opa_needs_url() -> None:
    with pytest.raises(ValueError):
        PolicyGate("opa")
    assert not PolicyGate("opa", fail_fast=False).evaluate("main", base("llm.spend")).allow


def test_missing_rule_on_real_opa_denies() -> None:
    g = PolicyGate(RealOpaEngine(), timeout_ms=10_000)  # about the missing rule, not the clock
    d = g.evaluate("smm.nothing.here", base("llm.spend"))
    assert not d.allow and d.engine_unavailable and "undefined result" in d.deny[0]


def test_opa_adapter_wire_format() -> None:
    with OpaTestServer() as url:
        g = PolicyGate("opa", opa_url=url, timeout_ms=10_000)  # the wire format, not the clock
        d = g.evaluate("main", base("llm.spend"))
        assert d.allow and d.engine == "opa" and d.engine_decision_id
        assert g.evaluate("smm.nothing.here", base("llm.spend")).engine_unavailable
        engine = g.engine
        assert engine is not None and hasattr(engine, "close")
        engine.close()


def test_from_settings() -> None:
    class S:
        policy_engine = "embedded"
        opa_url = None
        policy_timeout_ms = 123

    g = PolicyGate.from_settings(S())
    assert g.timeout_ms == 123 and g.engine_name == "embedded"
