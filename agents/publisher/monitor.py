"""Watch a launch: metrics and comments through the connectors, and the four rollback triggers.

Triggers (the first that fires is returned as ``"<kind>: <detail>"``):
* ``sentiment`` — the share of negative comments (VADER compound ≤ -0.05) on the live posts is at or above
  the threshold with confidence: the lower end of its Wilson interval reaches it, so a handful of
  comments that are negative by chance (every brand gets some) does not roll a healthy launch back;
* ``budget`` — recorded spend of the campaign exceeds a channel's cap in the contract card;
* ``connector`` — a channel's recent publish failure rate reaches the threshold;
* ``policy`` — a live post is denied when reviewed again against the current policy bundle;
* ``manual`` — an operator halted the launch (`smm campaign rollback`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from math import sqrt
from typing import Any

from sqlalchemy import Engine, func, select
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from agents.publisher import ledger
from agents.publisher.connectors.base import Connector
from agents.publisher.ledger import LIVE_ON_PLATFORM, LedgerRow
from core.db import tenant_session
from core.models import Campaign, PublishEvent, SpendRecord, Workspace

log = logging.getLogger(__name__)

NEGATIVE_COMPOUND = -0.05  # VADER's own cut-off for "negative"
# One-sided 90 %: the trigger fires when the true negative rate is at least the threshold with 90 %
# confidence. With an 8 % background rate, 6 negative of 19 (0.32) is chance and does not fire;
# 4 of 5, 8 of 12 or a 60 % spike over 20 comments does.
CONFIDENCE_Z = 1.2816
_ANALYZER = SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class Thresholds:
    negative_rate: float = 0.3
    min_comments: int = 5
    connector_failure_rate: float = 0.5
    min_sends: int = 4  # a failure rate is judged on at least this many sends
    failure_window_s: int = 600

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> Thresholds:
        known = {k: v for k, v in (values or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def negative_count(texts: list[str]) -> int:
    """How many texts VADER scores negative."""
    return sum(1 for t in texts if _ANALYZER.polarity_scores(t)["compound"] <= NEGATIVE_COMPOUND)


def wilson_lower(successes: int, n: int, z: float = CONFIDENCE_Z) -> float:
    """Lower end of the Wilson score interval of a proportion (0 when there is no data)."""
    if n <= 0:
        return 0.0
    p = successes / n
    centre = p + z * z / (2 * n)
    margin = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z * z / n))


def engagement(rows: list[LedgerRow], connectors: Mapping[str, Connector]) -> dict[str, Any]:
    """Metrics and comments of every live post (a post whose lookup fails counts as no data)."""
    totals = {"impressions": 0, "likes": 0, "comments": 0, "shares": 0}
    texts: list[str] = []
    for row in rows:
        conn = connectors.get(row.channel)
        if row.state not in LIVE_ON_PLATFORM or not row.platform_post_id or conn is None:
            continue
        try:
            m = conn.metrics(row.platform_post_id)
            texts += conn.comments(row.platform_post_id)
        except Exception as exc:  # one unreadable post must not stop the watch
            log.warning("metrics of %s failed: %s", row.id, type(exc).__name__)
            continue
        for key in totals:
            totals[key] += int(getattr(m, key))
    negative = negative_count(texts)
    return {**totals, "comment_texts": len(texts), "negative_comments": negative,
            "negative_rate": round(negative / len(texts), 4) if texts else 0.0,
            "negative_rate_lower": round(wilson_lower(negative, len(texts)), 4)}


def failure_rates(db: Engine, tenant_id: str, window_s: int) -> dict[str, tuple[int, int]]:
    """Per channel: (failed or unconfirmed sends, all sends with an outcome) in the last ``window_s``."""
    since = datetime.now(UTC) - timedelta(seconds=window_s)
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        rows = session.execute(
            select(PublishEvent.channel, PublishEvent.status, func.count())
            .where(PublishEvent.kind == "publish", PublishEvent.created_at >= since,
                   PublishEvent.status.in_(("published", "failed", "unconfirmed")))
            .group_by(PublishEvent.channel, PublishEvent.status)).all()
    out: dict[str, tuple[int, int]] = {}
    for channel, status, n in rows:
        bad, total = out.get(channel, (0, 0))
        out[channel] = (bad + (n if status != "published" else 0), total + n)
    return out


def over_budget(db: Engine, tenant_id: str, campaign_id: str) -> str | None:
    """A channel whose recorded spend for this campaign is over its cap in the contract card."""
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        camp = session.get(Campaign, uuid.UUID(campaign_id))
        ws = session.get(Workspace, camp.workspace_id) if camp is not None else None
        caps = {c["channel"]: float(c.get("budget_cap", 0)) for c in ((ws.contract_card or {}).get("channels") or [])
                } if ws is not None else {}
        spent = dict(session.execute(
            select(SpendRecord.channel, func.sum(SpendRecord.amount_cents))
            .where(SpendRecord.campaign_id == uuid.UUID(campaign_id)).group_by(SpendRecord.channel)).all())
    for channel, cents in sorted(spent.items()):
        cap = caps.get(channel)
        if cap is not None and int(cents or 0) > round(cap * 100):
            return f"{channel} spend {int(cents) / 100:.2f} is over its cap {cap:.2f}"
    return None


def sentiment_trigger(observed: Mapping[str, Any], thresholds: Thresholds) -> str | None:
    """The sentiment trigger's reason when it fires on what `engagement` observed, else None."""
    n, negative = observed["comment_texts"], observed["negative_comments"]
    lower = wilson_lower(negative, n)
    if n < thresholds.min_comments or lower < thresholds.negative_rate:
        return None
    return (f"sentiment: negative comment rate {negative / n:.2f} ({negative} of {n} comments; at least "
            f"{lower:.2f} with 90 % confidence) at or above {thresholds.negative_rate:.2f}")


def check_triggers(db: Engine, tenant_id: str, campaign_id: str, rows: list[LedgerRow],
                   connectors: Mapping[str, Connector], thresholds: Thresholds,
                   policy_violation: str | None = None) -> tuple[str | None, dict[str, Any]]:
    """The first trigger that fires (or None) and what was measured."""
    halt = ledger.halted(db, tenant_id, campaign_id)
    observed = engagement(rows, connectors)
    if halt is not None and halt.startswith("campaign.halted"):
        return f"manual: {halt.removeprefix('campaign.halted: ')}", observed
    sentiment = sentiment_trigger(observed, thresholds)
    if sentiment is not None:
        return sentiment, observed
    budget = over_budget(db, tenant_id, campaign_id)
    if budget is not None:
        return f"budget: {budget}", observed
    for channel, (bad, total) in sorted(failure_rates(db, tenant_id, thresholds.failure_window_s).items()):
        if total >= thresholds.min_sends and bad / total >= thresholds.connector_failure_rate:
            return f"connector: {channel} failure rate {bad}/{total} at or above the threshold", observed
    if policy_violation is not None:
        return f"policy: {policy_violation}", observed
    return None, observed
