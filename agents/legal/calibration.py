"""The review's two risks from the detectors' scores, calibrated on labelled posts (Platt scaling).

* ``violation``: a post's raw score is its strongest finding's score (0 when nothing is found); the label is
  "the post violates at least one class". This is ``p_policy_violation``.
* ``unsupported``: the score is the strongest ``unsupported_claim`` / ``unsupported_superlative`` finding
  (a figure, price, award or superlative that the brand's evidence does not contain); the label is "the post
  carries such a claim". This is ``p_uncited_claim``: in a campaign the evidence is only what the post cites.

Platt scaling fits ``p = sigmoid(a * score + b)`` on the labelled ``dev`` posts; the coefficients are stored
with the data version (sha256 of the posts and split files) in ``calibration.json`` next to this module, so a
changed corpus is visible. The reliability table bins held-out posts by predicted probability and compares
each bin's mean prediction with its observed rate.

The labelled posts were written to test the review, so more than half of them violate; posts a campaign
writes from the brand's own facts violate less often. The probabilities therefore lean high for a clean
campaign (a clean post reads about 8 %, not the 2 % a guess would say): conservative, and from evidence."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.legal.detectors import Finding

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


#: The classes whose findings mean "a claim the evidence does not back" (the card's uncited-claim risk).
UNSUPPORTED_CLASSES = ("unsupported_claim", "unsupported_superlative")


def raw_score(findings: Sequence[Finding]) -> float:
    return max((f.score for f in findings), default=0.0)


def unsupported_score(findings: Sequence[Finding]) -> float:
    return max((f.score for f in findings if f.cls in UNSUPPORTED_CLASSES), default=0.0)


@dataclass(frozen=True)
class Platt:
    a: float
    b: float
    data_version: str
    n: int

    def predict(self, score: float) -> float:
        return 1.0 / (1.0 + math.exp(-(self.a * score + self.b)))

    def as_dict(self) -> dict[str, object]:
        return {"method": "platt", "a": self.a, "b": self.b, "data_version": self.data_version, "n": self.n}


def data_version(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def fit_platt(scores: Sequence[float], labels: Sequence[bool], version: str) -> Platt:
    """Regularised logistic regression on the one feature (C=1: a few dozen posts must not give 0 or 1)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise ValueError("calibration needs both violating and clean posts")
    model = LogisticRegression(C=1.0).fit([[s] for s in scores], [int(y) for y in labels])
    return Platt(float(model.coef_[0][0]), float(model.intercept_[0]), version, len(scores))


@dataclass(frozen=True)
class Calibration:
    violation: Platt
    unsupported: Platt

    @property
    def data_version(self) -> str:
        return self.violation.data_version

    def as_dict(self) -> dict[str, object]:
        return {"data_version": self.data_version, "violation": self.violation.as_dict(),
                "unsupported": self.unsupported.as_dict()}  # fmt: skip


def _platt(d: dict[str, Any]) -> Platt:
    if d.get("method") != "platt":
        raise ValueError(f"unknown calibration method {d.get('method')!r}")
    return Platt(float(d["a"]), float(d["b"]), str(d["data_version"]), int(d["n"]))


@cache
def load(path: Path = CALIBRATION_FILE) -> Calibration:
    """The stored calibration (read once per process: the review calls it for every post)."""
    d = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(_platt(d["violation"]), _platt(d["unsupported"]))


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    n: int
    mean_predicted: float
    observed: float

    @property
    def gap(self) -> float:
        return abs(self.mean_predicted - self.observed)


#: A bin needs this many posts before its observed rate means anything at ±10 points (one post is 0 % or
#: 100 %); a smaller bin is merged into its smaller neighbour.
MIN_BIN_POSTS = 10


def _merge(a: Bin, b: Bin) -> Bin:
    n = a.n + b.n
    return Bin(min(a.low, b.low), max(a.high, b.high), n, (a.mean_predicted * a.n + b.mean_predicted * b.n) / n,
               (a.observed * a.n + b.observed * b.n) / n)


def reliability(
    predicted: Sequence[float], labels: Sequence[bool], edges: Sequence[float] = (0, 0.2, 0.8, 1.0)
) -> list[Bin]:
    """Bins of held-out posts by predicted probability; empty bins are left out, sparse ones merged."""
    out: list[Bin] = []
    for lo, hi in itertools.pairwise(edges):
        idx = [i for i, p in enumerate(predicted) if lo <= p < hi or (hi == edges[-1] and p == hi)]
        if idx:
            out.append(
                Bin(lo, hi, len(idx), sum(predicted[i] for i in idx) / len(idx), sum(labels[i] for i in idx) / len(idx))
            )
    while len(out) > 1:
        small = min(range(len(out)), key=lambda i: out[i].n)
        if out[small].n >= MIN_BIN_POSTS:
            break
        neighbours = [j for j in (small - 1, small + 1) if 0 <= j < len(out)]
        into = min(neighbours, key=lambda j: out[j].n)
        lo, hi = sorted((small, into))
        out[lo:hi + 1] = [_merge(out[lo], out[hi])]
    return out
