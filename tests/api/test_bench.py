"""`smm bench api` with a few requests: the API process starts, the card route answers, the figures' shape."""

from __future__ import annotations

import importlib
import json

import pytest

from api import bench
from core.cli import BENCHES
from core.settings import Settings


def test_api_bench_reports_latency_throughput_and_the_goal(settings: Settings) -> None:
    metrics = bench.run(requests=20, concurrency=4, warmup=3)
    json.dumps(metrics)  # what `smm bench api --json` prints
    assert metrics["route"] == "GET /v1/decision-cards/{id}"
    assert metrics["requests"] == 20 and metrics["concurrency"] == 4 and metrics["goal_p99_ms"] == 20.0
    for name in ("p50_ms", "p99_ms", "floor_p50_ms", "concurrent_p50_ms", "concurrent_p99_ms", "requests_per_s"):
        assert isinstance(metrics[name], float) and metrics[name] > 0, (name, metrics)
    assert metrics["p50_ms"] <= metrics["p99_ms"] and metrics["concurrent_p50_ms"] <= metrics["concurrent_p99_ms"]
    assert metrics["goal_met"] == (metrics["p99_ms"] <= 20.0)
    assert metrics["goal_met_at_concurrency"] == (metrics["concurrent_p99_ms"] <= 20.0)


def test_api_bench_is_registered_and_refuses_nonsense() -> None:
    assert importlib.import_module(BENCHES["api"]).run is bench.run
    with pytest.raises(ValueError, match="at least 1"):
        bench.run(requests=0)
