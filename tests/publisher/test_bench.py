"""`smm bench publish` / `smm bench rollback` with a tiny N: real Postgres, the sandbox in-process."""

from __future__ import annotations

import importlib
import json

import pytest

from agents.publisher import bench
from core.cli import BENCHES
from core.settings import Settings


def test_publish_bench_reports_rates_and_the_ledger_overhead(settings: Settings) -> None:
    metrics = bench.run_publish(posts=8)
    json.dumps(metrics)  # what `smm bench publish --json` prints
    assert metrics["posts"] == 8 and metrics["channels"] == ["x", "linkedin", "facebook", "instagram"]
    for key in ("ledger_posts_per_s", "bare_posts_per_s", "ledger_ms_per_post", "bare_ms_per_post",
                "create_rows_ms_per_post"):
        assert isinstance(metrics[key], float) and metrics[key] > 0, (key, metrics)
    assert isinstance(metrics["ledger_overhead_ms_per_post"], float)
    assert metrics["ledger_overhead_ms_per_post"] == pytest.approx(
        metrics["ledger_ms_per_post"] - metrics["bare_ms_per_post"], abs=0.02)
    assert metrics["sandbox_duplicates"] == 0  # every post went out once


def test_rollback_bench_empties_the_platform_and_says_whether_the_goal_is_met(settings: Settings) -> None:
    metrics = bench.run_rollback(posts=4)
    json.dumps(metrics)
    assert metrics["live_before"] == 4 and metrics["deleted"] == 4
    assert metrics["live_after"] == 0 and metrics["left_live"] == 0
    assert metrics["goal_s"] == 5 and isinstance(metrics["met"], bool)
    assert metrics["met"] == (metrics["trigger_to_zero_live_s"] <= 5)
    assert 0 < metrics["rollback_call_s"] <= metrics["trigger_to_zero_live_s"]


def test_both_benches_are_registered_for_the_cli() -> None:
    for name, function in (("publish", bench.run_publish), ("rollback", bench.run_rollback)):
        module, _, attr = BENCHES[name].partition(":")
        assert getattr(importlib.import_module(module), attr) is function


def test_too_few_posts_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="at least 4"):
        bench.run_publish(posts=2)
