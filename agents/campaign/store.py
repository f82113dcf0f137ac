"""Persist a simulated campaign in one tenant transaction: plan items, posts, run + card, status, audit.

Rows get the ids the plan and the creative gave them (uuid5 of the campaign), so a retried activity
finds what a previous attempt committed instead of writing it twice. Any failure rolls the whole
transaction back: nothing is half-written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from core.audit import record_event
from core.contracts.campaign import CampaignPlan, PostVariant
from core.contracts.simulation import DecisionCard, SimulationInput
from core.db import tenant_session
from core.errors import NotFound
from core.models import Campaign, DecisionCardRow, PlanItem, PostVariantRow
from simulator.card import card_sha256
from simulator.engine import SimulationResult
from simulator.store import save_run_and_card

AWAITING_APPROVAL = "awaiting_approval"


@dataclass(frozen=True)
class PersistedCampaign:
    """Ids of what was stored."""

    simulation_run_id: str
    decision_card_id: str
    card_sha256: str
    plan_item_ids: list[str]
    post_ids: list[str]
    created: bool


def persist_campaign(
    db: Engine,
    tenant_id: str,
    *,
    campaign_id: str,
    actor_id: str,
    plan: CampaignPlan,
    posts: Sequence[PostVariant],
    inp: SimulationInput,
    result: SimulationResult,
    card: DecisionCard,
) -> PersistedCampaign:
    """Write everything in one transaction and mark the campaign ``awaiting_approval``."""
    tid = uuid.UUID(tenant_id)
    cid = uuid.UUID(campaign_id)
    with tenant_session(db, tid) as session:
        campaign = session.get(Campaign, cid, with_for_update=True)
        if campaign is None:
            raise NotFound(f"campaign {campaign_id} not found in this tenant")
        for item in plan.items:
            iid = uuid.UUID(item.id)
            if session.get(PlanItem, iid) is None:
                session.add(
                    PlanItem(
                        id=iid,
                        tenant_id=tid,
                        campaign_id=cid,
                        channel=item.channel,
                        scheduled_for=dt.datetime.combine(item.scheduled_at, dt.time(0, 0), tzinfo=dt.UTC),
                        topic=item.topic,
                        kpi_targets=item.kpi_targets.model_dump(mode="json", exclude_none=True),
                        token_estimate=item.token_estimate,
                        cost_estimate=round(item.cost_estimate, 4),
                    )
                )
        # Post rows reference plan items through a composite key: the items must exist first.
        session.flush()
        for post in posts:
            pid = uuid.UUID(post.id)
            if session.get(PostVariantRow, pid) is None:
                session.add(
                    PostVariantRow(
                        id=pid,
                        tenant_id=tid,
                        campaign_id=cid,
                        plan_item_id=uuid.UUID(post.plan_item_id),
                        channel=post.channel,
                        text=post.text,
                        hashtags=list(post.hashtags),
                        cited_fact_ids=list(post.cited_fact_ids),
                        disclosure_flags=post.disclosure_flags.model_dump(mode="json"),
                    )
                )
        session.flush()
        digest = card_sha256(card)
        run_uuid = uuid.UUID(card.proofs.simulation_run_id) if _is_uuid(card.proofs.simulation_run_id) else None
        existed = run_uuid is not None and session.get(DecisionCardRow, uuid.uuid5(run_uuid, digest)) is not None
        run_id, card_id = save_run_and_card(session, tid, inp, result, card, cid)
        campaign.status = AWAITING_APPROVAL
        if not existed:
            payload: dict[str, Any] = {
                "campaign_id": campaign_id,
                "decision_card_id": str(card_id),
                "simulation_run_id": str(run_id),
                "card_sha256": digest,
                "status": card.status,
                "readiness": card.readiness.mean,
                "policy_decision_ids": list(card.proofs.policy_decision_ids),
            }
            record_event(session, tid, actor=actor_id, action="decision_card.created",
                         resource_type="decision_card", resource_id=card_id, payload=payload)
    return PersistedCampaign(
        simulation_run_id=str(run_id),
        decision_card_id=str(card_id),
        card_sha256=digest,
        plan_item_ids=[i.id for i in plan.items],
        post_ids=[p.id for p in posts],
        created=not existed,
    )


def mark_campaign(db: Engine, tenant_id: str, campaign_id: str, *, status: str, actor_id: str,
                  reason: str) -> None:
    """Set a campaign's status with an audit event (used when the run stops early)."""
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        campaign = session.get(Campaign, uuid.UUID(campaign_id), with_for_update=True)
        if campaign is None:
            raise NotFound(f"campaign {campaign_id} not found in this tenant")
        campaign.status = status
        record_event(session, tid, actor=actor_id, action=f"campaign.{status}", resource_type="campaign",
                     resource_id=campaign_id, payload={"reason": reason[:1000]})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
