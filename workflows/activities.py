"""Campaign activities that are not LangGraph nodes: the research gate, state preparation, campaign rows.

Activities are synchronous (database and policy engine are blocking) and run on the worker's thread
pool. Each takes one dataclass input, as Temporal's samples do.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from temporalio import activity

from agents.publisher.budget import spent_by_channel
from agents.research.config import LLMSpec
from agents.research.onboarding import OnboardRequest, gate_research, research_config
from core.audit import record_event
from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import InvalidInput, NotFound, PolicyDenied, StartRefused
from core.identity import get_tenant
from core.keys import keyring
from core.models import BrandTwinRow, Campaign, PostVariantRow, PublishLedger, Tenant, User, Workspace
from core.settings import get_settings
from workflows.signing import verify_start

#: The name under which the worker registers the Postgres research store (graph state carries names).
POSTGRES_STORE = "postgres"


@dataclass(frozen=True)
class CampaignRequest:
    """Everything a campaign run needs; the workflow's single input."""

    tenant_id: str
    brand_url: str
    request_id: str = ""  # the caller's id for this run: the same id attaches to the same run
    name: str = "Launch campaign"
    requested_by: str | None = None  # user id of the marketer (its role is read from the database)
    seed: int = 42
    iterations: int | None = None
    posts_per_channel: int = 2
    start_date: str | None = None  # ISO date; default: the workflow's start date
    embedder: str = "minilm"
    max_pages: int = 30
    region: str | None = None
    monthly_budget: float = 3000.0
    workspace_id: str | None = None  # an existing workspace: its accepted contract card is kept
    # Approval timers and rounds (from settings, fixed at start so a run's rules never change under it).
    approval_reminder_s: int = 24 * 3600
    approval_expiry_s: int = 72 * 3600
    approval_max_rounds: int = 3
    quick_step_timeout_s: float = 60.0  # settings.quick_step_timeout_s, fixed at start
    # The launch watch after approval (from settings, fixed at start like the approval timers).
    canary_window_s: float = 600.0
    full_window_s: float = 600.0
    monitor_poll_s: float = 15.0
    start_token: str | None = None  # set by workflows.signing.sign_start; verified by the first activity
    # The W3C trace id of the API request that started the run; the run's trace id (its decision card's
    # proofs.trace_id). Unset (CLI, demo): the workflow id is the trace id, as before.
    trace_id: str | None = None


@dataclass(frozen=True)
class GateResult:
    """A policy answer, small enough for workflow history."""

    allow: bool
    decision_id: str | None
    deny: list[str]


@dataclass(frozen=True)
class Actor:
    """Who asks, as the database knows them (never as the request claims)."""

    id: str
    role: str


#: Without a user, the run was started by the operator through the CLI (who holds database credentials).
OPERATOR = Actor(id="cli", role="marketer")


def resolve_actor(session: Session, requested_by: str | None) -> Actor:
    """The requesting user and their role from `users`; a workflow input cannot claim a role."""
    if requested_by is None:
        return OPERATOR
    try:
        uid = uuid.UUID(requested_by)
    except ValueError:
        raise InvalidInput(f"requested_by {requested_by!r} is not a user id") from None
    user = session.get(User, uid)
    if user is None:
        raise NotFound(f"user {requested_by} not found in this tenant")
    return Actor(id=str(user.id), role=user.role)


def _onboard_request(req: CampaignRequest, actor: Actor) -> OnboardRequest:
    # Local targets: only the installation setting (development) opens them for workflow runs.
    return OnboardRequest(url=req.brand_url, tenant_id=req.tenant_id, actor_id=actor.id, actor_role=actor.role,
                          region=req.region, monthly_budget=req.monthly_budget, embedder=req.embedder,
                          max_pages=req.max_pages)


@dataclass(frozen=True)
class VerifyStart:
    """Input of `verify_start_activity`."""

    request: CampaignRequest
    workflow_id: str


