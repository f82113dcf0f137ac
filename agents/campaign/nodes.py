"""Nodes of the campaign graph (module-level so Temporal can run them as activities).

Every node takes the JSON-serialisable ``CampaignState`` and returns a partial update. Live
dependencies (database engine, settings, LLM provider, embedder) are looked up in the node: the
engine and settings from ``core.settings.get_settings()`` / ``core.db.app_engine`` (the worker and the
tests share that environment), provider and embedder by name through ``agents.research.registry``.

plan → create → legal_review → simulate → persist;  create → halt when the spend is denied.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from typing import Annotated, Any, TypedDict

from sqlalchemy import Engine, select

from agents.campaign.store import mark_campaign, persist_campaign
from agents.creative import Revision, SpendGate, draft_posts
from agents.legal import review_posts
from agents.llm.base import LLMProvider
from agents.planner import plan_campaign
from agents.research import registry
from agents.research.config import LLMSpec
from core.contracts.brand import BrandTwin, ContractCard
from core.contracts.campaign import CampaignPlan, LegalReview, PostVariant
from core.contracts.simulation import DecisionCard, SimulationInput
from core.db import app_engine, tenant_session
from core.errors import NotFound, PolicyDenied
from core.models import AuditHead, BrandTwinRow
from core.settings import Settings, get_settings
from simulator.card import build_decision_card, deterministic_run_id
from simulator.engine import SimulationResult, simulate
from simulator.from_campaign import simulation_input


class CampaignState(TypedDict, total=False):
    # in
    tenant_id: str
    campaign_id: str
    actor: dict[str, Any]  # {id, role}
    brand_twin: dict[str, Any]  # BrandTwin JSON, inline (evals, tests) ...
    brand_twin_id: str  # ... or the stored twin's id (workflows: the history carries the id, not the twin)
    contract_card: dict[str, Any]  # ContractCard JSON
    workspace: dict[str, Any]  # the policy workspace document (policies/inputs.py)
    start_date: str  # ISO date
    posts_per_channel: int
    seed: int
    iterations: int | None
    published: list[dict[str, Any]]  # [{id, channel, text, date}]
    llm: dict[str, Any]  # LLMSpec JSON
    embedder: str
    trace_id: str | None
    name: str | None
    revision: dict[str, Any] | None  # {round, comment}: an approver asked for changes
    # out
    plan: dict[str, Any]
    posts: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    simulation_input: dict[str, Any]
    decision_card: dict[str, Any]
    policy_decision_ids: list[str]
    simulation_run_id: str
    decision_card_id: str
    card_sha256: str
    status: str  # planned | drafted | denied | reviewed | simulated | awaiting_approval
    message: str
    usage: Annotated[list[dict[str, Any]], operator.add]


def _deps() -> tuple[Settings, Engine]:
    settings = get_settings()
    return settings, app_engine(settings)


def _twin(state: CampaignState) -> BrandTwin:
    if state.get("brand_twin") is not None:
        return BrandTwin.model_validate(state["brand_twin"])
    _, db = _deps()
    with tenant_session(db, uuid.UUID(state["tenant_id"])) as session:
        row = session.get(BrandTwinRow, uuid.UUID(state["brand_twin_id"]))
        if row is None:
            raise NotFound(f"brand twin {state['brand_twin_id']} not found in this tenant")
        return BrandTwin.model_validate(row.data)


def _card(state: CampaignState) -> ContractCard:
    return ContractCard.model_validate(state["contract_card"])


def _llm(state: CampaignState) -> LLMSpec:
    return LLMSpec.model_validate(state.get("llm") or {})


def _requested_model(spec: LLMSpec, provider: LLMProvider) -> str | None:
    """The model to ask for; None keeps the provider's own (offline, environment or registered)."""
    if provider.offline or spec.provider in ("env", "registered"):
        return None
    return spec.model


