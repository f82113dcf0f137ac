"""The approval step: who may decide on a decision card, recorded by code (never by a model).

A decision reaches the workflow as a Temporal update carrying a token the CLI/API signed after it
authenticated the user by API key (workflows/signing.py). The activity here verifies the token, reads
the user's role from the database (never from the request), checks the card hash, asks the policy
gate (`campaign.approve`: an approver of the tenant who is not the requester), and records an
`approvals` row and an audit event, or an `approval.refused` audit event with the reason.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from temporalio import activity

from core.audit import record_event
from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import StartRefused
from core.keys import keyring
from core.models import Approval, Campaign, DecisionCardRow, PolicyDecisionRow, User, Workspace
from core.settings import get_settings
from workflows.signing import verify_decision

KINDS = ("approve", "reject", "request_changes", "cancel")
#: The gate action behind approve, reject and request_changes.
DECIDE_ACTION = "campaign.approve"


@dataclass(frozen=True)
class DecisionRequest:
    """One human decision as the CLI/API sends it (``token`` proves the user was authenticated)."""

    kind: str
    user_id: str
    comment: str = ""
    card_sha256: str = ""
    token: str = ""


@dataclass(frozen=True)
class DecisionContext:
    """What the workflow knows when a decision arrives."""

    tenant_id: str
    campaign_id: str
    workflow_id: str
    phase: str  # running | awaiting_approval | approved | rejected | expired | cancelled | failed
    card_id: str | None
    card_sha256: str | None
    approved_by: list[str] = field(default_factory=list)
    round: int = 0
    max_rounds: int = 3


@dataclass(frozen=True)
class DecisionOutcome:
    """Accepted or refused, with the reason; what the CLI/API shows."""

    accepted: bool
    kind: str
    user_id: str
    reason: str | None = None
    approval_id: str | None = None
    policy_decision_id: str | None = None
    #: A refusal about the campaign's state (stale card, already decided, finished), not about who asks.
    conflict: bool = False


@dataclass(frozen=True)
class RecordDecision:
    """Input of `record_decision_activity`."""

    decision: DecisionRequest
    context: DecisionContext


class _Refused(Exception):
    def __init__(self, reason: str, decision_id: str | None = None, *, conflict: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.decision_id, self.conflict = reason, decision_id, conflict


def card_policy_doc(session: Any, card: dict[str, Any]) -> dict[str, Any]:
    """The policy gate's ``decision_card`` input: readiness (its mean) and critical violations."""
    return {"readiness": float(card["readiness"]["mean"]), "critical_violations": critical_violations(session, card)}


def critical_violations(session: Any, card: dict[str, Any]) -> int:
    """Content reviews of the card's posts that the gate denied."""
    ids = [uuid.UUID(i) for i in card.get("proofs", {}).get("policy_decision_ids", [])]
    if not ids:
        return 0
    rows = session.execute(select(PolicyDecisionRow).where(PolicyDecisionRow.id.in_(ids))).scalars()
    return sum(1 for r in rows if not r.allow and r.input.get("action") == "content.review")


def _gate(session: Any, tid: uuid.UUID, user: User, campaign: Campaign, card_row: DecisionCardRow,
          ctx: DecisionContext) -> str | None:
    """Ask the gate whether this user may decide on this campaign; returns the decision id, raises on deny."""
    from policies.decide import decide
    from workflows.activities import policy_workspace

    ws = session.get(Workspace, campaign.workspace_id)
    twin_data: dict[str, Any] = {}
    doc = {
        "action": DECIDE_ACTION,
        "actor": {"id": str(user.id), "tenant_id": str(tid), "role": user.role},
        "resource": {"tenant_id": str(tid), "type": "campaign", "id": str(campaign.id)},
        "workspace": policy_workspace(ws, twin_data) if ws is not None else None,
        "approval": {"requester_id": str(campaign.requested_by) if campaign.requested_by else "cli"},
        "decision_card": card_policy_doc(session, card_row.card),
    }
    settings = get_settings()
    decision = decide(app_engine(settings), settings, tid, "main", {k: v for k, v in doc.items() if v is not None},
                      campaign_id=campaign.id)
    if not decision.allow:
        raise _Refused("policy: " + "; ".join(decision.deny), decision.decision_id)
    return decision.decision_id


