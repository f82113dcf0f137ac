"""Per-channel priors: documented defaults and fitting them from past publish events.

Generative model of one simulated campaign world (one Monte Carlo iteration), per channel c:

* channel reach multiplier   L_c ~ LogNormal(-tau^2/2, tau)          (mean 1; algorithm/audience mood,
  shared by every post on the channel, so posts are positively correlated)
* organic reach of post p     I_p ~ Gamma(shape k*m_p, scale R/k * L_c), k = 1/reach_cv^2,
  R = reach_mean, m_p = fatigue multiplier (FATIGUE^(j-1) for the j-th post on that channel that day).
  Gamma with a common scale is closed under sums, so the channel total is one Gamma draw.
* engagement rate  e_c ~ Beta(mean*kappa, (1-mean)*kappa)   (per impression)
* click rate       k_c ~ Beta(...)                           (per impression)
* negative rate    n_c ~ Beta(...)   probability that a post triggers a negative-sentiment incident
* CPM              cpm_c ~ LogNormal(log cpm_median, cpm_sigma)
* token usage      actual = estimate * LogNormal(0, token_sigma)       (estimates are median-unbiased)
* paid pacing      delivered = planned * LogNormal(-s^2/2, s = pacing_sigma)  (mean-unbiased)

Defaults below are our order-of-magnitude estimates for a small brand account. They cite no published
benchmark report (none could be checked from where they were written), and they are not fitted to any
tenant. `fit_priors` can fit them from per-post outcomes (impressions, engagements, clicks, negative
incidents), but nothing calls it yet: the publisher records no mature per-post outcomes (a post keeps
gathering engagement for days after the launch watch ends, and the platforms' metrics omit clicks),
so every card is simulated from these defaults.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from core.contracts.simulation import CHANNELS, Channel, ChannelPriors, normalise_channel

#: reach multiplier of each further same-day post on one channel (audiences tire of repeats)
FATIGUE = 0.85

_COMMON: dict[str, float] = {"token_sigma": 0.25, "pacing_sigma": 0.08, "cpm_sigma": 0.25}

DEFAULT_PRIORS: dict[Channel, ChannelPriors] = {
    "x": ChannelPriors(
        reach_mean=1200, reach_cv=1.0, reach_tau=0.35,
        engagement_rate_mean=0.012, engagement_rate_concentration=150,
        click_rate_mean=0.006, click_rate_concentration=150,
        negative_rate_mean=0.04, negative_rate_concentration=50,
        cpm_median=6.0, **_COMMON,
    ),
    "linkedin": ChannelPriors(
        reach_mean=1800, reach_cv=0.8, reach_tau=0.30,
        engagement_rate_mean=0.030, engagement_rate_concentration=200,
        click_rate_mean=0.010, click_rate_concentration=200,
        negative_rate_mean=0.01, negative_rate_concentration=50,
        cpm_median=30.0, **_COMMON,
    ),
    "instagram": ChannelPriors(
        reach_mean=2500, reach_cv=0.9, reach_tau=0.35,
        engagement_rate_mean=0.025, engagement_rate_concentration=150,
        click_rate_mean=0.004, click_rate_concentration=150,
        negative_rate_mean=0.02, negative_rate_concentration=50,
        cpm_median=8.0, **_COMMON,
    ),
    "facebook": ChannelPriors(
        reach_mean=1500, reach_cv=0.9, reach_tau=0.30,
        engagement_rate_mean=0.010, engagement_rate_concentration=150,
        click_rate_mean=0.008, click_rate_concentration=150,
        negative_rate_mean=0.03, negative_rate_concentration=50,
        cpm_median=9.0, **_COMMON,
    ),
    "tiktok": ChannelPriors(
        reach_mean=4000, reach_cv=1.3, reach_tau=0.45,
        engagement_rate_mean=0.045, engagement_rate_concentration=100,
        click_rate_mean=0.003, click_rate_concentration=100,
        negative_rate_mean=0.035, negative_rate_concentration=50,
        cpm_median=10.0, **_COMMON,
    ),
}  # fmt: skip

# Fitted Beta concentrations are clipped: below 2 the prior is U-shaped, above 1e5 it claims
# more certainty than any few-hundred-post history can give.
_KAPPA_MIN, _KAPPA_MAX = 2.0, 1e5
_CV_MIN = 0.05


def beta_params(mean: float, concentration: float) -> tuple[float, float]:
    """Beta (a, b) from its mean and concentration a + b."""
    return mean * concentration, (1.0 - mean) * concentration


def resolve_priors(overrides: Mapping[Channel, ChannelPriors]) -> dict[Channel, ChannelPriors]:
    """Defaults with the campaign's per-channel overrides applied."""
    return {c: overrides.get(c, DEFAULT_PRIORS[c]) for c in CHANNELS}


