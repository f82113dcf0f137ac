"""Seeded engagement: impressions, likes, shares and comments of a post as a function of its simulated age.

Everything about one post comes from a numpy Generator seeded with (sandbox seed, post id), so a
run is reproducible: the same seed and the same post at the same age give the same numbers and the
same comments. Age is simulated: real seconds since creation times ``time_scale`` (3600 = one real
second is one hour), so a canary window of seconds sees hours of engagement.

Comments arrive at times drawn once per post; whether each one is negative is decided by comparing
its own fixed uniform draw with the negative rate in force at its arrival time (the base rate, or a
configured spike from ``after_s`` simulated seconds after creation). Raising the rate therefore only
turns comments negative, never reshuffles the others, and texts come from English templates that
VADER scores in the expected direction (tests/publisher/test_sandbox.py checks).
"""

from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

POSITIVE = (
    "Love this, great work!",
    "This is amazing, thank you for sharing.",
    "Such a helpful post, I really enjoyed it.",
    "Brilliant idea, can't wait to try it!",
    "Fantastic news, congratulations to the whole team.",
    "I'm impressed, this looks really good.",
    "Wonderful, exactly what I needed today.",
    "Great quality and friendly service, highly recommend.",
    "Nice one! Happy to see this.",
    "Beautiful design, well done.",
)
NEUTRAL = (
    "What time does the store open on Sunday?",
    "Is this available in other sizes?",
    "Where can I find the full details?",
    "Does this ship to Canada?",
    "Which colours does it come in?",
    "How long is the offer running?",
    "Tagging my sister for this one.",
    "Is there a link to the product page?",
    "When is the next delivery window?",
    "Can I order this online or only in the shop?",
)
NEGATIVE = (
    "This is terrible, I want a refund.",
    "Awful customer service, never again.",
    "Worst purchase I have made this year.",
    "Really disappointed, it broke after two days.",
    "This is misleading and frankly offensive.",
    "Horrible experience, nobody answered my complaint.",
    "I hate how expensive and useless this is.",
    "Very poor quality, a total waste of money.",
    "Stop spamming my feed with this garbage.",
    "Angry and frustrated, my order never arrived.",
)

#: Median reach of a post per platform (impressions when saturated).
_REACH = {"x": 3000.0, "linkedin": 2000.0, "facebook": 2500.0, "instagram": 4000.0}
MAX_COMMENTS = 200  # per post: bounded memory and bounded answers
BASE_NEGATIVE_RATE = 0.08
POSITIVE_SHARE = 0.6  # of the comments that are not negative


@dataclass(frozen=True)
class Spike:
    negative_rate: float
    after_s: float = 0.0  # simulated seconds after a post's creation


@dataclass(frozen=True)
class Metrics:
    impressions: int
    likes: int
    shares: int
    quotes: int
    comments: int


@dataclass(frozen=True)
class Comment:
    id: str
    text: str
    sentiment: str  # "positive" | "neutral" | "negative"
    age_s: float  # simulated seconds after the post's creation


@dataclass(frozen=True)
class _Profile:
    reach: float
    tau_s: float
    like_rate: float
    share_rate: float
    arrivals: tuple[float, ...]  # sorted simulated arrival times of every comment the post will get
    negative_draw: tuple[float, ...]
    positive_draw: tuple[float, ...]
    template: tuple[int, ...]


def _post_key(platform: str, post_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{platform}:{post_id}".encode(), digest_size=8).digest(), "big")


@lru_cache(maxsize=4096)
def _profile(seed: int, platform: str, post_id: str) -> _Profile:
    rng = np.random.default_rng([seed, _post_key(platform, post_id)])
    reach = float(rng.lognormal(math.log(_REACH.get(platform, 2500.0)), 0.5))
    tau_s = float(rng.uniform(1.5, 6.0)) * 3600.0
    like_rate = float(rng.uniform(0.01, 0.05))
    share_rate = float(rng.uniform(0.001, 0.006))
    n = int(min(MAX_COMMENTS, max(5, round(reach * float(rng.uniform(0.004, 0.012))))))
    # exponential arrivals with a slightly slower clock than impressions: discussion lags reach
    arrivals = np.sort(-1.2 * tau_s * np.log1p(-rng.random(n)))
    return _Profile(reach=reach, tau_s=tau_s, like_rate=like_rate, share_rate=share_rate,
                    arrivals=tuple(float(a) for a in arrivals),
                    negative_draw=tuple(float(u) for u in rng.random(n)),
                    positive_draw=tuple(float(u) for u in rng.random(n)),
                    template=tuple(int(i) for i in rng.integers(0, 1 << 30, n)))


class EngagementModel:
    def __init__(self, seed: int = 0, base_negative_rate: float = BASE_NEGATIVE_RATE) -> None:
        self.seed = seed
        self.base_negative_rate = base_negative_rate
        self._lock = threading.Lock()
        self._spikes: dict[str | None, Spike] = {}  # None: every platform

    def set_spike(self, spike: Spike | None, platform: str | None = None) -> None:
        with self._lock:
            if spike is None:
                self._spikes.pop(platform, None)
            else:
                self._spikes[platform] = spike

    def clear_spikes(self) -> None:
        with self._lock:
            self._spikes.clear()

    def _negative_rate(self, platform: str, age_s: float) -> float:
        with self._lock:
            spike = self._spikes.get(platform) or self._spikes.get(None)
        if spike is not None and age_s >= spike.after_s:
            return spike.negative_rate
        return self.base_negative_rate

    def comments(self, platform: str, post_id: str, age_s: float) -> list[Comment]:
        """The comments that have arrived by ``age_s`` simulated seconds, oldest first."""
        profile = _profile(self.seed, platform, post_id)
        out = []
        for i, arrival in enumerate(profile.arrivals):
            if arrival > age_s:
                break
            if profile.negative_draw[i] < self._negative_rate(platform, arrival):
                sentiment, templates = "negative", NEGATIVE
            elif profile.positive_draw[i] < POSITIVE_SHARE:
                sentiment, templates = "positive", POSITIVE
            else:
                sentiment, templates = "neutral", NEUTRAL
            out.append(Comment(id=comment_id(post_id, i), text=templates[profile.template[i] % len(templates)],
                               sentiment=sentiment, age_s=arrival))
        return out

    def metrics(self, platform: str, post_id: str, age_s: float) -> Metrics:
        """Saturating growth: impressions = reach * (1 - exp(-age / tau)); likes and shares follow."""
        profile = _profile(self.seed, platform, post_id)
        age_s = max(0.0, age_s)
        impressions = int(profile.reach * -math.expm1(-age_s / profile.tau_s))
        shares = int(impressions * profile.share_rate)
        comments = sum(1 for a in profile.arrivals if a <= age_s)
        return Metrics(impressions=impressions, likes=int(impressions * profile.like_rate), shares=shares,
                       quotes=shares // 5, comments=comments)


def comment_id(post_id: str, index: int) -> str:
    """A digits-only id (X and Meta ids are digit strings), stable for (post, index)."""
    digest = hashlib.blake2b(f"{post_id}#{index}".encode(), digest_size=8).digest()
    return str(10**18 + int.from_bytes(digest, "big") % (8 * 10**18))
