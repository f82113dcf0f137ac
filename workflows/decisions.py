"""Campaign status and human decisions, as the CLI (and later the API) offer them.

The caller proves who they are with their own API key; the user id is taken from the key, never from
the command line, and the role is read from the database by the workflow's decision activity.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from temporalio.client import WorkflowExecutionStatus
from temporalio.service import RPCError

from agents.campaign.store import mark_campaign
from agents.publisher import ledger
from agents.publisher.sending import describe
from core.audit import record_event
from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import InvalidInput, NotFound
from core.identity import Principal, authenticate
from core.keys import keyring
from core.models import Approval, Campaign, DecisionCardRow
from core.settings import Settings
from workflows.approval import KINDS, DecisionOutcome, DecisionRequest
from workflows.campaign import CampaignWorkflow
from workflows.signing import sign_decision
from workflows.worker import connect, make_worker, register_dependencies

log = logging.getLogger(__name__)

#: How long the status view waits for a running workflow to answer its query.
STATUS_QUERY_TIMEOUT = timedelta(seconds=5)
#: How long a manual rollback waits for a running launch to roll itself back before doing it here.
ROLLBACK_WAIT_S = 60.0


def principal_from_key(settings: Settings, raw_key: str) -> Principal:
    """Who is deciding: the API key's user (Unauthorized when the key is not valid)."""
    return authenticate(app_engine(settings), raw_key.strip())


def _campaign(settings: Settings, tenant_id: uuid.UUID, campaign_id: str) -> Campaign:
    try:
        cid = uuid.UUID(campaign_id)
    except ValueError:
        raise InvalidInput(f"campaign id {campaign_id!r} is not a UUID") from None
    with tenant_session(app_engine(settings), tenant_id) as session:
        campaign = session.get(Campaign, cid)
    if campaign is None or not campaign.workflow_id:
        raise NotFound(f"campaign {campaign_id} not found in this tenant")
    return campaign


def list_campaigns(settings: Settings, tenant: str) -> list[dict[str, Any]]:
    """The tenant's campaigns, newest first."""
    tid = parse_tenant_id(tenant)
    with tenant_session(app_engine(settings), tid) as session:
        rows = session.execute(select(Campaign).order_by(Campaign.created_at.desc())).scalars().all()
        return [{"id": str(c.id), "name": c.name, "status": c.status, "created_at": c.created_at.isoformat(),
                 "requested_by": str(c.requested_by) if c.requested_by else None} for c in rows]


async def campaign_status(settings: Settings, tenant: str, campaign_id: str) -> dict[str, Any]:
    """The database's view plus the running workflow's (step, card hash, pending approvers, decisions)."""
    tid = parse_tenant_id(tenant)
    campaign = _campaign(settings, tid, campaign_id)
    with tenant_session(app_engine(settings), tid) as session:
        cards = session.execute(select(DecisionCardRow.id, DecisionCardRow.card_sha256, DecisionCardRow.created_at)
                                .where(DecisionCardRow.campaign_id == campaign.id)
                                .order_by(DecisionCardRow.created_at)).all()
        approvals = session.execute(select(Approval).where(Approval.campaign_id == campaign.id)
                                    .order_by(Approval.created_at)).scalars().all()
        decisions = [{"decision": a.decision, "user_id": str(a.approver_id) if a.approver_id else None,
                      "automatic": a.automatic, "comment": a.comment, "card_sha256": a.card_sha256,
                      "round": a.round, "at": a.created_at.isoformat()} for a in approvals]
    out: dict[str, Any] = {
        "campaign_id": str(campaign.id), "name": campaign.name, "status": campaign.status,
        "workflow_id": campaign.workflow_id, "decisions": decisions,
        "cards": [{"id": str(c[0]), "card_sha256": c[1], "created_at": c[2].isoformat()} for c in cards],
        "ended": (campaign.brief or {}).get("ended"),
        # Every post of the launch and its state: unconfirmed rows are the approver's to look at.
        "ledger": [describe(r) for r in ledger.rows_of(app_engine(settings), str(tid), str(campaign.id))],
        "publish_halt": campaign.publish_halt,
    }
    client = await connect(settings)
    handle = client.get_workflow_handle(str(campaign.workflow_id))
    try:
        desc = await handle.describe()
        if desc.status == WorkflowExecutionStatus.RUNNING:
            # Queries need a worker; without one the status page still answers (from the database).
            live = await handle.query("status", result_type=dict, rpc_timeout=STATUS_QUERY_TIMEOUT)
            out.update({k: live[k] for k in ("status", "stage", "decision_card_id", "card_sha256", "round",
                                             "required_approvers", "approved_by", "pending_approvers")})
            if live.get("launch"):
                out["launch"] = live["launch"]
        else:
            out["workflow_status"] = desc.status.name.lower() if desc.status else None
    except RPCError:
        out["workflow_status"] = "unknown"
    return out


