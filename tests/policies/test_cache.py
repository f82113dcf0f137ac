"""The decision cache: a hit only for the same engine input and bundle revision, bounded, never caching failures."""

from __future__ import annotations

import copy
import shutil
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from core.contracts.policy import PolicyDecision
from core.db import tenant_session
from core.models import PolicyDecisionRow
from core.settings import Settings
from policies.bench import campaign_input
from policies.bundle import BUNDLE_DIR
from policies.cache import DecisionCache, cache_key, clock_read
from policies.decide import decide, shared_cache
from policies.gate import EmbeddedEngine, PolicyGate
from tests.policies.engines import ENGINES, answer, make_engine
from tests.policies.gen_conformance import base


@pytest.fixture(scope="module", params=ENGINES)
def policy_engine(request: pytest.FixtureRequest) -> Any:
    return make_engine(request.param)


def _gate(engine: Any, cache: DecisionCache, **kwargs: Any) -> PolicyGate:
    return PolicyGate(engine, timeout_ms=10_000, cache=cache, **kwargs)


def test_unchanged_campaign_hits_with_the_same_answer(policy_engine: Any) -> None:
    cache = DecisionCache()
    gate = _gate(policy_engine, cache)
    doc = campaign_input()
    doc["posts"][1]["text"] += " The best jacket, guaranteed returns."  # a deny, to compare reasons
    first = gate.evaluate("main", doc)
    second = gate.evaluate("main", copy.deepcopy(doc))
    assert (cache.misses, cache.hits) == (1, 1)
    assert answer(second) == answer(first) == answer(PolicyGate(policy_engine, timeout_ms=10_000).evaluate("main", doc))
    assert not first.allow and first.deny
    assert second.decision_id != first.decision_id  # still a decision of its own, recorded as such


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["posts"][7].update(text=d["posts"][7]["text"] + " Buy followers now."),
        lambda d: d["posts"][2].update(sponsored=True),
        lambda d: d["posts"].pop(),
        lambda d: d["workspace"].update(avoid_list=["cheap", "warm"]),
        lambda d: d["workspace"].update(industry="healthcare"),
        lambda d: d["consent_records"][0].update(expires_at="2025-03-02T00:00:00Z"),
        lambda d: d.update(now="2025-12-31T00:00:00Z"),  # the testimonial's consent reads the clock
    ],
    ids=["post_text", "post_flag", "post_removed", "avoid_list", "industry", "consent", "clock"],
)
def test_a_changed_input_misses(policy_engine: Any, change: Any) -> None:
    cache = DecisionCache()
    gate = _gate(policy_engine, cache)
    doc = campaign_input()
    gate.evaluate("main", doc)
    changed = copy.deepcopy(doc)
    change(changed)
    got = gate.evaluate("main", changed)
    assert (cache.misses, cache.hits) == (2, 0)
    assert answer(got) == answer(PolicyGate(policy_engine, timeout_ms=10_000).evaluate("main", changed))