@activity.defn
def verify_start_activity(inp: VerifyStart) -> str | None:
    """None when the start was signed by us for exactly this run; else the refusal (audited, non-retryable).

    Nothing else is written for an unsigned start: the audit event is the only trace it leaves.
    """
    return refuse_unsigned_start(inp.request, inp.workflow_id)


def refuse_unsigned_start(request: Any, workflow_id: str) -> str | None:
    """None when we signed exactly this start (campaign or onboarding); else the refusal, audited in the
    claimed tenant when it exists."""
    settings = get_settings()
    try:
        verify_start(keyring(settings), request, workflow_id)
        return None
    except StartRefused as exc:
        reason = str(exc)
    try:
        tid = parse_tenant_id(request.tenant_id)
    except InvalidInput:
        return reason
    with tenant_session(app_engine(settings), tid) as session:
        if session.get(Tenant, tid) is not None:
            record_event(session, tid, actor="unverified", action="workflow.start_refused",
                         resource_type="workflow", resource_id=workflow_id,
                         payload={"reason": reason, "claimed_actor": request.requested_by,
                                  "at": int(time.time())})
    return reason


@dataclass(frozen=True)
class FinishCampaign:
    """Input of `finish_campaign_activity`: a campaign that ends without a card."""

    tenant_id: str
    campaign_id: str
    status: str  # failed | cancelled
    stage: str
    reason: str


@activity.defn
def finish_campaign_activity(inp: FinishCampaign) -> None:
    """Record why a campaign ended early (status, stage, reason) with an audit event."""
    tid = parse_tenant_id(inp.tenant_id)
    with tenant_session(app_engine(get_settings()), tid) as session:
        campaign = session.get(Campaign, uuid.UUID(inp.campaign_id))
        if campaign is None:
            raise NotFound(f"campaign {inp.campaign_id} not found")
        if campaign.status == inp.status:
            return  # a retried activity already did it
        campaign.status = inp.status
        campaign.brief = {**(campaign.brief or {}), "ended": {"stage": inp.stage, "reason": inp.reason[:2000]}}
        record_event(session, tid, actor="workflow", action=f"campaign.{inp.status}", resource_type="campaign",
                     resource_id=campaign.id, payload={"stage": inp.stage, "reason": inp.reason[:2000]})


@activity.defn
def gate_research_activity(req: CampaignRequest) -> GateResult:
    """Check the tenant exists and ask the gate whether this crawl may start (recorded either way)."""
    settings = get_settings()
    db = app_engine(settings)
    tid = parse_tenant_id(req.tenant_id)
    with tenant_session(db, tid) as session:
        get_tenant(session, tid)
        actor = resolve_actor(session, req.requested_by)
    try:
        decision = gate_research(db, settings, _onboard_request(req, actor))
    except PolicyDenied as exc:
        return GateResult(allow=False, decision_id=exc.decision_id, deny=list(exc.reasons))
    return GateResult(allow=True, decision_id=decision.decision_id, deny=[])


@dataclass(frozen=True)
class PrepareResearch:
    """Input of `prepare_research_activity`."""

    request: CampaignRequest
    run_id: str


@activity.defn
def prepare_research_activity(inp: PrepareResearch) -> dict[str, Any]:
    """The research graph's initial state, persisting through the worker's Postgres store."""
    settings = get_settings()
    config = research_config(settings, _onboard_request(inp.request, OPERATOR)).model_copy(
        update={"store_key": POSTGRES_STORE})
    return {"run_id": inp.run_id, "tenant_id": str(parse_tenant_id(inp.request.tenant_id)),
            "workspace_id": inp.request.workspace_id,
            "url": inp.request.brand_url, "config": config.model_dump(mode="json"), "usage": []}


@dataclass(frozen=True)
class StartCampaign:
    """Input of `start_campaign_activity`."""

    request: CampaignRequest
    brand_twin_id: str
    workflow_id: str
    start_date: str


