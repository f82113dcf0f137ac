"""`smm bench policy`: the `main` decision on a 10-post campaign review, regorus and real OPA side by side.

Figures (one thread, so `per_s` is per core):
- `p50_ms`/`p99_ms`/`per_s`: regorus evaluating what the gate asks (`validated_decision` on the
  prepared input) — the engine's own cost;
- `gate_*`: the whole gate on regorus (Python validation, derived fields, evaluation, result check);
- `full_*`: regorus on `decision` (the bundle's own schema pass too), what a direct caller pays;
- `opa_*`: the same gate on real OPA in-process (the Go library, PyPI opa-golib-python-bindings);
- `opa_http_*`: the production adapter over HTTP to a loopback server evaluating with real OPA
  (tests/fakes/opa.py; needs a source checkout and the test dependencies);
- `ratio_*`: OPA figure / regorus figure, measured in the same run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policies.derive import prepare
from policies.gate import PolicyGate


def campaign_input(posts: int = 10) -> dict[str, Any]:
    """A realistic content.review input: a 10-post campaign, sponsored posts, one testimonial."""
    items: list[dict[str, Any]] = []
    for i in range(posts):
        post: dict[str, Any] = {
            "channel": ("x", "linkedin", "instagram")[i % 3],
            "text": f"Day {i}: see how our spring collection keeps you warm on the trail. "
            "Read the field notes from our designers and tell us what you think.",
            "hashtags": ["#outdoors", "#spring"],
            "sponsored": i % 4 == 0,
        }
        if post["sponsored"]:
            post["hashtags"].append("#ad")
        if i == 3:
            post.update(testimonial=True, subject_ids=["cust-7"], text='"Warmest jacket I own" - Dana, customer')
        items.append(post)
    return {
        "action": "content.review",
        "actor": {"id": "u-marketer", "tenant_id": "t-1", "role": "marketer"},
        "resource": {"tenant_id": "t-1", "type": "campaign", "id": "c-1"},
        "workspace": {
            "id": "w-1", "tenant_id": "t-1", "region": "EU", "industry": "retail_ecommerce", "mode": "live",
            "avoid_list": ["cheap", "discount"],
        },
        "posts": items,
        "now": "2025-03-01T12:00:00Z",
        "consent_records": [
            {"subject_id": "cust-7", "scopes": ["testimonial"], "expires_at": "2026-01-01T00:00:00Z"}
        ],
    }  # fmt: skip


def _measure(fn: Callable[[], Any], n: int) -> list[float]:
    for _ in range(min(50, n)):
        fn()
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return sorted(samples)


def _pct(samples: list[float], q: float) -> float:
    return round(samples[min(len(samples) - 1, int(q * len(samples)))], 4)


def _figures(prefix: str, samples: list[float]) -> dict[str, float]:
    return {
        f"{prefix}p50_ms": _pct(samples, 0.50),
        f"{prefix}p99_ms": _pct(samples, 0.99),
        f"{prefix}per_s": round(1000 / (sum(samples) / len(samples)), 1),
    }


def _opa_fakes() -> Any:
    """tests/fakes/opa.py from the source checkout this package runs from (a test dependency)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "tests" / "fakes" / "opa.py").is_file() and str(root) not in sys.path:
        sys.path.insert(0, str(root))
    import tests.fakes.opa as fakes

    return fakes


def run(iterations: int = 2000, opa_iterations: int = 500) -> dict[str, Any]:
    doc = campaign_input()
    engine_doc = prepare(doc)
    gate = PolicyGate("embedded", timeout_ms=10_000)
    assert gate.engine is not None
    assert gate.evaluate("main", doc).allow, "benchmark input must be allowed"
    engine = gate.engine
    metrics: dict[str, Any] = {}
    metrics |= _figures("", _measure(lambda: engine.evaluate("data.smm.main.validated_decision", engine_doc),
                                     iterations))
    metrics |= _figures("gate_", _measure(lambda: gate.evaluate("main", doc), iterations))
    metrics |= _figures("full_", _measure(lambda: engine.evaluate("data.smm.main.decision", engine_doc),
                                          iterations))
    fakes = _opa_fakes()
    metrics["opa_version"] = fakes.opa_version()
    opa = PolicyGate(fakes.RealOpaEngine(), timeout_ms=10_000)
    assert opa.evaluate("main", doc).allow
    metrics |= _figures("opa_gate_", _measure(lambda: opa.evaluate("main", doc), opa_iterations))
    with fakes.OpaTestServer() as url:
        http = PolicyGate("opa", opa_url=url, timeout_ms=10_000)
        assert http.evaluate("main", doc).allow
        metrics |= _figures("opa_http_", _measure(lambda: http.evaluate("main", doc), opa_iterations))
    for name in ("p50_ms", "p99_ms"):
        metrics[f"ratio_opa_to_regorus_gate_{name}"] = round(metrics[f"opa_gate_{name}"] / metrics[f"gate_{name}"], 2)
        metrics[f"ratio_opa_http_to_regorus_gate_{name}"] = round(
            metrics[f"opa_http_{name}"] / metrics[f"gate_{name}"], 2)
    metrics["ratio_regorus_to_opa_gate_per_s"] = round(metrics["gate_per_s"] / metrics["opa_gate_per_s"], 2)
    return metrics


if __name__ == "__main__":
    import json

    print(json.dumps({"bench": "policy", "metrics": run()}))
