"""The campaign waits for a human decision: four-eyes via the policy gate, rounds of changes, expiry."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from temporalio.client import Client

from core.db import tenant_session
from core.identity import Principal, create_api_key
from core.models import Approval, AuditEvent, Campaign, Chunk, DecisionCardRow, PostVariantRow, Workspace
from core.settings import Settings
from workflows.activities import CampaignRequest
from workflows.decisions import campaign_status, decide_campaign, principal_from_key
from workflows.runner import run_campaign

pytestmark = pytest.mark.slow


@dataclass
class Team:
    tenant: uuid.UUID
    marketer: Principal
    approver: Principal
    approver2: Principal
    other_marketer: Principal
    evaluator: Principal
    admin: Principal


@pytest.fixture
def team(engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]) -> Team:
    tid = make_tenant()

    def member(role: str) -> Principal:
        key = create_api_key(engine, tid, role, email=f"{role}-{uuid.uuid4().hex[:6]}@t.test").key
        return principal_from_key(settings, key)

    return Team(tid, member("marketer"), member("approver"), member("approver"), member("marketer"),
                member("evaluator"), member("admin"))


def _fast(settings: Settings, **timers: float) -> Settings:
    return settings.model_copy(update={"approval_reminder_s": 3600, "approval_expiry_s": 7200, **timers})


async def _start(settings: Settings, team: Team, url: str, *, workspace_id: str | None = None,
                 embedder: str = "hashing", **timers: float) -> dict[str, Any]:
    req = CampaignRequest(tenant_id=str(team.tenant), brand_url=url, request_id=uuid.uuid4().hex,
                          requested_by=str(team.marketer.user_id), seed=5, iterations=2000, embedder=embedder,
                          start_date="2026-12-01", workspace_id=workspace_id)
    result = await run_campaign(_fast(settings, **timers), req, inline_worker=False)
    assert result["status"] == "awaiting_approval", result
    return result


async def _final(client: Client, result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = await asyncio.wait_for(client.get_workflow_handle(result["workflow_id"]).result(), 120)
    return out


def _campaign_row(engine: Engine, team: Team, campaign_id: str) -> Campaign:
    with tenant_session(engine, team.tenant) as s:
        row = s.get(Campaign, uuid.UUID(campaign_id))
    assert row is not None
    return row


async def test_approve_ends_approved_with_a_recorded_decision(
    settings: Settings, shared_worker: Client, team: Team, coffee_site: str, engine: Engine,
) -> None:
    # One end-to-end run with the real MiniLM embedder (the others use the hashing double for speed).
    run = await _start(settings, team, coffee_site, embedder="minilm")
    cid = run["campaign_id"]
    out = await decide_campaign(settings, team.approver, cid, "approve", comment="looks right")
    assert out.accepted, out
    final = await _final(shared_worker, run)
    assert final["status"] == "approved"
    assert _campaign_row(engine, team, cid).status == "approved"
    with tenant_session(engine, team.tenant) as s:
        rows = s.execute(select(Approval).where(Approval.campaign_id == uuid.UUID(cid))).scalars().all()
        assert [(r.decision, r.approver_id, r.card_sha256) for r in rows] == [
            ("approve", team.approver.user_id, run["card_sha256"])]
        actions = set(s.execute(select(AuditEvent.action)).scalars())
        models = set(s.execute(select(Chunk.embedding_model)).scalars())
    assert {"approval.approve", "campaign.approved"} <= actions
    assert models and all("minilm" in m.lower() for m in models), models


async def test_reject_ends_rejected(settings: Settings, shared_worker: Client, team: Team, coffee_site: str,
                                    engine: Engine) -> None:
    run = await _start(settings, team, coffee_site, quick_step_timeout_s=25)
    assert (await decide_campaign(settings, team.approver, run["campaign_id"], "reject", comment="off brand")).accepted
    assert (await _final(shared_worker, run))["status"] == "rejected"
    assert _campaign_row(engine, team, run["campaign_id"]).status == "rejected"
    # The run's quick steps were scheduled with the setting's start-to-close timeout, fixed at its start.
    quick = {"verify_start_activity", "start_campaign_activity", "record_decision_activity",
             "finish_campaign_activity"}
    timeouts = {}
    async for event in shared_worker.get_workflow_handle(run["workflow_id"]).fetch_history_events():
        if event.HasField("activity_task_scheduled_event_attributes"):
            attrs = event.activity_task_scheduled_event_attributes
            if attrs.activity_type.name in quick:
                timeouts[attrs.activity_type.name] = attrs.start_to_close_timeout.ToSeconds()
    assert timeouts == dict.fromkeys(quick, 25), timeouts


async def test_request_changes_revises_posts_and_card_then_approve(
    settings: Settings, shared_worker: Client, team: Team, coffee_site: str, engine: Engine,
) -> None:
    run = await _start(settings, team, coffee_site)
    cid, first_hash = run["campaign_id"], run["card_sha256"]
    with tenant_session(engine, team.tenant) as s:
        first_posts = {r.id: r.text for r in s.execute(select(PostVariantRow)).scalars()}
    out = await decide_campaign(settings, team.approver, cid, "request_changes", comment="warmer tone, fewer emoji")
    assert out.accepted, out

    async def revised() -> dict[str, Any]:
        while True:
            st = await campaign_status(settings, str(team.tenant), cid)
            if st["status"] == "awaiting_approval" and st["round"] == 1:
                return st
            await asyncio.sleep(0.5)

    st = await asyncio.wait_for(revised(), 120)
    assert st["card_sha256"] != first_hash and len(st["cards"]) == 2  # the old card stays stored
    with tenant_session(engine, team.tenant) as s:
        posts = {r.id: r.text for r in s.execute(select(PostVariantRow)).scalars()}
    new_posts = {k: v for k, v in posts.items() if k not in first_posts}
    assert len(new_posts) == len(first_posts) and set(first_posts) <= set(posts)
    # Approving the card they saw first is refused: it is stale.
    stale = await decide_campaign(settings, team.approver, cid, "approve", card_sha256=first_hash)
    assert not stale.accepted and "stale" in (stale.reason or "")
    assert (await decide_campaign(settings, team.approver, cid, "approve")).accepted
    final = await _final(shared_worker, run)
    assert final["status"] == "approved" and final["round"] == 1


async def test_no_decision_expires_after_a_reminder(settings: Settings, shared_worker: Client, team: Team,
                                                    coffee_site: str, engine: Engine) -> None:
    run = await _start(settings, team, coffee_site, approval_reminder_s=2, approval_expiry_s=4)
    assert (await _final(shared_worker, run))["status"] == "expired"
    assert _campaign_row(engine, team, run["campaign_id"]).status == "expired"
    late = await decide_campaign(settings, team.approver, run["campaign_id"], "approve")
    assert not late.accepted and "expired" in (late.reason or "")
    with tenant_session(engine, team.tenant) as s:
        actions = list(s.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars())
    assert actions.index("approval.reminder") < actions.index("approval.expired")
    assert "approval.refused" in actions


async def test_two_approver_policy_needs_two_distinct_approvers(
    settings: Settings, shared_worker: Client, team: Team, coffee_site: str, engine: Engine,
) -> None:
    first = await _start(settings, team, coffee_site)
    # The marketer accepts the contract card with a two-approver policy; later runs keep it.
    with tenant_session(engine, team.tenant) as s:
        campaign = s.get(Campaign, uuid.UUID(first["campaign_id"]))
        assert campaign is not None
        ws = s.get(Workspace, campaign.workspace_id)
        assert ws is not None and ws.contract_card
        ws.contract_card = {**ws.contract_card, "draft": False,
                            "approval_policy": {**ws.contract_card["approval_policy"], "required_approvers": 2}}
        ws_id = str(ws.id)
    run = await _start(settings, team, coffee_site, workspace_id=ws_id)
    cid = run["campaign_id"]
    assert (await decide_campaign(settings, team.approver, cid, "approve")).accepted
    again = await decide_campaign(settings, team.approver, cid, "approve")
    assert not again.accepted and "already approved" in (again.reason or "")
    st = await campaign_status(settings, str(team.tenant), cid)
    assert st["status"] == "awaiting_approval" and st["pending_approvers"] == 1
    assert (await decide_campaign(settings, team.approver2, cid, "approve")).accepted
    assert (await _final(shared_worker, run))["status"] == "approved"


async def test_refusals_leave_the_campaign_unchanged(
    settings: Settings, shared_worker: Client, team: Team, coffee_site: str, engine: Engine,
    make_tenant: Callable[[], uuid.UUID],
) -> None:
    run = await _start(settings, team, coffee_site)
    cid = run["campaign_id"]
    cases = {
        "requester": (team.marketer, "approve"),
        "another marketer": (team.other_marketer, "approve"),
        "evaluator": (team.evaluator, "approve"),
        "admin approving": (team.admin, "approve"),
        "marketer cancelling another's campaign": (team.other_marketer, "cancel"),
    }
    for label, (who, kind) in cases.items():
        out = await decide_campaign(settings, who, cid, kind)
        assert not out.accepted and out.reason, label
    # Another tenant's approver cannot even see the campaign.
    other = make_tenant()
    outsider = principal_from_key(settings, create_api_key(engine, other, "approver", email="o@x.test").key)
    from core.errors import NotFound

    with pytest.raises(NotFound):
        await decide_campaign(settings, outsider, cid, "approve")
    # A forged decision (valid user, no token) sent straight to Temporal is refused too.
    from workflows.approval import DecisionRequest
    from workflows.campaign import CampaignWorkflow

    forged = await shared_worker.get_workflow_handle(run["workflow_id"]).execute_update(
        CampaignWorkflow.decide, DecisionRequest(kind="approve", user_id=str(team.approver.user_id),
                                                 card_sha256=run["card_sha256"]))
    assert not forged.accepted and "unsigned" in (forged.reason or "")
    st = await campaign_status(settings, str(team.tenant), cid)
    assert st["status"] == "awaiting_approval" and st["decisions"] == []
    with tenant_session(engine, team.tenant) as s:
        refusals = s.execute(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "approval.refused")).scalar_one()
        cards = s.execute(select(func.count()).select_from(DecisionCardRow)).scalar_one()
    assert refusals == len(cases) + 1 and cards == 1
    # The requester may cancel their own campaign; then a decision on the finished campaign is refused.
    assert (await decide_campaign(settings, team.marketer, cid, "cancel")).accepted
    assert (await _final(shared_worker, run))["status"] == "cancelled"
    late = await decide_campaign(settings, team.approver, cid, "approve")
    assert not late.accepted and "cancelled" in (late.reason or "")