async def rollback(settings: Settings, principal: Principal, campaign_id: str, reason: str) -> dict[str, Any]:
    """Pull a campaign's launch back: halt it, then delete every published post.

    While the campaign's workflow still runs, its publisher sees the halt and rolls back itself (this
    waits for that); once it has ended, the rollback runs here (it is idempotent: run it again after a
    crash). An evaluator may not roll back; every other role may (it only ever removes posts).
    """
    from agents.publisher.accounts import open_connectors
    from agents.publisher.rollback import rollback_campaign

    if principal.role == "evaluator":
        raise InvalidInput("an evaluator may not roll back a campaign")
    campaign = _campaign(settings, principal.tenant_id, campaign_id)
    db, tid, actor = app_engine(settings), str(principal.tenant_id), str(principal.user_id)
    ledger.halt_campaign(db, tid, str(campaign.id), f"manual rollback by {actor}: {reason}", actor)
    handle = (await connect(settings)).get_workflow_handle(str(campaign.workflow_id))
    try:
        running = (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
    except RPCError:
        running = False
    if running:
        try:
            await asyncio.wait_for(handle.result(), timeout=ROLLBACK_WAIT_S)
        except Exception as exc:  # timed out or failed: the rollback below works from the ledger either way
            log.warning("campaign %s did not end by itself: %s", campaign.id, type(exc).__name__)
    result = await asyncio.to_thread(rollback_campaign, db, tid, str(campaign.id), f"manual: {reason}", actor,
                                     open_connectors(db, settings, tid))
    mark_campaign(db, tid, str(campaign.id), status="needs_attention" if result["left_live"] else "rolled_back",
                  actor_id=actor, reason=f"manual rollback: {reason}")
    return {**result, "ledger": [describe(r) for r in ledger.rows_of(db, tid, str(campaign.id))]}


async def decide_campaign(settings: Settings, principal: Principal, campaign_id: str, kind: str, *,
                          comment: str = "", card_sha256: str | None = None,
                          serve: bool = False) -> DecisionOutcome:
    """Send one decision to the campaign's workflow and return whether it was accepted (and why not).

    With ``serve`` this process also serves the shared task queue while it waits (a one-machine
    install may have no `smm worker` running; the decision runs an activity).
    """
    if not serve:
        return await _decide(settings, principal, campaign_id, kind, comment=comment, card_sha256=card_sha256)
    client = await connect(settings)
    register_dependencies(settings)
    async with make_worker(client, settings.task_queue):
        outcome = await _decide(settings, principal, campaign_id, kind, comment=comment, card_sha256=card_sha256)
        await _settle(settings, principal, campaign_id)
        return outcome


async def _settle(settings: Settings, principal: Principal, campaign_id: str, timeout_s: float = 600.0) -> None:
    # A final decision ends the workflow with one more activity (the campaign's status): let it finish
    # while this process still serves the queue.
    campaign = _campaign(settings, principal.tenant_id, campaign_id)
    handle = (await connect(settings)).get_workflow_handle(str(campaign.workflow_id))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while loop.time() < deadline:
        desc = await handle.describe()
        if desc.status != WorkflowExecutionStatus.RUNNING:
            return
        live = await handle.query("status", result_type=dict)
        if live["status"] == "awaiting_approval":
            return  # waiting for more approvers, or a revised card is ready
        await asyncio.sleep(0.5)


async def _decide(settings: Settings, principal: Principal, campaign_id: str, kind: str, *,
                  comment: str, card_sha256: str | None) -> DecisionOutcome:
    if kind not in KINDS:
        raise InvalidInput(f"unknown decision {kind!r}; expected one of {', '.join(KINDS)}")
    if len(comment) > 4000:
        raise InvalidInput("--comment must be at most 4000 characters")
    campaign = _campaign(settings, principal.tenant_id, campaign_id)
    wid = str(campaign.workflow_id)
    client = await connect(settings)
    handle = client.get_workflow_handle(wid)
    desc = await handle.describe()
    if desc.status != WorkflowExecutionStatus.RUNNING:
        reason = f"the campaign is {campaign.status}: nothing is waiting for a decision"
        _record_refusal(settings, principal, campaign, kind, reason)
        return DecisionOutcome(False, kind, str(principal.user_id), reason, conflict=True)
    if card_sha256 is None:  # the card the approver was shown by `status`: the current one
        card_sha256 = (await handle.query("status", result_type=dict)).get("card_sha256") or ""
    request = DecisionRequest(kind=kind, user_id=str(principal.user_id), comment=comment, card_sha256=card_sha256)
    request = dataclasses.replace(request, token=sign_decision(keyring(settings), request, wid))
    outcome: DecisionOutcome = await handle.execute_update(CampaignWorkflow.decide, request)
    if outcome.accepted and kind == "cancel":
        live = await handle.query("status", result_type=dict)
        if live["status"] == "running":  # the pipeline is still working: cancel the workflow itself
            await handle.cancel()
    return outcome


def _record_refusal(settings: Settings, principal: Principal, campaign: Campaign, kind: str, reason: str) -> None:
    with tenant_session(app_engine(settings), principal.tenant_id) as session:
        record_event(session, principal.tenant_id, actor=str(principal.user_id), action="approval.refused",
                     resource_type="campaign", resource_id=campaign.id, payload={"kind": kind, "reason": reason})
