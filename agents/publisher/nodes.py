"""Nodes of the publisher graph (module-level so Temporal can run them as activities).

prepare → (shadow: finish) → publish canary → monitor canary → (trigger: rollback) → publish full
→ monitor full → (trigger: rollback) → finish.

The state carries ids only (ledger row ids, the campaign, the approval): every node reads what it
needs from Postgres, so the workflow history stays small and holds no post text or token.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from typing import Any, TypedDict

from sqlalchemy import Engine, select

from agents.campaign.store import mark_campaign
from agents.progress import report
from agents.publisher import ledger
from agents.publisher.accounts import connected_channels, open_connectors
from agents.publisher.budget import promotion_per_post, record_spend, spent_by_channel
from agents.publisher.connectors.base import Connector
from agents.publisher.marker import content_marker
from agents.publisher.monitor import Thresholds, check_triggers
from agents.publisher.rollback import rollback_campaign
from agents.publisher.sending import publish_row
from core.db import app_engine, tenant_session
from core.models import (
    Approval,
    BrandTwinRow,
    Campaign,
    DecisionCardRow,
    PostVariantRow,
    PublishEvent,
    User,
    Workspace,
)
from core.settings import Settings, get_settings

PUBLISHER = "publisher"  # the actor of ledger events: the publisher agent, acting on a recorded approval


class PublisherState(TypedDict, total=False):
    # in
    tenant_id: str
    campaign_id: str
    seed: int
    canary_window_s: float
    full_window_s: float
    poll_s: float
    thresholds: dict[str, Any]
    # out
    approval_id: str
    mode: str  # shadow | live
    canary: list[str]  # ledger row ids
    full: list[str]
    trigger: str | None
    observed: dict[str, Any]
    rollback: dict[str, Any]
    ledger: dict[str, int]  # rows per state
    status: str  # approved (shadow) | completed | rolled_back | halted | needs_attention | refused
    message: str


def _deps() -> tuple[Settings, Engine]:
    settings = get_settings()
    return settings, app_engine(settings)


def canary_split(variant_ids: list[str], pct: float, seed: int,
                 sendable: set[str] | None = None) -> tuple[set[str], set[str]]:
    """Deterministic from the seed: ceil(pct % of n) posts (at least one when pct > 0) go first.

    Posts that can be sent (``sendable``: their channel is connected) are picked before the others, so
    a canary is never only posts that cannot go out and teaches nothing.
    """
    ordered = sorted(variant_ids)
    random.Random(seed).shuffle(ordered)
    if sendable is not None:
        ordered.sort(key=lambda v: v not in sendable)  # stable: the seeded order within each group
    n = 0 if pct <= 0 else min(len(ordered), max(1, math.ceil(len(ordered) * pct / 100.0)))
    return set(ordered[:n]), set(ordered[n:])


def prepare(state: PublisherState) -> dict[str, Any]:
    """Find the approval, split canary/full and write every ledger row before anything is sent."""
    _, db = _deps()
    tid, cid = state["tenant_id"], state["campaign_id"]
    with tenant_session(db, uuid.UUID(tid)) as session:
        camp = session.get(Campaign, uuid.UUID(cid))
        if camp is None:
            raise LookupError(f"campaign {cid} not found")
        ws = session.get(Workspace, camp.workspace_id)
        assert ws is not None
        approval = session.execute(
            select(Approval).where(Approval.campaign_id == camp.id, Approval.decision == "approve")
            .order_by(Approval.created_at.desc()).limit(1)).scalar_one_or_none()
        if approval is None:  # nothing is published without a recorded approval
            return {"status": "refused", "message": "publish.no_approval: no recorded approval for this campaign"}
        card = session.get(DecisionCardRow, approval.decision_card_id)
        posts = session.execute(select(PostVariantRow).where(PostVariantRow.campaign_id == camp.id)
                                .order_by(PostVariantRow.created_at, PostVariantRow.id)).scalars().all()
        # Live only when both the workspace and its contract card say so: either one in shadow is shadow.
        mode = "live" if ws.mode == "live" and (ws.contract_card or {}).get("mode", "live") == "live" else "shadow"
        pct = float((ws.contract_card or {}).get("canary_pct", 10.0))
        forecast = (card.card if card is not None else {}).get("kpi_forecast") or {}
        docs = [{"variant_id": str(p.id), "channel": p.channel, "marker": content_marker(p.text)} for p in posts]
    if mode == "shadow":
        # Shadow mode: nothing is sent; each post's prediction is recorded instead.
        rows = ledger.create_rows(db, tid, campaign_id=cid, approval_id=str(approval.id), actor=PUBLISHER, posts=[
            {**d, "stage": "shadow", "state": "shadow", "predicted": {"kpi_forecast": forecast}} for d in docs])
        return {"approval_id": str(approval.id), "mode": "shadow", "canary": [], "full": [],
                "ledger": ledger.summary(rows)}
    connected = set(connected_channels(db, tid))
    canary_ids, _ = canary_split([d["variant_id"] for d in docs], pct, int(state.get("seed", 0)),
                                 sendable={d["variant_id"] for d in docs if d["channel"] in connected})
    rows = ledger.create_rows(db, tid, campaign_id=cid, approval_id=str(approval.id), actor=PUBLISHER, posts=[
        {**d, "stage": "canary" if d["variant_id"] in canary_ids else "full"} for d in docs])
    mark_campaign(db, tid, cid, status="publishing", actor_id=PUBLISHER, reason=f"canary {pct:g} %")
    return {"approval_id": str(approval.id), "mode": "live", "canary": [r.id for r in rows if r.stage == "canary"],
            "full": [r.id for r in rows if r.stage == "full"], "ledger": ledger.summary(rows)}


def route_after_prepare(state: PublisherState) -> str:
    return "finish" if state.get("mode") != "live" else "publish_canary"


def route_after_monitor(state: PublisherState) -> str:
    return "rollback" if state.get("trigger") else "next"


def _publish_doc(session: Any, settings: Settings, tid: str, camp: Campaign, post: PostVariantRow,
                 approval: Approval, card: DecisionCardRow | None, health: dict[str, Any],
                 connected: list[str], promotion: float) -> dict[str, Any]:
    from agents.legal import content_review_document
    from core.contracts.brand import BrandTwin
    from workflows.activities import policy_workspace

    ws = session.get(Workspace, camp.workspace_id)
    twin_id = (camp.brief or {}).get("brand_twin_id")
    twin = session.get(BrandTwinRow, uuid.UUID(twin_id)) if twin_id else None
    if ws is None or twin is None:
        raise LookupError(f"campaign {camp.id} has no workspace or brand twin")
    workspace = policy_workspace(ws, twin.data, spent_by_channel(session, ws.id))
    # The post exactly as the legal review saw it (its cited sources included).
    post_doc = content_review_document(
        {"id": str(post.id), "channel": post.channel, "text": post.text, "hashtags": list(post.hashtags),
         "cited_fact_ids": list(post.cited_fact_ids),
         "sponsored": bool((post.disclosure_flags or {}).get("sponsored", False))},
        BrandTwin.model_validate(twin.data),
        workspace_doc=workspace, actor={"id": PUBLISHER, "role": "admin"}, tenant_id=tid)["post"]
    workspace["channels"] = {**workspace.get("channels", {}), "connected": connected}
    approver = session.get(User, approval.approver_id) if approval.approver_id else None
    approver_id = str(approval.approver_id) if approval.approver_id else PUBLISHER
    # The post goes out on behalf of the marketer who asked for the campaign (an operator's run: admin);
    # the approval names the separate approver (four-eyes, checked by publish.rego).
    requester = session.get(User, camp.requested_by) if camp.requested_by else None
    actor = ({"id": str(requester.id), "tenant_id": tid, "role": requester.role} if requester is not None
             else {"id": "operator", "tenant_id": tid, "role": "admin"})
    from workflows.approval import card_policy_doc

    return {
        "action": "publish.post",
        "actor": actor,
        "resource": {"tenant_id": tid, "type": "post_variant", "id": str(post.id)},
        "workspace": workspace,
        "post": post_doc,
        "approval": {"approver_id": approver_id, "approver_role": approver.role if approver else "approver",
                     "requester_id": actor["id"]},
        # No card is no readiness: the gate denies (fail closed).
        "decision_card": card_policy_doc(session, card.card) if card is not None
        else {"readiness": 0.0, "critical_violations": 1},
        "connector_health": health,
        # The paid promotion this post spends once published: judged against what is left of the caps.
        "spend": {"amount": promotion, "channel": post.channel},
    }


def _health(db: Engine, tid: str, connectors: dict[str, Connector]) -> dict[str, Any]:
    """The policy gate's ``connector_health``: recent failure rate and the rate window, per channel."""
    out: dict[str, Any] = {}
    for channel, conn in connectors.items():
        h = conn.health()
        rate = 1.0 if h.breaker == "open" else float(h.failure_rate)
        out[channel] = {"failure_rate": rate, "window_posts": int(h.window_posts)}
    return out


