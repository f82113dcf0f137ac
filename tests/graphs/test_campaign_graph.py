"""The campaign graph outside Temporal: a real fixture BrandTwin to a persisted decision card.

Real Postgres (RLS), real Rego, offline LLM, hashing embedder. The state is also pushed through a
JSON round trip between every node, as Temporal does between activities.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from agents.campaign import new_state, run_campaign
from agents.campaign import nodes as campaign_nodes
from agents.campaign.store import persist_campaign
from agents.crawler import CrawlConfig
from agents.research.config import LLMSpec, ResearchConfig
from agents.research.service import run_research
from agents.research.store import InMemoryResearchStore
from core.audit import verify_tenant
from core.contracts.brand import BrandTwin, ContractCard
from core.contracts.campaign import CampaignPlan, PostVariant
from core.contracts.simulation import DecisionCard, SimulationInput
from core.db import tenant_session
from core.errors import InvalidInput
from core.models import (
    AuditEvent,
    Campaign,
    DecisionCardRow,
    PlanItem,
    PolicyDecisionRow,
    PostVariantRow,
    SimulationRunRow,
    Workspace,
)
from fixtures.server import serve_site
from graphs.campaign import NODE_NAMES, make_campaign_graph
from simulator.card import card_sha256
from simulator.engine import simulate

CONFIG = ResearchConfig(embedder="hashing", crawl=CrawlConfig(allow_private=True, politeness_delay_s=0))
ITERATIONS = 20_000


@pytest.fixture(scope="module")
def brand() -> tuple[BrandTwin, ContractCard]:
    """A real BrandTwin + Contract Card of the Northpeak Coffee fixture site."""
    with serve_site("northpeak-coffee") as base:
        outcome = run_research(base + "/", tenant_id="t-northpeak", config=CONFIG, store=InMemoryResearchStore())
    assert outcome.contract_card is not None
    return outcome.brand_twin, outcome.contract_card


def start_state(engine: Engine, tenant: uuid.UUID, twin: BrandTwin, card: ContractCard, *,
                spent: float = 0.0, published: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A workspace, a campaign row and the graph's initial state, as the workflow would build them."""
    with tenant_session(engine, tenant) as s:
        ws = Workspace(tenant_id=tenant, name=f"ws-{uuid.uuid4().hex[:6]}", mode="shadow",
                       contract_card=card.model_dump(mode="json"), region=card.region, industry=twin.industry)
        s.add(ws)
        s.flush()
        camp = Campaign(tenant_id=tenant, workspace_id=ws.id, name="spring", status="planning")
        s.add(camp)
        s.flush()
        ws_id, campaign_id = str(ws.id), str(camp.id)
    cap = sum(c.budget_cap for c in card.channels)
    workspace = {"id": ws_id, "tenant_id": str(tenant), "region": card.region, "industry": twin.industry,
                 "mode": "shadow", "budget": {"cap": cap, "spent": spent}}
    state = new_state(
        tenant_id=str(tenant), campaign_id=campaign_id, actor={"id": "u-marketer", "role": "marketer"},
        brand_twin=twin.model_dump(mode="json"), contract_card=card.model_dump(mode="json"), workspace=workspace,
        start_date="2025-04-07", posts_per_channel=2, seed=11, iterations=ITERATIONS, published=published or [],
        llm=LLMSpec(provider="offline").model_dump(mode="json"), embedder="hashing", trace_id=f"trace-{campaign_id}",
    )
    return dict(state)


def test_graph_nodes_run_as_activities_with_timeouts() -> None:
    graph = make_campaign_graph()
    assert set(graph.nodes) == set(NODE_NAMES) == {"plan", "create", "legal_review", "simulate", "persist", "halt"}
    for name, spec in graph.nodes.items():
        meta = spec.metadata or {}
        assert meta["execute_in"] == "activity", name
        timeout = meta["start_to_close_timeout"]
        assert isinstance(timeout, timedelta) and timeout.total_seconds() > 0
        # Bounded retries everywhere; long nodes heartbeat so a dead worker is noticed.
        retry = meta["retry_policy"]
        assert 1 < retry.maximum_attempts <= 10 and "InvalidInput" in retry.non_retryable_error_types
        if timeout >= timedelta(minutes=2):
            assert meta["heartbeat_timeout"] <= timedelta(seconds=60), name
        # Temporal imports node functions by module path: they must not live in __main__.
        func: Any = getattr(spec.runnable, "func", None) or getattr(spec.runnable, "afunc", None)
        assert func is not None and func.__module__ == "agents.campaign.nodes"


