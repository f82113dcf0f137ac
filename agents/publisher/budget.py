"""Money: spend recorded per campaign and channel (LLM tokens, paid promotion), and what is left.

The contract card's ``budget_cap`` per channel is the workspace's cap for that channel; what every
campaign of the workspace has spent on it counts against it. The policy gate judges each spend and
each publish against these figures (``budget.*`` in the Rego bundle): 80 % of a cap obliges a cheaper
model, 100 % denies every further spend and publish.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.contracts.brand import ChannelBudget
from core.models import Campaign, SpendRecord


def spent_by_channel(session: Session, workspace_id: uuid.UUID) -> dict[str, float]:
    """Major units spent per channel by every campaign of the workspace (inside a tenant session)."""
    rows = session.execute(
        select(SpendRecord.channel, func.sum(SpendRecord.amount_cents))
        .join(Campaign, (Campaign.id == SpendRecord.campaign_id) & (Campaign.tenant_id == SpendRecord.tenant_id))
        .where(Campaign.workspace_id == workspace_id).group_by(SpendRecord.channel)).all()
    return {channel: int(cents or 0) / 100 for channel, cents in rows}


def promotion_per_post(contract_card: Mapping[str, Any], channel: str, posts_on_channel: int) -> float:
    """Paid promotion one published post spends: the channel's planned paid spend, per post.

    The same figure the simulator plans with (``ChannelBudget.planned_paid_spend``), so the card's cost
    interval and the recorded spend describe one plan. A channel without a cap is organic: 0.
    """
    budget = next((ChannelBudget.model_validate(c) for c in contract_card.get("channels", [])
                   if c.get("channel") == channel), None)
    if budget is None or budget.budget_cap <= 0 or posts_on_channel <= 0:
        return 0.0
    return round(budget.planned_paid_spend() / posts_on_channel, 2)


def record_spend(session: Session, tenant_id: uuid.UUID, campaign_id: uuid.UUID, channel: str, kind: str,
                 amount: float, *, model: str | None = None, detail: dict[str, Any] | None = None,
                 once: str | None = None) -> bool:
    """Append one spend record (rounded up to a cent). With ``once`` (e.g. a ledger row or post id) a
    retried activity does not count the same spend twice."""
    if once is not None:
        done = session.execute(select(SpendRecord.id).where(
            SpendRecord.campaign_id == campaign_id, SpendRecord.detail["once"].astext == once)).first()
        if done is not None:
            return False
        detail = {**(detail or {}), "once": once}
    cents = int(-(-round(amount * 100, 6) // 1))  # ceil: never under-count money
    session.add(SpendRecord(tenant_id=tenant_id, campaign_id=campaign_id, channel=channel, kind=kind,
                            amount_cents=max(0, cents), model=model, detail=detail or {}))
    return True