def _planned_model(spec: LLMSpec, provider: LLMProvider) -> str:
    # Offline drafts cost nothing, but the estimate shows what a live model would cost.
    return spec.model if provider.offline else (_requested_model(spec, provider) or provider.model)


def _plan(state: CampaignState) -> CampaignPlan:
    return CampaignPlan.model_validate(state["plan"])


def _posts(state: CampaignState) -> list[PostVariant]:
    return [PostVariant.model_validate(p) for p in state.get("posts", [])]


def _reviews(state: CampaignState) -> list[LegalReview]:
    return [LegalReview.model_validate(r) for r in state.get("reviews", [])]


def _sim_input(state: CampaignState) -> SimulationInput:
    return SimulationInput.model_validate(state["simulation_input"])


# ---------------------------------------------------------------- plan


def plan(state: CampaignState) -> dict[str, Any]:
    """Lay out the calendar with token and cost estimates for the planned model."""
    spec = _llm(state)
    provider = registry.get_provider(spec, tenant_id=state["tenant_id"])
    result = plan_campaign(
        _twin(state),
        _card(state),
        campaign_id=state["campaign_id"],
        start_date=dt.date.fromisoformat(state["start_date"]),
        posts_per_channel=int(state.get("posts_per_channel", 2)),
        seed=int(state.get("seed", 0)),
        model=_planned_model(spec, provider),
    )
    cost = sum(i.cost_estimate for i in result.items)
    return {
        "plan": result.model_dump(mode="json"),
        "status": "planned",
        "message": f"{len(result.items)} posts planned, estimated LLM cost {cost:.4f} {result.currency}",
    }


# ---------------------------------------------------------------- create


def create(state: CampaignState) -> dict[str, Any]:
    """Ask the gate for the LLM spend, then draft one post per plan item."""
    settings, db = _deps()
    spec = _llm(state)
    card = _card(state)
    provider = registry.get_provider(spec, tenant_id=state["tenant_id"])
    gate = SpendGate(db=db, settings=settings, tenant_id=state["tenant_id"], actor=state["actor"],
                     workspace=state["workspace"], card=card, campaign_id=state.get("campaign_id"))
    try:
        rev = state.get("revision")
        posts = draft_posts(_plan(state), _twin(state), card, provider=provider, seed=int(state.get("seed", 0)),
                            model=_requested_model(spec, provider), fallback_model=spec.fallback_model,
                            spend_gate=gate,
                            revision=Revision(int(rev["round"]), str(rev["comment"])) if rev else None)
    except PolicyDenied as exc:
        ids = [exc.decision_id] if exc.decision_id else []
        return {"status": "denied", "message": str(exc), "policy_decision_ids": ids}
    record_llm_spend(db, state, posts)
    spend_ids = sorted({p.spend_decision_id for p in posts if p.spend_decision_id})
    usage = [
        {"agent": "creative", "post_id": p.id, "model": p.llm_model, "prompt_tokens": p.prompt_tokens,
         "completion_tokens": p.completion_tokens, "offline": p.disclosure_flags.offline_draft}
        for p in posts
    ]
    downgraded = any(p.model_downgraded for p in posts)
    return {
        "posts": [p.model_dump(mode="json") for p in posts],
        "policy_decision_ids": spend_ids,
        "status": "drafted",
        "message": f"{len(posts)} posts drafted" + (" (model downgraded by budget policy)" if downgraded else ""),
        "usage": usage,
    }


def record_llm_spend(db: Engine, state: CampaignState, posts: list[PostVariant]) -> None:
    """What drafting cost, per channel, against the contract card's caps (an offline draft costs nothing)."""
    from agents.llm.tokens import cost_usd

    _record_llm_costs(db, state, [
        (p.channel, cost_usd(p.llm_model, p.prompt_tokens, p.completion_tokens), p.llm_model, f"llm:{p.id}",
         {"post_id": p.id, "prompt_tokens": p.prompt_tokens, "completion_tokens": p.completion_tokens})
        for p in posts])  # fmt: skip


