"""`smm bench publish` and `smm bench rollback`: what the ledger costs per post, and how fast a rollback is.

Both run against the configured installation (services up, database migrated, like `smm bench db`), in
development only: they write a bench tenant with one approved campaign (the rows the ledger's foreign keys
need: workspace, campaign, post variants, simulation run, decision card, approval) and publish to the
loopback sandbox platform served in this process (Instagram containers ready at once, so that the figures
are the code's and the wire's, not a configured delay). Sequential, one thread: figures are per core.

publish (`run_publish`):
- `ledger_posts_per_s`: posts through the ledger (`ledger.create_rows` for all, then `sending.publish_row`
  for each: claim, send, outcome, two ledger events and their audit rows) to the sandbox, round-robin
  over the four channels;
- `bare_posts_per_s`: the same number of posts (other texts) through `connector.publish` alone;
- `ledger_overhead_ms_per_post`: time per post through the ledger minus time per bare post, and the
  share of it that `create_rows` takes (`create_rows_ms_per_post`).

rollback (`run_rollback`): a canary of N posts (50) published through the ledger, then the clock runs
from the trigger (the call of `rollback_campaign`, as the rollback node makes it) until the sandbox
shows none of the campaign's posts live. Goal: at most GOAL_S seconds (`met`).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from sqlalchemy import Engine

from agents.publisher import ledger
from agents.publisher.connectors.base import Connector, Outcome, OutgoingPost
from agents.publisher.connectors.registry import CHANNELS
from agents.publisher.marker import content_marker
from agents.publisher.sandbox import SandboxHandle, serve_sandbox
from agents.publisher.seed import ApprovedCampaign, seed_approved_campaign
from core.errors import ServiceError
from core.settings import Settings, get_settings

ACTOR = "bench"
GOAL_S = 5  # seconds
#: A rollback that has not emptied the platform in this long is reported as not done (bounded wait).
SETTLE_TIMEOUT_S = 60.0


def _bench_settings() -> Settings:
    settings = get_settings()
    if settings.env != "development":
        raise ServiceError("smm bench publish/rollback run in development only (they write a bench tenant)")
    return settings


def _texts(n: int, label: str) -> list[tuple[str, str]]:
    """``n`` (channel, text) pairs, round-robin over the channels; unique texts (X refuses duplicates)."""
    run = uuid.uuid4().hex[:8]
    return [(CHANNELS[i % len(CHANNELS)],
             f"Bench {label} {run} #{i}: fresh roast notes from the farm, brewed slow and served warm.")
            for i in range(n)]


def _seed_campaign(db: Engine, posts: list[tuple[str, str]]) -> ApprovedCampaign:
    """A bench tenant with one live workspace and an approved campaign carrying ``posts``."""
    from core.identity import create_tenant

    tenant = create_tenant(db, f"bench-publish-{uuid.uuid4().hex[:8]}")
    return seed_approved_campaign(db, tenant.id, posts, label="bench")


def _connect(sb: SandboxHandle, db: Engine, settings: Settings, tenant_id: str) -> dict[str, Connector]:
    from agents.publisher.accounts import open_connectors
    from agents.publisher.sandbox.connect import connect_tenant

    connect_tenant(sb, db, settings, tenant_id, list(CHANNELS))
    connectors = open_connectors(db, settings, tenant_id)
    if set(connectors) != set(CHANNELS):
        raise ServiceError(f"bench: only {sorted(connectors)} connected to the sandbox")
    return connectors


def _media(settings: Settings, channel: str) -> str | None:
    return settings.publish_image_url if channel == "instagram" else None


def _publish_through_ledger(db: Engine, settings: Settings, camp: ApprovedCampaign, connectors: dict[str, Connector],
                            stage: str) -> tuple[float, float]:
    """Create the rows and publish each; returns (create_rows seconds, publish_row seconds)."""
    from agents.publisher.sending import publish_row

    t0 = time.perf_counter()
    rows = ledger.create_rows(db, camp.tenant_id, campaign_id=camp.campaign_id, approval_id=camp.approval_id,
                              actor=ACTOR, posts=[{"variant_id": vid, "channel": channel, "stage": stage,
                                                   "marker": content_marker(text)}
                                                  for vid, channel, text in camp.variants])
    t1 = time.perf_counter()
    texts = {vid: text for vid, _, text in camp.variants}
    for row in rows:
        done = publish_row(db, camp.tenant_id, row.id, connectors[row.channel], texts[row.post_variant_id], ACTOR,
                           media_url=_media(settings, row.channel))
        if done.state != "published":
            raise ServiceError(f"bench: a {row.channel} post ended {done.state} ({done.reason})")
    return t1 - t0, time.perf_counter() - t1


def _publish_bare(settings: Settings, connectors: dict[str, Connector], posts: list[tuple[str, str]]) -> float:
    t0 = time.perf_counter()
    for channel, text in posts:
        result = connectors[channel].publish(OutgoingPost(channel=channel, text=text, marker=content_marker(text),
                                                          media_url=_media(settings, channel)))
        if result.outcome is not Outcome.PUBLISHED:
            raise ServiceError(f"bench: a bare {channel} post ended {result.outcome} ({result.reason})")
    return time.perf_counter() - t0


def _sandbox_settings(settings: Settings, sb: SandboxHandle) -> Settings:
    from agents.publisher.sandbox.connect import sandbox_settings

    return settings.model_copy(update=sandbox_settings(settings, sb))


def _check_n(posts: int) -> None:
    if posts < len(CHANNELS):
        raise ValueError(f"posts must be at least {len(CHANNELS)} (one per channel), got {posts}")


def run_publish(posts: int = 200) -> dict[str, Any]:
    """Posts per second through the ledger and bare, and the ledger's overhead per post."""
    from core.db import app_engine

    _check_n(posts)
    base = _bench_settings()
    db = app_engine(base)
    with serve_sandbox(seed=0, container_delay_s=0.0) as sb:
        settings = _sandbox_settings(base, sb)
        camp = _seed_campaign(db, _texts(posts, "ledger"))
        connectors = _connect(sb, db, settings, camp.tenant_id)
        _publish_bare(settings, connectors, _texts(len(CHANNELS), "warm-up"))  # pools and breakers warm
        bare_s = _publish_bare(settings, connectors, _texts(posts, "bare"))
        create_s, send_s = _publish_through_ledger(db, settings, camp, connectors, "full")
        duplicates = sb.stats()["duplicates"]
    ledger_s = create_s + send_s
    return {
        "posts": posts,
        "channels": list(CHANNELS),
        "ledger_posts_per_s": round(posts / ledger_s, 1),
        "bare_posts_per_s": round(posts / bare_s, 1),
        "ledger_ms_per_post": round(ledger_s / posts * 1000, 2),
        "bare_ms_per_post": round(bare_s / posts * 1000, 2),
        "ledger_overhead_ms_per_post": round((ledger_s - bare_s) / posts * 1000, 2),
        "create_rows_ms_per_post": round(create_s / posts * 1000, 2),
        "sandbox_duplicates": len(duplicates),
    }