def _check(session: Any, tid: uuid.UUID, d: DecisionRequest, ctx: DecisionContext) -> tuple[User, str | None]:
    if d.kind not in KINDS:
        raise _Refused(f"unknown decision {d.kind!r}; expected one of {', '.join(KINDS)}")
    try:
        verify_decision(keyring(get_settings()), d, ctx.workflow_id)
    except StartRefused as exc:
        raise _Refused(str(exc)) from None
    try:
        user = session.get(User, uuid.UUID(d.user_id))
    except ValueError:
        user = None
    if user is None:
        raise _Refused(f"unknown user {d.user_id} in this tenant")
    campaign = session.get(Campaign, uuid.UUID(ctx.campaign_id))
    if campaign is None:
        raise _Refused(f"campaign {ctx.campaign_id} not found")
    if d.kind == "cancel":
        if ctx.phase not in ("running", "awaiting_approval"):
            raise _Refused(f"the campaign is already {ctx.phase}", conflict=True)
        if user.role != "admin" and user.id != campaign.requested_by:
            raise _Refused("only an admin or the campaign's requester may cancel it")
        return user, None
    if ctx.phase != "awaiting_approval":
        raise _Refused(f"the campaign is {ctx.phase}, not awaiting approval", conflict=True)
    if not d.card_sha256 or d.card_sha256 != ctx.card_sha256:
        raise _Refused("stale decision card: the card was revised since you saw it "
                       f"(current card hash {ctx.card_sha256})", conflict=True)
    if d.kind == "approve" and d.user_id in ctx.approved_by:
        raise _Refused("you already approved this card; another approver must add theirs", conflict=True)
    if d.kind == "request_changes" and ctx.round >= ctx.max_rounds:
        raise _Refused(f"no revision rounds left ({ctx.max_rounds} used); approve or reject", conflict=True)
    card_row = session.get(DecisionCardRow, uuid.UUID(ctx.card_id)) if ctx.card_id else None
    if card_row is None:
        raise _Refused("the campaign has no decision card yet", conflict=True)
    return user, _gate(session, tid, user, campaign, card_row, ctx)


@activity.defn
def record_decision_activity(inp: RecordDecision) -> DecisionOutcome:
    """Verify, authorise and record one decision (or its refusal); idempotent per decision token."""
    d, ctx = inp.decision, inp.context
    tid = parse_tenant_id(ctx.tenant_id)
    db = app_engine(get_settings())
    with tenant_session(db, tid) as session:
        try:
            user, decision_id = _check(session, tid, d, ctx)
        except _Refused as refused:
            record_event(session, tid, actor=d.user_id[:100] or "unknown", action="approval.refused",
                         resource_type="campaign", resource_id=ctx.campaign_id,
                         payload={"kind": d.kind, "reason": refused.reason, "card_sha256": d.card_sha256,
                                  "policy_decision_id": refused.decision_id, "at": int(time.time())})
            return DecisionOutcome(False, d.kind, d.user_id, refused.reason, policy_decision_id=refused.decision_id,
                                   conflict=refused.conflict)
        campaign = session.get(Campaign, uuid.UUID(ctx.campaign_id))
        assert campaign is not None
        approval_id = None
        # The id follows from the signed token: a retried activity finds the row it already wrote.
        row_id = uuid.uuid5(uuid.NAMESPACE_URL, f"smm:approval:{d.token}")
        if session.get(Approval, row_id) is not None:
            return DecisionOutcome(True, d.kind, d.user_id, None, str(row_id), decision_id)
        if ctx.card_id is not None:  # a cancel before the first card is recorded by its audit event alone
            row = Approval(id=row_id, tenant_id=tid, campaign_id=campaign.id, decision_card_id=uuid.UUID(ctx.card_id),
                           approver_id=user.id, requester_id=campaign.requested_by, decision=d.kind,
                           comment=d.comment[:4000] or None, card_sha256=ctx.card_sha256, round=ctx.round)
            session.add(row)
            session.flush()
            approval_id = str(row.id)
        record_event(session, tid, actor=str(user.id), action=f"approval.{d.kind}", resource_type="campaign",
                     resource_id=campaign.id, payload={"approval_id": approval_id, "role": user.role,
                                                       "card_sha256": ctx.card_sha256, "round": ctx.round,
                                                       "comment": d.comment[:1000],
                                                       "policy_decision_id": decision_id})
        return DecisionOutcome(True, d.kind, d.user_id, None, approval_id, decision_id)


