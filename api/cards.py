"""Decision-card review: the queue, a card with every proof, and an approver's decision."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Engine, Select, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import aliased
from starlette.concurrency import run_in_threadpool

from agents.research.pg_store import fact_row_id
from api import idempotency
from api.authz import READ_CARDS, Approver, read_as_caller
from api.deps import BearerKeyDep, EngineDep, SettingsDep
from api.errors import responses
from api.models import (
    AuditHeadProof,
    CardDetail,
    CardSummary,
    DecisionCreate,
    DecisionResult,
    FactProof,
    PolicyProof,
    PostProof,
    SimulationProof,
)
from core.db import tenant_session
from core.errors import Conflict, Forbidden, NotFound
from core.identity import Principal
from core.models import (
    AuditHead,
    Campaign,
    DecisionCardRow,
    FactRow,
    PolicyDecisionRow,
    PostVariantRow,
    SimulationRunRow,
    Source,
)
from core.settings import Settings
from workflows.decisions import decide_campaign

router = APIRouter(prefix="/v1", tags=["decision-cards"])

AWAITING = "awaiting_approval"


def _latest_card_ids(session: Any, campaign_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    latest: dict[uuid.UUID, tuple[Any, uuid.UUID]] = {}
    if not campaign_ids:
        return set()
    rows = session.execute(select(DecisionCardRow.id, DecisionCardRow.campaign_id, DecisionCardRow.created_at)
                           .where(DecisionCardRow.campaign_id.in_(campaign_ids))).all()
    for cid, camp, created in rows:
        if camp not in latest or created > latest[camp][0]:
            latest[camp] = (created, cid)
    return {v[1] for v in latest.values()}


def read_queue(session: Any, status: str) -> list[CardSummary]:
    """The tenant's cards (``pending``: those of campaigns awaiting approval), in the caller's transaction."""
    rows = session.execute(select(DecisionCardRow, Campaign).outerjoin(
        Campaign, Campaign.id == DecisionCardRow.campaign_id).order_by(DecisionCardRow.created_at.desc())).all()
    awaiting = {c.id for _, c in rows if c is not None and c.status == AWAITING}
    current = _latest_card_ids(session, awaiting)
    out = []
    for card, camp in rows:
        pending = card.id in current
        if status == "pending" and not pending:
            continue
        readiness = (card.card.get("readiness") or {}).get("mean")
        out.append(CardSummary(
            id=str(card.id), campaign_id=str(card.campaign_id) if card.campaign_id else None,
            campaign_name=camp.name if camp else None, campaign_status=camp.status if camp else None,
            card_sha256=card.card_sha256, verdict=card.card.get("verdict"),
            readiness=float(readiness) if readiness is not None else None, pending=pending,
            created_at=card.created_at.isoformat()))
    return out


def _card_row(session: Any, card_id: uuid.UUID) -> DecisionCardRow:
    row = session.get(DecisionCardRow, card_id)
    if row is None:  # another tenant's card is invisible under RLS: the same answer as a missing one
        raise NotFound(f"decision card {card_id} not found")
    return row


def _uuids(values: Any) -> list[uuid.UUID]:
    out = []
    for v in values or ():
        try:
            out.append(uuid.UUID(str(v)))
        except ValueError:
            continue
    return out


def _card_with_context() -> Select[Any]:
    """One row: the card, its campaign, its simulation, whether it is its campaign's newest card, its posts (a
    JSON array in creation order) and the tenant's audit head, all under the caller's row-level security."""
    other = aliased(DecisionCardRow)
    newest = (select(other.id).where(other.campaign_id == Campaign.id)
              .order_by(other.created_at.desc()).limit(1).correlate(Campaign).scalar_subquery())
    p = PostVariantRow
    post = func.json_build_object("id", p.id, "channel", p.channel, "text", p.text, "hashtags", p.hashtags,
                                  "cited_fact_ids", p.cited_fact_ids, "disclosure_flags", p.disclosure_flags)
    posts = (select(func.coalesce(func.json_agg(aggregate_order_by(post, p.created_at, p.id)), text("'[]'::json")))
             .where(p.campaign_id == DecisionCardRow.campaign_id).correlate(DecisionCardRow).scalar_subquery())
    head = select(func.json_build_object("last_seq", AuditHead.last_seq, "last_hash", AuditHead.last_hash)
                  ).scalar_subquery()
    return (select(DecisionCardRow, Campaign, SimulationRunRow, newest, posts, head)
            .outerjoin(Campaign, Campaign.id == DecisionCardRow.campaign_id)
            .outerjoin(SimulationRunRow, SimulationRunRow.id == DecisionCardRow.simulation_run_id)
            .where(DecisionCardRow.id == bindparam("card_id")))


# Built once: a new alias per call made SQLAlchemy rebuild the columns' expressions and the statement's cache
# key every time, which cost more than the query.
_CARD_WITH_CONTEXT = _card_with_context()


def read_card(session: Any, card_id: uuid.UUID) -> CardDetail:
    """A card with every proof, in the caller's transaction; NotFound for a card the tenant cannot see."""
    # Few round trips (this is the approver's hot read): the card, its campaign, its simulation, whether it is
    # its campaign's newest card, its posts and the audit head come in one statement; the cited facts and the
    # policy decisions cost one each, and none when the card lists none.
    found = session.execute(_CARD_WITH_CONTEXT, {"card_id": card_id}).one_or_none()
    if found is None:  # another tenant's card is invisible under RLS: the same answer as a missing one
        raise NotFound(f"decision card {card_id} not found")
    row, camp, sim, newest_id, posts, head = found
    proofs = row.card.get("proofs") or {}
    # The card cites the BrandTwin's fact ids; their rows' ids derive from (twin id, fact id).
    twin_id = (camp.brief or {}).get("brand_twin_id") if camp is not None else None
    cited = {fact_row_id(twin_id, str(f)): str(f) for f in proofs.get("fact_ids") or ()} if twin_id else {}
    facts = session.execute(select(FactRow, Source).outerjoin(Source, Source.id == FactRow.source_id)
                            .where(FactRow.id.in_(list(cited))).order_by(FactRow.id)).all() if cited else []
    decision_ids = _uuids(proofs.get("policy_decision_ids"))
    decisions = session.execute(select(PolicyDecisionRow).where(PolicyDecisionRow.id.in_(decision_ids))
                                .order_by(PolicyDecisionRow.created_at)).scalars().all() if decision_ids else []
    current = {newest_id} if camp is not None and camp.status == AWAITING else set()
    return CardDetail(
        id=str(row.id), campaign_id=str(row.campaign_id) if row.campaign_id else None,
        campaign_status=camp.status if camp else None, card_sha256=row.card_sha256,
        pending=row.id in current, created_at=row.created_at.isoformat(), card=dict(row.card),
        facts=[FactProof(id=str(f.id), cited_as=cited[f.id], kind=f.kind, text=f.text, quote=f.quote,
                         start=f.start, end=f.end,
                         source_url=s.url if s else None, source_title=s.title if s else None)
               for f, s in facts],
        posts=[PostProof.model_validate(p) for p in posts],
        policy_decisions=[PolicyProof(
            id=str(d.id), query=d.query, action=(d.input or {}).get("action"), allow=d.allow,
            deny=list((d.result or {}).get("deny") or []), warnings=list((d.result or {}).get("warnings") or []),
            engine=d.engine, bundle_revision=d.bundle_revision) for d in decisions],
        simulation=SimulationProof(id=str(sim.id), seed=sim.seed, iterations=sim.iterations, input=dict(sim.input),
                                   summary=dict(sim.summary)) if sim else None,
        audit_head=AuditHeadProof.model_validate(head) if head else None)


