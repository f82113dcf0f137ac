"""`smm bench policy`: latency of the `main` decision on a 10-post campaign review."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from policies.gate import PolicyGate
from policies.opa_stub import FakeOpaServer


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


def run(iterations: int = 2000, opa_iterations: int = 300) -> dict[str, float]:
    doc = campaign_input()
    gate = PolicyGate("embedded", timeout_ms=10_000)
    assert gate.engine is not None
    assert gate.evaluate("main", doc).allow, "benchmark input must be allowed"
    engine = gate.engine
    engine_only = _measure(lambda: engine.evaluate("data.smm.main.decision", doc), iterations)
    gated = _measure(lambda: gate.evaluate("main", doc), iterations)
    metrics = {
        "p50_ms": _pct(engine_only, 0.50),
        "p99_ms": _pct(engine_only, 0.99),
        "per_s": round(1000 / (sum(engine_only) / len(engine_only)), 1),
        "gate_p50_ms": _pct(gated, 0.50),
        "gate_p99_ms": _pct(gated, 0.99),
        "gate_per_s": round(1000 / (sum(gated) / len(gated)), 1),
    }
    with FakeOpaServer() as url:
        opa = PolicyGate("opa", opa_url=url, timeout_ms=10_000)
        assert opa.evaluate("main", doc).allow
        rt = _measure(lambda: opa.evaluate("main", doc), opa_iterations)
    metrics["opa_roundtrip_p50_ms"] = _pct(rt, 0.50)
    metrics["opa_roundtrip_p99_ms"] = _pct(rt, 0.99)
    metrics["ratio_opa_to_embedded_p50"] = round(metrics["opa_roundtrip_p50_ms"] / metrics["gate_p50_ms"], 2)
    return metrics


if __name__ == "__main__":
    import json

    print(json.dumps({"bench": "policy", "metrics": run()}))