@dataclass(frozen=True)
class AutoApprove:
    """Input of `auto_approve_activity`: the contract card allows automatic approval of low risk."""

    tenant_id: str
    campaign_id: str
    card_id: str
    card_sha256: str


@activity.defn
def auto_approve_activity(inp: AutoApprove) -> str | None:
    """Approve automatically when the contract card allows it: shadow mode only, risk below the threshold.

    Returns the approval id, or None when the campaign does not qualify (a human must decide).
    """
    tid = parse_tenant_id(inp.tenant_id)
    with tenant_session(app_engine(get_settings()), tid) as session:
        campaign = session.get(Campaign, uuid.UUID(inp.campaign_id))
        card_row = session.get(DecisionCardRow, uuid.UUID(inp.card_id))
        ws = session.get(Workspace, campaign.workspace_id) if campaign else None
        if campaign is None or card_row is None or ws is None:
            return None
        policy = (ws.contract_card or {}).get("approval_policy") or {}
        threshold = float(policy.get("auto_approve_below") or 0.0)
        risk = 1.0 - float(card_row.card["readiness"]["mean"])
        if ws.mode != "shadow" or threshold <= 0 or risk >= threshold:
            return None
        existing = session.execute(select(Approval).where(
            Approval.campaign_id == campaign.id, Approval.card_sha256 == inp.card_sha256,
            Approval.automatic.is_(True))).scalar_one_or_none()
        if existing is not None:
            return str(existing.id)  # a retried activity
        row = Approval(tenant_id=tid, campaign_id=campaign.id, decision_card_id=card_row.id, approver_id=None,
                       requester_id=campaign.requested_by, decision="approve", automatic=True,
                       card_sha256=inp.card_sha256, comment=f"automatic: risk {risk:.3f} below {threshold}")
        session.add(row)
        session.flush()
        record_event(session, tid, actor="policy", action="approval.automatic", resource_type="campaign",
                     resource_id=campaign.id, payload={"approval_id": str(row.id), "risk": round(risk, 6),
                                                       "threshold": threshold, "card_sha256": inp.card_sha256})
        return str(row.id)


@dataclass(frozen=True)
class ApprovalEvent:
    """Input of `approval_event_activity`: a reminder or an expiry."""

    tenant_id: str
    campaign_id: str
    event: str  # reminder | expired
    pending: list[str] = field(default_factory=list)


@activity.defn
def approval_event_activity(inp: ApprovalEvent) -> None:
    """Record a reminder (and notify through the hook) or an expiry."""
    tid = parse_tenant_id(inp.tenant_id)
    with tenant_session(app_engine(get_settings()), tid) as session:
        record_event(session, tid, actor="workflow", action=f"approval.{inp.event}", resource_type="campaign",
                     resource_id=inp.campaign_id, payload={"pending": inp.pending})
    notify(inp)


def notify(event: ApprovalEvent) -> None:
    """The notification hook (e-mail and webhooks plug in here later); today the audit event is the record."""
    activity.logger.info("approval %s for campaign %s", event.event, event.campaign_id)