def _publish_stage(state: PublisherState, stage: str) -> dict[str, Any]:
    from policies.decide import decide

    settings, db = _deps()
    tid, cid = state["tenant_id"], state["campaign_id"]
    ids: list[str] = list(state["canary"] if stage == "canary" else state["full"])
    connectors = open_connectors(db, settings, tid)
    connected = connected_channels(db, tid)
    everything = ledger.rows_of(db, tid, cid)
    per_channel = {ch: sum(1 for r in everything if r.channel == ch) for ch in {r.channel for r in everything}}
    for n, ledger_id in enumerate(ids):
        report({"stage": stage, "done": n, "of": len(ids)})
        row = ledger.load(db, tid, ledger_id)
        if row.state in ledger.TERMINAL:
            continue  # a retried activity: this row was settled by the previous attempt
        if row.state == "pending":
            halt = ledger.halted(db, tid, cid)
            if halt is not None:
                ledger.withdraw_pending(db, tid, cid, halt, PUBLISHER)
                break
            with tenant_session(db, uuid.UUID(tid)) as session:
                camp = session.get(Campaign, uuid.UUID(cid))
                post = session.get(PostVariantRow, uuid.UUID(row.post_variant_id))
                approval = session.execute(select(Approval).where(Approval.id == uuid.UUID(state["approval_id"]))
                                           ).scalar_one()
                card = session.get(DecisionCardRow, approval.decision_card_id)
                assert camp is not None and post is not None
                ws = session.get(Workspace, camp.workspace_id)
                promotion = promotion_per_post((ws.contract_card if ws is not None else None) or {}, post.channel,
                                               per_channel.get(post.channel, 0))
                doc = _publish_doc(session, settings, tid, camp, post, approval, card,
                                   _health(db, tid, connectors), connected, promotion)
            decision = decide(db, settings, uuid.UUID(tid), "main", doc, campaign_id=uuid.UUID(cid))
            if not decision.allow:
                ledger.transition(db, tid, row.id, "denied", "deny", PUBLISHER, reason="; ".join(decision.deny),
                                  detail={"policy_decision_id": decision.decision_id}, expect=frozenset({"pending"}))
                continue
        conn = connectors.get(row.channel)
        if conn is None:
            ledger.transition(db, tid, row.id, "denied", "deny", PUBLISHER,
                              reason=f"connector.not_connected: {row.channel} is not connected",
                              expect=frozenset({"pending"}))
            continue
        with tenant_session(db, uuid.UUID(tid)) as session:
            text = session.execute(select(PostVariantRow.text).where(
                PostVariantRow.id == uuid.UUID(row.post_variant_id))).scalar_one()
        done = publish_row(db, tid, row.id, conn, text, PUBLISHER, media_url=_media_url(settings, row.channel))
        if done.state in ledger.LIVE_ON_PLATFORM:
            _record_promotion(db, tid, cid, done, per_channel.get(done.channel, 0))
    rows = [r for r in ledger.rows_of(db, tid, cid) if r.id in set(ids)]
    return {"ledger": ledger.summary(ledger.rows_of(db, tid, cid)),
            "message": f"{stage}: " + ", ".join(f"{k} {v}" for k, v in sorted(ledger.summary(rows).items()))}