@activity.defn
def start_campaign_activity(inp: StartCampaign) -> dict[str, Any]:
    """Create the campaign row and return the campaign graph's initial state."""
    req = inp.request
    settings = get_settings()
    tid = parse_tenant_id(req.tenant_id)
    with tenant_session(app_engine(settings), tid) as session:
        twin = session.get(BrandTwinRow, uuid.UUID(inp.brand_twin_id))
        if twin is None or twin.workspace_id is None:
            raise NotFound(f"brand twin {inp.brand_twin_id} (with a workspace) not found")
        ws = session.get(Workspace, twin.workspace_id)
        assert ws is not None  # composite foreign key
        actor = resolve_actor(session, req.requested_by)
        requester = uuid.UUID(actor.id) if actor is not OPERATOR else None
        # A retried activity finds the campaign it already created for this workflow.
        campaign = session.execute(
            select(Campaign).where(Campaign.workflow_id == inp.workflow_id)).scalar_one_or_none()
        if campaign is None:
            campaign = Campaign(tenant_id=tid, workspace_id=ws.id, name=req.name, status="planning",
                                requested_by=requester, workflow_id=inp.workflow_id,
                                brief={"brand_url": req.brand_url, "brand_twin_id": inp.brand_twin_id,
                                       "seed": req.seed, "posts_per_channel": req.posts_per_channel})
            session.add(campaign)
            session.flush()
            record_event(session, tid, actor=actor.id, action="campaign.created",
                         resource_type="campaign", resource_id=campaign.id,
                         payload={"name": req.name, "workflow_id": inp.workflow_id, "workspace_id": str(ws.id)})
        published = _published_posts(session)
        workspace_doc = policy_workspace(ws, twin.data, spent_by_channel(session, ws.id))
        return {
            "tenant_id": str(tid), "campaign_id": str(campaign.id),
            "actor": {"id": actor.id, "role": actor.role},
            # The twin is stored: the graph state (copied into the history at every node) carries its id.
            "brand_twin_id": str(twin.id), "contract_card": ws.contract_card, "workspace": workspace_doc,
            "start_date": inp.start_date, "posts_per_channel": req.posts_per_channel, "seed": req.seed,
            "iterations": req.iterations, "published": published,
            "llm": LLMSpec(provider="env").model_dump(mode="json"), "embedder": req.embedder,
            "trace_id": req.trace_id or inp.workflow_id, "usage": [],
        }


def policy_workspace(ws: Workspace, twin: dict[str, Any], spent: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The workspace as the policy bundle sees it (see policies/inputs.py); ``spent`` per channel
    (agents.publisher.budget.spent_by_channel) makes the budget real, else nothing counts as spent."""
    card = ws.contract_card or {}
    channels = [c["channel"] for c in card.get("channels", [])]
    caps = {c["channel"]: float(c["budget_cap"]) for c in card.get("channels", [])}
    spent = spent or {}
    avoid = list(card.get("avoid_list") or twin.get("avoid_list") or [])
    return {
        "id": str(ws.id), "tenant_id": str(ws.tenant_id), "region": ws.region or card.get("region") or "global",
        "industry": twin.get("industry") or ws.industry or "general", "mode": ws.mode,
        "allow_local_targets": ws.allow_local_targets, "readiness_threshold": ws.readiness_threshold,
        "avoid_list": [str(a) for a in avoid],
        "budget": {"cap": sum(caps.values()), "spent": round(sum(spent.values()), 2),
                   "channels": {ch: {"cap": cap, "spent": spent.get(ch, 0.0)} for ch, cap in caps.items()}},
        # Connectors are a later concern: in shadow mode nothing is connected yet.
        "channels": {"allowed": channels, "connected": []},
    }


def _published_posts(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(PostVariantRow.id, PostVariantRow.channel, PostVariantRow.text, PublishLedger.sent_at)
        .join(PublishLedger, (PublishLedger.post_variant_id == PostVariantRow.id)
              & (PublishLedger.tenant_id == PostVariantRow.tenant_id))
        .where(PublishLedger.state.in_(("published", "reconciled")), PublishLedger.sent_at.is_not(None))
        .order_by(PublishLedger.sent_at.desc()).limit(500)
    ).all()
    return [{"id": str(r[0]), "channel": r[1], "text": r[2], "date": r[3].date().isoformat()} for r in rows
            if r[3] is not None]