def _rate_fit(rates: list[float], exposures: list[float], base_mean: float, base_kappa: float) -> tuple[float, float]:
    """Method-of-moments Beta fit of per-post rates, net of binomial sampling noise."""
    n = len(rates)
    mean = sum(rates) / n
    if not 0.0 < mean < 1.0:
        return base_mean, base_kappa
    var = sum((r - mean) ** 2 for r in rates) / (n - 1)
    # Part of the observed spread is just finite-impression noise, not a change in the rate.
    sampling = sum(mean * (1.0 - mean) / e for e in exposures) / n
    between = var - sampling
    if between <= 0.0:
        return mean, _KAPPA_MAX
    kappa = mean * (1.0 - mean) / between - 1.0
    return mean, min(max(kappa, _KAPPA_MIN), _KAPPA_MAX)


def fit_priors(
    events: Iterable[Mapping[str, Any]],
    base: Mapping[Channel, ChannelPriors] | None = None,
    min_events: int = 3,
) -> dict[Channel, ChannelPriors]:
    """Fit channel priors from past publish events (channel, impressions, engagements, clicks, negative).

    Reach mean/cv and engagement/click rates use the method of moments; the negative-incident
    rate uses a conjugate Beta update of the base prior with "negative > 0" as the outcome.
    Channels with fewer than `min_events` usable events keep their base priors; CPM, pacing,
    token noise and reach_tau are not identifiable from post events and are kept as well.
    """
    priors: dict[Channel, ChannelPriors] = dict(base) if base is not None else dict(DEFAULT_PRIORS)
    grouped: dict[Channel, list[Mapping[str, Any]]] = {}
    for i, event in enumerate(events):
        name = normalise_channel(event.get("channel"))
        if name not in CHANNELS:
            raise ValueError(f"events.{i}.channel: unknown channel {event.get('channel')!r}")
        channel: Channel = name
        impressions = float(event.get("impressions", 0) or 0)
        engagements = float(event.get("engagements", 0) or 0)
        clicks = float(event.get("clicks", 0) or 0)
        negative = float(event.get("negative", 0) or 0)
        values = (impressions, engagements, clicks, negative)
        if not all(math.isfinite(v) and v >= 0 for v in values):
            raise ValueError(f"events.{i}: counts must be finite and non-negative")
        if engagements > impressions or clicks > impressions:
            raise ValueError(f"events.{i}: engagements and clicks cannot exceed impressions")
        grouped.setdefault(channel, []).append(event)

    for channel, rows in grouped.items():
        base_p = priors.get(channel, DEFAULT_PRIORS[channel])
        seen = [r for r in rows if float(r.get("impressions", 0) or 0) > 0]
        if len(seen) < max(min_events, 2):
            continue
        imps = [float(r["impressions"]) for r in seen]
        n = len(imps)
        mean_imp = sum(imps) / n
        var_imp = sum((x - mean_imp) ** 2 for x in imps) / (n - 1)
        # Total CV^2 = (1 + cv^2) * exp(tau^2) - 1 under the model; keep tau, solve for cv.
        total_cv2 = var_imp / mean_imp**2
        cv2 = (1.0 + total_cv2) / math.exp(base_p.reach_tau**2) - 1.0
        reach_cv = max(math.sqrt(max(cv2, 0.0)), _CV_MIN)

        er_mean, er_kappa = _rate_fit(
            [float(r.get("engagements", 0) or 0) / x for r, x in zip(seen, imps, strict=True)],
            imps,
            base_p.engagement_rate_mean,
            base_p.engagement_rate_concentration,
        )
        ctr_mean, ctr_kappa = _rate_fit(
            [float(r.get("clicks", 0) or 0) / x for r, x in zip(seen, imps, strict=True)],
            imps,
            base_p.click_rate_mean,
            base_p.click_rate_concentration,
        )
        a0, b0 = beta_params(base_p.negative_rate_mean, base_p.negative_rate_concentration)
        hits = sum(1 for r in rows if float(r.get("negative", 0) or 0) > 0)
        a, b = a0 + hits, b0 + len(rows) - hits

        priors[channel] = base_p.model_copy(
            update={
                "reach_mean": mean_imp,
                "reach_cv": min(reach_cv, 10.0),
                "engagement_rate_mean": er_mean,
                "engagement_rate_concentration": er_kappa,
                "click_rate_mean": ctr_mean,
                "click_rate_concentration": ctr_kappa,
                "negative_rate_mean": a / (a + b),
                "negative_rate_concentration": a + b,
            }
        )
        # model_copy skips validation; re-validate so a degenerate history cannot smuggle in bad numbers.
        priors[channel] = ChannelPriors.model_validate(priors[channel].model_dump())
    return priors
