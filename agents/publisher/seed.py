"""The minimal approved campaign a ledger row hangs off, for the publish benches and the ledger tests.

Workspace (live), marketer and approver, campaign, a plan item and a post per text, a simulation run,
a decision card and the approval. Nothing here runs an agent: the rows are what the publisher reads.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from core.db import tenant_session
from core.models import (
    Approval,
    Campaign,
    DecisionCardRow,
    PlanItem,
    PostVariantRow,
    SimulationRunRow,
    User,
    Workspace,
)


@dataclass(frozen=True)
class ApprovedCampaign:
    tenant_id: str
    campaign_id: str
    approval_id: str
    variants: list[tuple[str, str, str]]  # (variant id, channel, text)


def seed_approved_campaign(db: Engine, tenant_id: uuid.UUID, posts: list[tuple[str, str]], *,
                           label: str = "seed", status: str = "approved") -> ApprovedCampaign:
    """An approved campaign in ``tenant_id`` carrying ``posts`` as (channel, text) pairs."""
    tag = uuid.uuid4().hex[:8]
    with tenant_session(db, tenant_id) as s:
        marketer = User(tenant_id=tenant_id, email=f"m-{tag}@{label}.test", role="marketer")
        approver = User(tenant_id=tenant_id, email=f"a-{tag}@{label}.test", role="approver")
        ws = Workspace(tenant_id=tenant_id, name=f"{label}-{tag}", mode="live", contract_card={"mode": "live"})
        s.add_all([marketer, approver, ws])
        s.flush()
        camp = Campaign(tenant_id=tenant_id, workspace_id=ws.id, name=f"{label} launch", requested_by=marketer.id,
                        status=status)
        s.add(camp)
        s.flush()
        items = [PlanItem(tenant_id=tenant_id, campaign_id=camp.id, channel=channel,
                          scheduled_for=datetime.now(UTC), topic=label) for channel, _ in posts]
        s.add_all(items)
        s.flush()
        rows = [PostVariantRow(tenant_id=tenant_id, campaign_id=camp.id, plan_item_id=item.id, channel=channel,
                               text=text) for item, (channel, text) in zip(items, posts, strict=True)]
        run = SimulationRunRow(tenant_id=tenant_id, campaign_id=camp.id, seed=1, iterations=1, input={},
                               summary={})
        s.add_all([*rows, run])
        s.flush()
        card = DecisionCardRow(tenant_id=tenant_id, campaign_id=camp.id, simulation_run_id=run.id, card={},
                               card_sha256="0" * 64)
        s.add(card)
        s.flush()
        approval = Approval(tenant_id=tenant_id, campaign_id=camp.id, decision_card_id=card.id,
                            approver_id=approver.id, requester_id=marketer.id, decision="approve")
        s.add(approval)
        s.flush()
        return ApprovedCampaign(str(tenant_id), str(camp.id), str(approval.id),
                                [(str(r.id), r.channel, r.text) for r in rows])
