"""Priors: defaults cover every channel; fit_priors recovers known parameters from events."""

from __future__ import annotations

import numpy as np
import pytest

from core.contracts.simulation import CHANNELS
from simulator.priors import DEFAULT_PRIORS, fit_priors


def _events(n: int, seed: int = 0) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    tau, cv, mean_reach = 0.3, 0.7, 2000.0
    er_mean, er_kappa = 0.03, 120.0
    out = []
    for _ in range(n):
        mood = np.exp(tau * rng.standard_normal() - tau**2 / 2)
        k = 1 / cv**2
        imp = int(rng.gamma(k, mean_reach / k * mood)) + 1
        er = rng.beta(er_mean * er_kappa, (1 - er_mean) * er_kappa)
        out.append(
            {
                "channel": "LinkedIn",
                "impressions": imp,
                "engagements": int(rng.binomial(imp, er)),
                "clicks": int(rng.binomial(imp, 0.01)),
                "negative": int(rng.random() < 0.2),
            }
        )
    return out


def test_defaults_cover_every_channel() -> None:
    assert set(DEFAULT_PRIORS) == set(CHANNELS)


def test_fit_recovers_known_parameters() -> None:
    base = DEFAULT_PRIORS["linkedin"].model_copy(update={"reach_tau": 0.3})
    fitted = fit_priors(_events(4000), base={**DEFAULT_PRIORS, "linkedin": base})["linkedin"]
    assert fitted.reach_mean == pytest.approx(2000, rel=0.05)
    assert fitted.reach_cv == pytest.approx(0.7, rel=0.15)
    assert fitted.engagement_rate_mean == pytest.approx(0.03, rel=0.05)
    # The binomial noise is netted out, so the concentration is near 120 rather than inflated.
    assert 80 < fitted.engagement_rate_concentration < 180
    assert fitted.click_rate_mean == pytest.approx(0.01, rel=0.05)
    # Conjugate update: 4000 events at 20 % pull the 1 % default prior almost all the way.
    assert fitted.negative_rate_mean == pytest.approx(0.2, abs=0.02)
    assert fit_priors([])["x"] == DEFAULT_PRIORS["x"]


def test_few_events_keep_defaults_and_bad_events_fail() -> None:
    assert fit_priors(_events(2))["linkedin"] == DEFAULT_PRIORS["linkedin"]
    with pytest.raises(ValueError, match=r"events\.0\.channel"):
        fit_priors([{"channel": "myspace", "impressions": 10}])
    with pytest.raises(ValueError, match=r"events\.0"):
        fit_priors([{"channel": "x", "impressions": 10, "clicks": 20}])
    with pytest.raises(ValueError, match=r"events\.0"):
        fit_priors([{"channel": "x", "impressions": float("nan")}])