def test_workers_schedule_long_nodes_with_the_configured_heartbeat_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """SMM_HEARTBEAT_TIMEOUT_S reaches every graph a worker registers (the fault drills run on 10 s)."""
    import graphs.campaign
    import graphs.publisher
    import graphs.research
    from core.settings import Settings
    from workflows.worker import langgraph_plugin

    def long_node_beats(graph: Any) -> set[timedelta]:
        return {(spec.metadata or {})["heartbeat_timeout"] for spec in graph.nodes.values()
                if "heartbeat_timeout" in (spec.metadata or {})}

    assert long_node_beats(make_campaign_graph(timedelta(seconds=12))) == {timedelta(seconds=12)}
    assert long_node_beats(make_campaign_graph()) == {timedelta(seconds=30)}
    built: dict[str, timedelta] = {}
    for module in (graphs.campaign, graphs.publisher, graphs.research):
        name = module.__name__.split(".")[1]
        make = getattr(module, f"make_{name}_graph")
        monkeypatch.setattr(module, f"make_{name}_graph",
                            lambda beat, make=make, name=name: built.setdefault(name, beat) and make(beat))
    langgraph_plugin(Settings(env="development", heartbeat_timeout_s=15))
    assert built == dict.fromkeys(("campaign", "publisher", "research"), timedelta(seconds=15))
    # Below 10 s a busy worker's beats (every 5 s) could miss it; above 120 s the shortest long step's own
    # timeout would fire first.
    for out_of_range in (5, 121):
        with pytest.raises(ValueError, match="heartbeat_timeout_s"):
            Settings(env="development", heartbeat_timeout_s=out_of_range)


def test_fixture_brand_to_persisted_decision_card(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    # A first run (another tenant) tells us a post this plan will produce; "publishing" it makes the
    # second run's copy of that post an exact duplicate, whatever facts the fixture's ids favour.
    warmup = run_campaign(start_state(engine, make_tenant(), twin, card))  # type: ignore[arg-type]
    repeated = warmup["posts"][0]
    tenant = make_tenant()
    published = [{"id": "pub-1", "channel": repeated["channel"], "date": "2025-02-20", "text": repeated["text"]}]
    state = start_state(engine, tenant, twin, card, published=published)
    final = run_campaign(state)  # type: ignore[arg-type]

    assert final["status"] == "awaiting_approval", final.get("message")
    plan = CampaignPlan.model_validate(final["plan"])
    posts = [PostVariant.model_validate(p) for p in final["posts"]]
    the_card = DecisionCard.model_validate(final["decision_card"])
    channels = {"instagram", "facebook"}  # the contract card proposes only channels a connector publishes
    n = 2 * len(channels)  # two posts per channel
    assert {i.channel for i in plan.items} == channels and len(plan.items) == n and len(posts) == n
    assert the_card.proofs.trace_id == state["trace_id"] and the_card.seed == 11
    assert the_card.iterations == ITERATIONS and the_card.campaign_id == state["campaign_id"]

    review_ids = {r["policy_decision_id"] for r in final["reviews"]}
    spend_ids = {p.spend_decision_id for p in posts}
    assert len(review_ids) == n and len(spend_ids) == 1
    assert set(the_card.proofs.policy_decision_ids) == review_ids | spend_ids == set(final["policy_decision_ids"])
    assert set(the_card.proofs.fact_ids) == {f for p in posts for f in p.cited_fact_ids}

    cid = uuid.UUID(state["campaign_id"])
    with tenant_session(engine, tenant) as s:
        assert s.get(Campaign, cid).status == "awaiting_approval"  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(PlanItem).where(PlanItem.campaign_id == cid)) == n
        rows = s.execute(select(PostVariantRow).where(PostVariantRow.campaign_id == cid)).scalars().all()
        assert sorted(str(r.id) for r in rows) == sorted(p.id for p in posts)
        assert all(r.disclosure_flags["sponsored"] and "#ad" in r.text for r in rows)

        card_row = s.get(DecisionCardRow, uuid.UUID(final["decision_card_id"]))
        assert card_row is not None and card_row.campaign_id == cid
        assert card_row.card_sha256 == card_sha256(the_card) == card_sha256(DecisionCard.model_validate(card_row.card))
        run_row = s.get(SimulationRunRow, uuid.UUID(final["simulation_run_id"]))
        assert run_row is not None and run_row.seed == 11 and run_row.iterations == ITERATIONS
        assert str(card_row.simulation_run_id) == the_card.proofs.simulation_run_id

        # Every proof is a recorded decision of this tenant and campaign.
        decisions = s.execute(select(PolicyDecisionRow).where(
            PolicyDecisionRow.id.in_([uuid.UUID(d) for d in the_card.proofs.policy_decision_ids]))).scalars().all()
        assert len(decisions) == len(the_card.proofs.policy_decision_ids)
        assert all(d.campaign_id == cid for d in decisions)
        assert {d.input["action"] for d in decisions} == {"llm.spend", "content.review"}

        # The audit root on the card is the chain head just before the card event; the chain verifies.
        events = s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
        created = [e for e in events if e.action == "decision_card.created"]
        assert len(created) == 1 and created[0].resource_id == final["decision_card_id"]
        assert created[0].payload["card_sha256"] == card_row.card_sha256
        assert created[0].prev_hash == the_card.proofs.audit_root_hash
        assert verify_tenant(s, tenant).ok

    # The published duplicate was seen by legal review and reached the simulator.
    inp = SimulationInput.model_validate(final["simulation_input"])
    assert all(p.similar_post_id == "pub-1" and str(p.similar_post_date) == "2025-02-20" for p in inp.posts)
    assert max(p.duplicate_similarity for p in inp.posts) > 0.99

    # Same inputs and seed: the simulation reproduces the stored card byte for byte.
    again = simulate(inp, 11, ITERATIONS)
    rebuilt = campaign_nodes.card_for(inp, again, tenant_id=str(tenant),
                                      policy_decision_ids=list(the_card.proofs.policy_decision_ids),
                                      trace_id=the_card.proofs.trace_id,
                                      audit_root_hash=the_card.proofs.audit_root_hash)
    assert card_sha256(rebuilt) == card_row.card_sha256