def _live_on_sandbox(sb: SandboxHandle, ids: set[str]) -> int:
    return sum(1 for p in sb.posts() if p["id"] in ids and not p["deleted"])


def run_rollback(posts: int = 50) -> dict[str, Any]:
    """Seconds from the trigger to none of a ``posts``-post canary live on the sandbox."""
    from agents.publisher.rollback import rollback_campaign
    from core.db import app_engine

    _check_n(posts)
    base = _bench_settings()
    db = app_engine(base)
    with serve_sandbox(seed=0, container_delay_s=0.0) as sb:
        settings = _sandbox_settings(base, sb)
        camp = _seed_campaign(db, _texts(posts, "canary"))
        connectors = _connect(sb, db, settings, camp.tenant_id)
        _publish_through_ledger(db, settings, camp, connectors, "canary")
        ids = {str(r.platform_post_id) for r in ledger.rows_of(db, camp.tenant_id, camp.campaign_id)}
        live_before = _live_on_sandbox(sb, ids)
        t0 = time.perf_counter()
        result = rollback_campaign(db, camp.tenant_id, camp.campaign_id, "bench: trigger", ACTOR, connectors)
        call_s = time.perf_counter() - t0
        live = _live_on_sandbox(sb, ids)
        while live and time.perf_counter() - t0 < SETTLE_TIMEOUT_S:
            time.sleep(0.01)
            live = _live_on_sandbox(sb, ids)
        total_s = time.perf_counter() - t0
    return {
        "posts": posts,
        "live_before": live_before,
        "live_after": live,
        "deleted": result["deleted"],
        "left_live": len(result["left_live"]),
        "rollback_call_s": round(call_s, 3),
        "trigger_to_zero_live_s": round(total_s, 3),
        "deletes_per_s": round(result["deleted"] / call_s, 1) if call_s > 0 else None,
        "goal_s": GOAL_S,
        "met": live == 0 and total_s <= GOAL_S,
    }


if __name__ == "__main__":
    import json

    print(json.dumps({"bench": "publish", "metrics": run_publish()}))
    print(json.dumps({"bench": "rollback", "metrics": run_rollback()}))