def _record_promotion(db: Engine, tid: str, cid: str, row: ledger.LedgerRow, posts_on_channel: int) -> None:
    """The paid promotion of a published post, recorded once per ledger row."""
    with tenant_session(db, uuid.UUID(tid)) as session:
        camp = session.get(Campaign, uuid.UUID(cid))
        ws = session.get(Workspace, camp.workspace_id) if camp is not None else None
        amount = promotion_per_post((ws.contract_card if ws is not None else None) or {}, row.channel,
                                    posts_on_channel)
        if amount > 0:
            record_spend(session, uuid.UUID(tid), uuid.UUID(cid), row.channel, "promotion", amount,
                         detail={"ledger_id": row.id, "platform_post_id": row.platform_post_id},
                         once=f"promotion:{row.id}")


def _media_url(settings: Settings, channel: str) -> str | None:
    # Instagram posts need an image; the campaign's image comes from settings until creative makes images.
    return settings.publish_image_url if channel == "instagram" else None


def publish_canary(state: PublisherState) -> dict[str, Any]:
    """Publish the canary posts (each one asked of the policy gate first)."""
    return _publish_stage(state, "canary")


def publish_full(state: PublisherState) -> dict[str, Any]:
    """Publish the rest, once the canary window passed without a trigger."""
    return _publish_stage(state, "full")


