"""Campaign builders shared by the simulator tests (a uniquely named module, not conftest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from core.contracts.simulation import SimulationInput

MakeInput = Callable[..., SimulationInput]


def build_dict(
    posts: list[dict[str, Any]] | None = None,
    budgets: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A small valid campaign as plain JSON data; keyword overrides replace top-level fields."""
    if posts is None:
        posts = [
            {
                "id": f"p{i}",
                "channel": ch,
                "scheduled_at": (dt.date(2026, 11, 2) + dt.timedelta(days=i)).isoformat(),
                "p_policy_violation": 0.05,
                "p_uncited_claim": 0.1,
                "duplicate_similarity": 0.3,
                "prompt_tokens": 1500,
                "completion_tokens": 300,
                "llm_model": "gpt-4o-mini",
            }
            for i, ch in enumerate(["linkedin", "x", "instagram", "linkedin", "x", "facebook"])
        ]
    if budgets is None:
        budgets = [
            {"channel": "linkedin", "cap": 600, "paid_spend": 500},
            {"channel": "x", "cap": 300, "paid_spend": 100},
            {"channel": "instagram", "cap": 400, "paid_spend": 200},
            {"channel": "facebook", "cap": 400, "paid_spend": 150},
        ]
    data: dict[str, Any] = {"campaign_id": "c-test", "posts": posts, "budgets": budgets}
    data.update(extra)
    return data


def build_input(
    posts: list[dict[str, Any]] | None = None,
    budgets: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> SimulationInput:
    """build_dict, validated."""
    return SimulationInput.model_validate(build_dict(posts, budgets, **extra))