def test_another_bundle_revision_misses(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(BUNDLE_DIR, bundle, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    lib = bundle / "lib.rego"
    lib.write_text(lib.read_text() + "\n# a new revision\n")
    cache = DecisionCache()
    old, new = EmbeddedEngine(), EmbeddedEngine(bundle)
    assert old.revision != new.revision
    doc = campaign_input()
    _gate(old, cache).evaluate("main", doc)
    _gate(new, cache).evaluate("main", doc)
    assert (cache.misses, cache.hits) == (2, 0)
    _gate(new, cache).evaluate("main", doc)
    assert cache.hits == 1


def test_query_is_part_of_the_key() -> None:
    cache = DecisionCache()
    gate = _gate(EmbeddedEngine(), cache)
    doc = campaign_input()
    assert gate.evaluate("main", doc).allow
    assert gate.evaluate("content", doc).allow
    assert (cache.misses, cache.hits) == (2, 0)


def test_bounded_lru() -> None:
    cache = DecisionCache(maxsize=2)
    gate = _gate(EmbeddedEngine(), cache)
    a, b, c = (campaign_input(run=i) for i in range(3))
    for doc in (a, b, a, c):  # a was used last before c, so b is evicted
        gate.evaluate("main", doc)
    assert len(cache) == 2 and (cache.misses, cache.hits) == (3, 1)
    gate.evaluate("main", a)
    gate.evaluate("main", b)
    assert (cache.misses, cache.hits) == (4, 2)
    with pytest.raises(ValueError):
        DecisionCache(maxsize=0)


def test_gate_filled_clock_is_keyed_only_when_read() -> None:
    cache = DecisionCache()
    gate = _gate(EmbeddedEngine(), cache)
    plain = campaign_input()
    del plain["now"], plain["consent_records"]
    plain["posts"][3] = {"channel": "x", "text": "Warm and dry on the trail."}
    assert not clock_read(plain)
    gate.evaluate("main", plain)
    gate.evaluate("main", plain)  # another `now`, which no rule reads
    assert (cache.misses, cache.hits) == (1, 1)
    testimonial = campaign_input()
    del testimonial["now"]
    assert clock_read(testimonial)
    gate.evaluate("main", testimonial)
    gate.evaluate("main", testimonial)  # another `now`, which consent reads
    assert cache.hits == 1 and cache.misses == 3


class _Failing:
    name = "embedded"
    revision = "r"

    def __init__(self) -> None:
        self.calls = 0

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        self.calls += 1
        raise RuntimeError("engine down")


def test_failures_are_not_cached() -> None:
    cache = DecisionCache()
    engine = _Failing()
    gate = _gate(engine, cache)
    for _ in range(2):
        d = gate.evaluate("main", campaign_input())
        assert not d.allow and d.engine_unavailable
    assert engine.calls == 2 and len(cache) == 0


def test_hit_is_recorded_with_its_input() -> None:
    seen: list[tuple[PolicyDecision, Mapping[str, Any]]] = []
    gate = _gate(EmbeddedEngine(), DecisionCache(), recorder=lambda d, i: seen.append((d, i)))
    doc = campaign_input()
    gate.evaluate("main", doc)
    gate.evaluate("main", doc)
    assert len(seen) == 2 and seen[0][1] == seen[1][1]
    assert seen[1][1]["posts"][0]["norm"].startswith(" day 0")  # the engine input, as on a miss


def test_key_names_engine_revision_rule_and_digest() -> None:
    key = cache_key("embedded", "rev", "data.smm.main.validated_decision", '{"a":1}')
    assert key[:3] == ("embedded", "rev", "data.smm.main.validated_decision") and len(key[3]) == 64
    assert cache_key("opa", "rev", key[2], '{"a":1}') != key
    assert cache_key("embedded", "rev", key[2], '{"a":2}') != key


def test_decide_records_every_review_of_an_unchanged_campaign(
    engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]
) -> None:
    """The process-wide cache answers the second review; both are recorded, with the same answer."""
    tid = make_tenant()
    doc = campaign_input(run=987_654)
    for part in ("actor", "resource", "workspace"):
        doc[part]["tenant_id"] = str(tid)
    cache = shared_cache(settings)
    hits = cache.hits
    first = decide(engine, settings, tid, "main", doc)
    second = decide(engine, settings, tid, "main", doc)
    assert cache.hits == hits + 1
    assert first.allow and answer(second) == answer(first) and second.decision_id != first.decision_id
    with tenant_session(engine, tid) as s:
        rows = s.execute(select(PolicyDecisionRow).where(PolicyDecisionRow.tenant_id == tid)).scalars().all()
        assert s.execute(select(func.count()).select_from(PolicyDecisionRow)).scalar_one() == 2
    assert {str(r.id) for r in rows} == {first.decision_id, second.decision_id}
    assert rows[0].input == rows[1].input and rows[0].allow is rows[1].allow is True


def test_input_json_cannot_carry_is_denied_as_before_and_not_cached() -> None:
    """NaN passes pydantic's float check; orjson would write it as null, so json decides, as without a cache."""
    doc = base("llm.spend")
    doc["spend"] = {"amount": float("nan")}
    cache = DecisionCache()
    with_cache = _gate(EmbeddedEngine(), cache).evaluate("main", doc)
    without = PolicyGate(EmbeddedEngine(), timeout_ms=10_000).evaluate("main", doc)
    assert not with_cache.allow and with_cache.engine_unavailable
    assert answer(with_cache) == answer(without) and len(cache) == 0


def test_only_the_rules_clock_read_knows_read_the_clock() -> None:
    """`clock_read` leaves a gate-filled `now` out of the cache key unless consent needs it. A new rule
    that reads `input.now` must be taught to `clock_read` first: this test names the file that does."""
    from pathlib import Path

    import policies

    bundle = Path(policies.__file__).parent
    readers = sorted(p.name for p in bundle.glob("*.rego")
                     if not p.name.endswith("_test.rego") and "input.now" in p.read_text(encoding="utf-8"))
    assert readers == ["consent.rego", "schema.rego"], readers