def _record_llm_costs(db: Engine, state: CampaignState,
                      costs: list[tuple[str, float, str, str, dict[str, Any]]]) -> None:
    """Record each (channel, amount, model, once key, detail) with a cost, once per revision round however often
    the node runs (the round ends the once key)."""
    from agents.publisher.budget import record_spend

    if not state.get("campaign_id"):
        return
    rnd = int((state.get("revision") or {}).get("round", 0))
    with tenant_session(db, uuid.UUID(state["tenant_id"])) as session:
        for channel, amount, model, once, detail in costs:
            if amount > 0:
                record_spend(session, uuid.UUID(state["tenant_id"]), uuid.UUID(state["campaign_id"]), channel,
                             "llm", amount, model=model, once=f"{once}:{rnd}", detail=detail)


def route_after_create(state: CampaignState) -> str:
    """Stop when the spend was denied."""
    return "halt" if state.get("status") == "denied" else "legal_review"


def halt(state: CampaignState) -> dict[str, Any]:
    """Mark the campaign denied (the policy decision itself is already recorded)."""
    _, db = _deps()
    mark_campaign(db, state["tenant_id"], state["campaign_id"], status="denied",
                  actor_id=str(state["actor"]["id"]), reason=state.get("message", "denied"))
    return {"status": "denied"}


# ---------------------------------------------------------------- legal review


def legal_review(state: CampaignState) -> dict[str, Any]:
    """One recorded content.review decision per post, plus claim and duplication risks. A configured language
    model is one more signal (agents/legal/model_signal.py) once the gate allowed what asking it costs."""
    from agents.legal.context import context_from_twin
    from agents.legal.model_signal import spend_checked

    settings, db = _deps()
    posts, twin = _posts(state), _twin(state)
    provider = registry.get_provider(_llm(state), tenant_id=state["tenant_id"])
    gate = SpendGate(db=db, settings=settings, tenant_id=state["tenant_id"], actor=state["actor"],
                     workspace=state["workspace"], card=_card(state), campaign_id=state.get("campaign_id"))
    model, spend = spend_checked(provider, [(p.text, p.channel) for p in posts], context_from_twin(twin), gate)
    reviews = review_posts(
        posts,
        twin,
        workspace_doc=state["workspace"],
        actor=state["actor"],
        tenant_id=state["tenant_id"],
        db=db,
        settings=settings,
        published=state.get("published", []),
        embedder=registry.get_embedder(state.get("embedder") or settings.embedder),
        campaign_id=state.get("campaign_id"),
        model=model,
    )
    record_review_spend(db, state, posts, reviews)
    denied = sum(1 for r in reviews if not r.allow)
    ids = list(state.get("policy_decision_ids", [])) + ([spend.decision_id] if spend else []) + [
        r.policy_decision_id for r in reviews]
    skipped = "; model signal skipped: its LLM spend was denied by policy" if spend and not spend.allow else ""
    usage = [{"agent": "legal", "post_id": r.post_id, "model": r.model_review.model,
              "prompt_tokens": r.model_review.prompt_tokens, "completion_tokens": r.model_review.completion_tokens,
              "offline": False} for r in reviews if r.model_review]  # fmt: skip
    return {
        "reviews": [r.model_dump(mode="json") for r in reviews],
        "policy_decision_ids": ids,
        "status": "reviewed",
        "message": f"{len(reviews)} posts reviewed, {denied} denied by policy{skipped}",
        "usage": usage,
    }


def record_review_spend(db: Engine, state: CampaignState, posts: list[PostVariant], reviews: list[LegalReview]) -> None:
    """What the legal review's model calls cost, per channel, against the contract card's caps."""
    channel = {p.id: p.channel for p in posts}
    _record_llm_costs(db, state, [
        (channel[r.post_id], m.cost_usd, m.model, f"llm-legal:{r.post_id}",
         {"post_id": r.post_id, "agent": "legal", "prompt_tokens": m.prompt_tokens,
          "completion_tokens": m.completion_tokens})
        for r in reviews if (m := r.model_review) is not None])  # fmt: skip