def _campaign_of(engine: Engine, principal: Principal, card_id: uuid.UUID) -> str:
    with tenant_session(engine, principal.tenant_id) as session:
        row = _card_row(session, card_id)
        if row.campaign_id is None:
            raise Conflict(f"decision card {card_id} belongs to no campaign: nothing to decide")
        return str(row.campaign_id)


async def decide_on_card(engine: Engine, settings: Settings, principal: Principal, card_id: uuid.UUID,
                         body: DecisionCreate) -> DecisionResult:
    """Signal the card's campaign workflow with the decision (the JSON route and the review page share this).

    Refusals raise: Forbidden (403) when the gate or the signature says no, Conflict (409) when the card is
    stale or the campaign is not awaiting this decision.
    """
    campaign_id = await run_in_threadpool(_campaign_of, engine, principal, card_id)
    outcome = await decide_campaign(settings, principal, campaign_id, body.decision, comment=body.comment,
                                    card_sha256=body.card_sha256)
    if not outcome.accepted:
        reason = outcome.reason or "refused"
        if outcome.conflict:  # about the campaign's state (stale card, already decided): 409
            raise Conflict(reason)
        raise Forbidden(reason)
    return DecisionResult(accepted=True, decision=outcome.kind, campaign_id=campaign_id,
                          approval_id=outcome.approval_id, policy_decision_id=outcome.policy_decision_id)


@router.get("/decision-cards", response_model=list[CardSummary], responses=responses(401, 403, 422))
def list_cards(key: BearerKeyDep, engine: EngineDep, settings: SettingsDep,
               status: Literal["pending", "all"] = Query("pending")) -> list[CardSummary]:
    """The review queue: cards of campaigns awaiting approval (``status=all``: every card)."""
    # A plain def: FastAPI runs it in its thread pool; admission and the read share one transaction.
    return read_as_caller(engine, settings, key, READ_CARDS, lambda session, _: read_queue(session, status))


@router.get("/decision-cards/{card_id}", response_model=CardDetail, responses=responses(401, 403, 404, 422))
def get_card(card_id: uuid.UUID, key: BearerKeyDep, engine: EngineDep, settings: SettingsDep) -> CardDetail:
    """A card with its proofs: facts with quotes and sources, posts, policy decisions, simulation, audit head."""
    return read_as_caller(engine, settings, key, READ_CARDS, lambda session, _: read_card(session, card_id))


@router.post("/decision-cards/{card_id}/decision", response_model=DecisionResult,
             responses=responses(401, 403, 404, 409, 413, 422, 503))
async def decide_card(card_id: uuid.UUID, body: DecisionCreate, principal: Approver, engine: EngineDep,
                      settings: SettingsDep, idempotency_key: idempotency.IdempotencyHeader = None,
                      ) -> DecisionResult:
    """Approve, reject or request changes on the card whose hash you reviewed (four-eyes, via the gate).

    Refusals: 403 when the gate or the signature says no, 409 when the card is stale or the campaign
    is not awaiting this decision; the reason is in ``detail``.
    """
    key = idempotency.checked_key(idempotency_key)
    path = f"/v1/decision-cards/{card_id}/decision"
    digest = idempotency.request_hash("POST", path, body)
    if key is not None:
        stored = await run_in_threadpool(idempotency.lookup, engine, principal, key, digest)
        if stored is not None:
            return DecisionResult.model_validate(stored.body)
    answer = await decide_on_card(engine, settings, principal, card_id, body)
    if key is not None:
        won = await run_in_threadpool(idempotency.store, engine, principal, key, "POST", path, digest,
                                      idempotency.Stored(200, answer.model_dump(mode="json")))
        return DecisionResult.model_validate(won.body)
    return answer