def _monitor(state: PublisherState, window_s: float) -> dict[str, Any]:
    settings, db = _deps()
    tid, cid = state["tenant_id"], state["campaign_id"]
    connectors = open_connectors(db, settings, tid)
    thresholds = Thresholds.from_mapping(state.get("thresholds"))
    poll = max(0.05, float(state.get("poll_s", 2.0)))
    deadline = time.monotonic() + max(0.0, window_s)
    observed: dict[str, Any] = {}
    # The posts live during this watch were published before it: re-reviewing them once is enough
    # (each review is a recorded policy decision; once per poll would record one per post every poll).
    violation = _policy_violation(settings, db, tid, cid, ledger.rows_of(db, tid, cid))
    while True:
        rows = ledger.rows_of(db, tid, cid)
        halt = ledger.halted(db, tid, cid)
        if halt is not None and halt.startswith("tenant.paused"):
            return {"trigger": None, "observed": observed}  # the kill switch: nothing goes out, nothing to watch
        if not any(r.state in ledger.LIVE_ON_PLATFORM for r in rows) and halt is None:
            return {"trigger": None, "observed": observed}  # nothing of this campaign is live to watch
        trigger, observed = check_triggers(db, tid, cid, rows, connectors, thresholds,
                                           policy_violation=violation)
        report({"monitor": observed})
        if trigger is not None:
            _record_trigger(db, tid, cid, trigger, observed)
            return {"trigger": trigger, "observed": observed}
        if time.monotonic() >= deadline:
            return {"trigger": None, "observed": observed}
        time.sleep(min(poll, max(0.0, deadline - time.monotonic())))


def _policy_violation(settings: Settings, db: Engine, tid: str, cid: str, rows: list[ledger.LedgerRow]) -> str | None:
    """A live post that the current policy bundle denies (re-reviewed once per watch)."""
    from agents.legal import content_review_document
    from core.contracts.brand import BrandTwin
    from policies.decide import decide
    from workflows.activities import policy_workspace

    live = {r.post_variant_id for r in rows if r.state in ledger.LIVE_ON_PLATFORM}
    if not live:
        return None
    with tenant_session(db, uuid.UUID(tid)) as session:
        camp = session.get(Campaign, uuid.UUID(cid))
        assert camp is not None
        ws = session.get(Workspace, camp.workspace_id)
        assert ws is not None  # composite foreign key
        twin_row = session.get(BrandTwinRow, uuid.UUID((camp.brief or {}).get("brand_twin_id")))
        posts = session.execute(select(PostVariantRow).where(PostVariantRow.id.in_(
            [uuid.UUID(v) for v in live]))).scalars().all()
        twin = BrandTwin.model_validate(twin_row.data) if twin_row is not None else None
        workspace = policy_workspace(ws, twin_row.data if twin_row is not None else {})
        variants = [{"id": str(p.id), "channel": p.channel, "text": p.text, "hashtags": list(p.hashtags),
                     "cited_fact_ids": list(p.cited_fact_ids),
                     "sponsored": bool((p.disclosure_flags or {}).get("sponsored", False))} for p in posts]
    if twin is None:
        return None
    for post in variants:
        doc = content_review_document(post, twin, workspace_doc=workspace,
                                      actor={"id": PUBLISHER, "role": "approver"}, tenant_id=tid)
        decision = decide(db, settings, uuid.UUID(tid), "main", doc, campaign_id=uuid.UUID(cid))
        if not decision.allow:
            return f"post {post['id']} is now denied: {'; '.join(decision.deny)}"
    return None