NODE_ORDER: dict[str, Callable[[Any], dict[str, Any]]] = {
    "plan": campaign_nodes.plan,
    "create": campaign_nodes.create,
    "legal_review": campaign_nodes.legal_review,
    "simulate": campaign_nodes.simulate_campaign,
    "persist": campaign_nodes.persist,
}


def test_state_survives_a_json_round_trip_between_every_node(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    tenant = make_tenant()
    state = json.loads(json.dumps(start_state(engine, tenant, twin, card)))
    for name, node in NODE_ORDER.items():
        update = node(state)
        # What an activity returns is serialised into workflow history: it must be plain JSON.
        update = json.loads(json.dumps(update))
        usage = state.get("usage", []) + update.pop("usage", [])  # the graph's reducer
        state = json.loads(json.dumps({**state, **update, "usage": usage}))
        assert "status" in update, name
    assert state["status"] == "awaiting_approval"
    assert len(state["usage"]) == len(state["posts"])
    with tenant_session(engine, tenant) as s:
        row = s.get(DecisionCardRow, uuid.UUID(state["decision_card_id"]))
        assert row is not None and row.card == state["decision_card"]

    # A retried persist (Temporal at-least-once) finds what the first attempt stored.
    again = campaign_nodes.persist(state)
    assert again["decision_card_id"] == state["decision_card_id"]
    with tenant_session(engine, tenant) as s:
        cid = uuid.UUID(state["campaign_id"])
        cards = select(func.count()).select_from(DecisionCardRow).where(DecisionCardRow.campaign_id == cid)
        assert s.scalar(cards) == 1
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "decision_card.created")) == 1

    # A card that does not match its run is refused.
    forged: Any = dict(state, decision_card={**state["decision_card"], "verdict": "Ready to go live: trust me"})
    with pytest.raises(ValueError, match="does not match"):
        campaign_nodes.persist(forged)


def test_spend_denied_at_the_cap_stops_before_drafting(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    tenant = make_tenant()
    cap = sum(c.budget_cap for c in card.channels)
    state = start_state(engine, tenant, twin, card, spent=cap)
    final = run_campaign(state)  # type: ignore[arg-type]
    assert final["status"] == "denied" and "budget.workspace_cap_reached" in final["message"]
    assert "posts" not in final and "decision_card" not in final
    cid = uuid.UUID(state["campaign_id"])
    with tenant_session(engine, tenant) as s:
        assert s.get(Campaign, cid).status == "denied"  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(DecisionCardRow)) == 0
        decision = s.get(PolicyDecisionRow, uuid.UUID(final["policy_decision_ids"][0]))
        assert decision is not None and not decision.allow and decision.campaign_id == cid
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "campaign.denied")) == 1


def test_persist_writes_nothing_when_any_part_fails(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    tenant = make_tenant()
    state = json.loads(json.dumps(start_state(engine, tenant, twin, card)))
    for name in ("plan", "create", "legal_review", "simulate"):
        update = NODE_ORDER[name](state)
        state = {**state, **update}
    inp = SimulationInput.model_validate(state["simulation_input"])
    the_card = DecisionCard.model_validate(state["decision_card"])
    result = simulate(inp, the_card.seed, the_card.iterations)
    # A run id that is not a UUID fails inside save_run_and_card, after plan items and posts were added.
    bad_card = the_card.model_copy(update={"proofs": the_card.proofs.model_copy(update={"simulation_run_id": "nope"})})
    with pytest.raises(InvalidInput):
        persist_campaign(engine, str(tenant), campaign_id=state["campaign_id"], actor_id="u",
                         plan=CampaignPlan.model_validate(state["plan"]),
                         posts=[PostVariant.model_validate(p) for p in state["posts"]], inp=inp, result=result,
                         card=bad_card)
    cid = uuid.UUID(state["campaign_id"])
    with tenant_session(engine, tenant) as s:
        assert s.scalar(select(func.count()).select_from(PlanItem).where(PlanItem.campaign_id == cid)) == 0
        assert s.scalar(select(func.count()).select_from(PostVariantRow).where(PostVariantRow.campaign_id == cid)) == 0
        assert s.scalar(select(func.count()).select_from(SimulationRunRow)) == 0
        assert s.get(Campaign, cid).status == "planning"  # type: ignore[union-attr]
