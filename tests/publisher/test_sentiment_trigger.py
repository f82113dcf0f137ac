"""The sentiment trigger judges the negative rate with confidence, not on a bare handful of comments."""

from __future__ import annotations

import random

import pytest

from agents.publisher.monitor import Thresholds, negative_count, sentiment_trigger, wilson_lower
from agents.publisher.sandbox.engagement import NEGATIVE, NEUTRAL, POSITIVE

THRESHOLDS = Thresholds()  # 30 % negative, at least 5 comments


def observed(negative: int, total: int) -> dict[str, int]:
    return {"comment_texts": total, "negative_comments": negative}


def test_wilson_lower_bound_known_values() -> None:
    # Reference values: scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.8, method="wilson").
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(0, 10) == pytest.approx(0.0, abs=1e-12)
    assert wilson_lower(4, 5) == pytest.approx(0.5135, abs=1e-3)
    assert wilson_lower(6, 19) == pytest.approx(0.1985, abs=1e-3)
    assert wilson_lower(10, 10) == pytest.approx(0.8590, abs=1e-3)
    # More data narrows the interval towards the observed share.
    assert wilson_lower(30, 100) < wilson_lower(300, 1000) < 0.3


@pytest.mark.parametrize(("negative", "total", "fires"), [
    (6, 19, False),   # 0.32 observed: what an 8 % background rate gives by chance now and then
    (2, 4, False),    # too few comments to judge at all
    (4, 5, True),
    (8, 12, True),
    (12, 20, True),   # a 60 % spike
    (45, 100, True),
    (33, 100, False),  # just over the threshold, not with confidence
])  # fmt: skip
def test_sentiment_trigger_fires_only_when_confident(negative: int, total: int, fires: bool) -> None:
    reason = sentiment_trigger(observed(negative, total), THRESHOLDS)
    assert (reason is not None) == fires
    if reason:
        assert reason.startswith("sentiment:") and f"{negative} of {total}" in reason


def test_background_negativity_rarely_rolls_back_and_a_spike_always_does() -> None:
    """Simulated launches: 8 % background rate vs a 60 % spike, 5–40 comments per look, 10 looks each."""
    rng = random.Random(7)

    def launches_rolled_back(rate: float, launches: int = 500) -> int:
        rolled = 0
        for _ in range(launches):
            for look in range(1, 11):
                n = 4 * look
                k = sum(rng.random() < rate for _ in range(n))
                if sentiment_trigger(observed(k, n), THRESHOLDS):
                    rolled += 1
                    break
        return rolled

    assert launches_rolled_back(0.08) <= 5  # ≤ 1 % of healthy launches
    assert launches_rolled_back(0.60) == 500


def test_sandbox_comment_templates_are_classified_as_written() -> None:
    assert negative_count(list(NEGATIVE)) == len(NEGATIVE)
    assert negative_count(list(POSITIVE) + list(NEUTRAL)) == 0