# ---------------------------------------------------------------- simulate


def run_simulation(inp: SimulationInput, seed: int, iterations: int | None) -> SimulationResult:
    """The seeded Monte Carlo run of a campaign (in process: the activity is the unit of work)."""
    return simulate(inp, seed, iterations)


def card_for(inp: SimulationInput, result: SimulationResult, *, tenant_id: str, policy_decision_ids: list[str],
             trace_id: str | None, audit_root_hash: str | None) -> DecisionCard:
    """The decision card of a run, with the run id derived per tenant."""
    run_id = deterministic_run_id(inp, result.seed, result.iterations, namespace=tenant_id)
    return build_decision_card(inp, result, simulation_run_id=run_id, policy_decision_ids=policy_decision_ids,
                               trace_id=trace_id, audit_root_hash=audit_root_hash)


def audit_head_hash(db: Engine, tenant_id: str) -> str | None:
    """The tenant's latest audit hash (None before the first event)."""
    with tenant_session(db, tenant_id) as session:
        return session.execute(select(AuditHead.last_hash)).scalar_one_or_none()


def simulate_campaign(state: CampaignState) -> dict[str, Any]:
    """Run the simulator and build the decision card whose proofs name every policy decision."""
    _, db = _deps()
    inp = simulation_input(_plan(state), _posts(state), _reviews(state), _card(state),
                           campaign_id=state.get("campaign_id"), name=state.get("name"))
    seed = int(state.get("seed", 0))
    iterations = state.get("iterations")
    result = run_simulation(inp, seed, int(iterations) if iterations is not None else None)
    card = card_for(inp, result, tenant_id=state["tenant_id"],
                    policy_decision_ids=list(state.get("policy_decision_ids", [])),
                    trace_id=state.get("trace_id"), audit_root_hash=audit_head_hash(db, state["tenant_id"]))
    return {
        "simulation_input": inp.model_dump(mode="json"),
        "decision_card": card.model_dump(mode="json"),
        "simulation_run_id": card.proofs.simulation_run_id,
        "status": "simulated",
        "message": card.verdict,
    }


# ---------------------------------------------------------------- persist


def persist(state: CampaignState) -> dict[str, Any]:
    """Store plan, posts, run and card in one transaction; the campaign then awaits approval."""
    _, db = _deps()
    inp = _sim_input(state)
    card = DecisionCard.model_validate(state["decision_card"])
    # The run is not in state (too big for workflow history): re-run it with the card's seed and
    # iteration count, which reproduces it exactly, and refuse a card that does not match.
    result = run_simulation(inp, card.seed, card.iterations)
    rebuilt = card_for(inp, result, tenant_id=state["tenant_id"],
                       policy_decision_ids=list(card.proofs.policy_decision_ids),
                       trace_id=card.proofs.trace_id, audit_root_hash=card.proofs.audit_root_hash)
    if rebuilt != card:
        raise ValueError("the decision card in state does not match its simulation run; refusing to store it")
    stored = persist_campaign(db, state["tenant_id"], campaign_id=state["campaign_id"],
                              actor_id=str(state["actor"]["id"]), plan=_plan(state), posts=_posts(state),
                              inp=inp, result=result, card=card)
    return {
        "simulation_run_id": stored.simulation_run_id,
        "decision_card_id": stored.decision_card_id,
        "card_sha256": stored.card_sha256,
        "status": "awaiting_approval",
        "message": card.verdict,
    }


def new_state(**values: Any) -> CampaignState:
    """An initial state with defaults filled in (callers outside Temporal)."""
    state: CampaignState = {
        "posts_per_channel": 2,
        "seed": 0,
        "iterations": None,
        "published": [],
        "llm": LLMSpec().model_dump(mode="json"),
        "embedder": "minilm",
        "trace_id": None,
        "usage": [],
    }
    state.update(values)  # type: ignore[typeddict-item]
    return state