def _record_trigger(db: Engine, tid: str, cid: str, trigger: str, observed: dict[str, Any]) -> None:
    from core.audit import record_event

    with tenant_session(db, uuid.UUID(tid)) as session:
        session.add(PublishEvent(tenant_id=uuid.UUID(tid), campaign_id=uuid.UUID(cid), channel="*", kind="trigger",
                                 status="published", payload={"trigger": trigger, "observed": observed}))
        record_event(session, tid, actor=PUBLISHER, action="publish.trigger", resource_type="campaign",
                     resource_id=cid, payload={"trigger": trigger})


def monitor_canary(state: PublisherState) -> dict[str, Any]:
    """Watch the canary for its window: metrics, comments' sentiment, spend, failures, policy."""
    return _monitor(state, float(state.get("canary_window_s", 60.0)))


def monitor_full(state: PublisherState) -> dict[str, Any]:
    """A last watch after the full launch (a trigger still rolls everything back)."""
    return _monitor(state, float(state.get("full_window_s", 0.0)))


def rollback(state: PublisherState) -> dict[str, Any]:
    """Delete every published post of the campaign (the trigger is the reason)."""
    settings, db = _deps()
    tid, cid = state["tenant_id"], state["campaign_id"]
    result = rollback_campaign(db, tid, cid, str(state.get("trigger") or "rollback"), PUBLISHER,
                               open_connectors(db, settings, tid))
    return {"rollback": result, "ledger": ledger.summary(ledger.rows_of(db, tid, cid))}


def finish(state: PublisherState) -> dict[str, Any]:
    """The campaign's final status, from the ledger's truth."""
    _, db = _deps()
    tid, cid = state["tenant_id"], state["campaign_id"]
    if state.get("status") == "refused":
        return {}
    rows = ledger.rows_of(db, tid, cid)
    counts = ledger.summary(rows)
    if state.get("mode") == "shadow":
        # Approved in shadow mode: the predictions are the launch; the campaign stays "approved".
        status, why = "approved", f"shadow mode: {len(rows)} predictions recorded, nothing sent"
    elif state.get("rollback"):
        left = state["rollback"].get("left_live") or []
        status = "needs_attention" if left else "rolled_back"
        why = f"rolled back: {state.get('trigger')}" + (f"; {len(left)} post(s) still live" if left else "")
    elif counts.get("denied") and not (counts.get("published") or counts.get("reconciled")):
        status, why = "denied", "the policy gate refused every post: " + _first_reason(rows, "denied")
    elif counts.get("unconfirmed") or counts.get("failed") or counts.get("sending"):
        status, why = "needs_attention", "some posts are unconfirmed or failed: " + _counts_text(counts)
    elif counts.get("withdrawn"):
        status, why = "halted", "the launch was halted: " + _counts_text(counts)
    else:
        status, why = "completed", _counts_text(counts)
    mark_campaign(db, tid, cid, status=status, actor_id=PUBLISHER, reason=why)
    return {"status": status, "message": why, "ledger": counts}


def _first_reason(rows: list[ledger.LedgerRow], state: str) -> str:
    return next((str(r.reason) for r in rows if r.state == state and r.reason), "no reason recorded")


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
